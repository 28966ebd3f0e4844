using CustomsFn.Core.Sniffing;
using Newtonsoft.Json.Linq;

namespace CustomsFn.Bench;

/// <summary>A benchmark input: its name and bytes.</summary>
internal sealed record BenchFile(string Name, byte[] Bytes);

/// <summary>A scan of the evaluation set with its expected language (ISO 639-1).</summary>
internal sealed record BenchScan(string Name, byte[] Bytes, string Format, string Language);

/// <summary>
/// Where the benchmark's documents come from: the repository's <c>samples/</c> (documents and the labelled evaluation
/// set) and, when present, the public corpus at <c>../shared/corpus</c> (EN 16931 examples, invoice2data PDFs).
/// </summary>
internal sealed class BenchInputs(string repositoryRoot, string? corpusRoot)
{
    public string RepositoryRoot { get; } = repositoryRoot;
    public string? CorpusRoot { get; } = corpusRoot;

    /// <summary>The repository above <paramref name="start"/> (a folder with CustomsFn.sln and samples/), or above this program.</summary>
    public static BenchInputs Find(string? start, string? corpus)
    {
        foreach (var from in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "CustomsFn.sln")) || !Directory.Exists(Path.Combine(dir.FullName, "samples"))) continue;
                var shared = corpus ?? Path.Combine(dir.FullName, "..", "shared", "corpus");
                return new BenchInputs(dir.FullName, Directory.Exists(shared) ? Path.GetFullPath(shared) : null);
            }
        }
        throw new DirectoryNotFoundException("The CustomsFn repository (CustomsFn.sln with samples/) was not found above the current folder.");
    }

    private string Samples(params string[] parts) => Path.Combine([RepositoryRoot, "samples", .. parts]);

    /// <summary>UBL and CII e-invoices: the well-formed XML samples, plus the EN 16931 UBL and CII examples of the corpus.</summary>
    public IReadOnlyList<BenchFile> XmlInvoices(bool quick)
    {
        var files = Directory.EnumerateFiles(Samples("documents"), "*.xml").Where(f => !Path.GetFileName(f).Contains("malformed", StringComparison.Ordinal)).ToList();
        if (!quick && CorpusRoot is not null)
        {
            var examples = Path.Combine(CorpusRoot, "einvoice", "en16931-connectingeurope");
            foreach (var kind in new[] { "ubl", "cii" })
            {
                var dir = Path.Combine(examples, kind, "examples");
                if (Directory.Exists(dir)) files.AddRange(Directory.EnumerateFiles(dir, "*.xml"));
            }
        }
        return Read(files.Order(StringComparer.Ordinal))
            .Where(f => DocumentSniffer.Sniff(f.Bytes).Format is Core.Model.DocumentFormat.Ubl or Core.Model.DocumentFormat.Cii)
            .ToList();
    }

    /// <summary>PDFs that may have a text layer: the evaluation set's text PDFs, plus invoice2data's real PDFs.</summary>
    public IReadOnlyList<BenchFile> PdfCandidates(bool quick)
    {
        var files = Manifest().Where(d => d.Format == "pdf-text").Select(d => Samples("eval", "documents", d.File)).ToList();
        if (quick) files = files.Take(4).ToList();
        else if (CorpusRoot is not null)
        {
            var dir = Path.Combine(CorpusRoot, "pdf-invoices", "invoice2data", "tests", "compare");
            if (Directory.Exists(dir)) files.AddRange(Directory.EnumerateFiles(dir, "*.pdf").Order(StringComparer.Ordinal));
        }
        return Read(files);
    }

    /// <summary>The evaluation set's scans (images and image-only PDFs); quick mode: the smallest one.</summary>
    public IReadOnlyList<BenchScan> Scans(bool quick)
    {
        var scans = Manifest().Where(d => d.Format != "pdf-text")
            .Select(d => new BenchScan(d.File, File.ReadAllBytes(Samples("eval", "documents", d.File)), d.Format, d.Language))
            .ToList();
        return quick ? scans.OrderBy(s => s.Bytes.Length).Take(1).ToList() : scans;
    }

    private List<(string File, string Format, string Language)> Manifest()
    {
        var manifest = JObject.Parse(File.ReadAllText(Samples("eval", "manifest.json")));
        return manifest["documents"]!.Cast<JObject>()
            .Select(d => ((string)d["file"]!, (string)d["format"]!, (string)d["language"]!))
            .ToList();
    }

    private static List<BenchFile> Read(IEnumerable<string> files) =>
        files.Select(f => new BenchFile(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
}
