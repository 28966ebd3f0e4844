using System.Diagnostics;
using CustomsFn.Core.Model;
using UglyToad.PdfPig;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>Throughput of the text-PDF path against its floor, PdfPig's bare word extraction of the same pages.</summary>
public sealed record PdfBenchmarkResult(int Documents, int Pages, int Rounds, double PipelinePagesPerSecond, double BarePagesPerSecond)
{
    /// <summary>How many times slower the full extraction is than PdfPig's bare word extraction (target: at most 1.5).</summary>
    public double Ratio => PipelinePagesPerSecond <= 0 ? double.PositiveInfinity : BarePagesPerSecond / PipelinePagesPerSecond;
}

/// <summary>
/// Measures text-PDF pages per second for the whole local extraction (PdfPig letters -> words -> lines -> fields and
/// tables) and for PdfPig's own <c>Page.GetWords()</c> over the same files, alternating the two in each round so that
/// both see the same machine load. A measurement, not a test: run it with <c>customs bench-pdf</c>.
/// </summary>
public static class PdfBenchmark
{
    public static PdfBenchmarkResult Run(IReadOnlyList<byte[]> documents, int rounds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var extractor = new PdfTextExtractor();
        var pages = documents.Sum(d => { using var doc = PdfDocument.Open(d); return doc.NumberOfPages; });
        // Warm up both paths (JIT, static tables).
        Pipeline(extractor, documents, cancellationToken);
        Bare(documents);
        var pipeline = TimeSpan.Zero;
        var bare = TimeSpan.Zero;
        for (var r = 0; r < rounds; r++)
        {
            var sw = Stopwatch.StartNew();
            Bare(documents);
            bare += sw.Elapsed;
            sw.Restart();
            Pipeline(extractor, documents, cancellationToken);
            pipeline += sw.Elapsed;
        }
        var total = (double)pages * rounds;
        return new PdfBenchmarkResult(documents.Count, pages, rounds, total / pipeline.TotalSeconds, total / bare.TotalSeconds);
    }

    private static void Pipeline(PdfTextExtractor extractor, IReadOnlyList<byte[]> documents, CancellationToken cancellationToken)
    {
        foreach (var d in documents) extractor.Extract(PdfPages.Read(d, includeImages: false, cancellationToken));
    }

    private static int Bare(IReadOnlyList<byte[]> documents)
    {
        var words = 0;
        foreach (var d in documents)
        {
            using var doc = PdfDocument.Open(d, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            foreach (var page in doc.GetPages()) words += page.GetWords().Count();
        }
        return words;
    }

    /// <summary>The text PDFs among the files (those the text extractor reads), for the benchmark.</summary>
    public static List<byte[]> TextPdfs(IEnumerable<string> files)
    {
        var result = new List<byte[]>();
        var extractor = new PdfTextExtractor();
        foreach (var f in files)
        {
            var bytes = File.ReadAllBytes(f);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF-"u8) < 0) continue;
            try
            {
                if (extractor.Extract(PdfPages.Read(bytes, false, CancellationToken.None)) is { Document.Format: DocumentFormat.PdfText }) result.Add(bytes);
            }
            catch (Pipeline.DocumentRejectedException)
            {
                // Not a readable text PDF: not part of the benchmark.
            }
        }
        return result;
    }
}
