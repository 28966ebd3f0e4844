using System.Globalization;
using System.Text;
using CustomsFn.Core;
using CustomsFn.Core.Extraction;
using CustomsFn.Core.Extraction.Edifact;
using CustomsFn.Core.Extraction.Layout;
using CustomsFn.Core.Extraction.Pdf;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Pipeline;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Tariffs;
using CustomsFn.Core.Xml;

namespace CustomsFn.Fuzz;

/// <summary>
/// One entry per parser of untrusted input. Each takes arbitrary bytes and must either succeed or throw
/// <see cref="DocumentRejectedException"/> (the documented way to refuse input); any other exception, a hang or a
/// process crash is a finding. The regression tests run every saved crash input through the same entry.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["xml", "edifact", "pdf", "numbers", "duty", "image"];

    // Built on first use, never in a static initializer: instrumented code must not run before SharpFuzz has set up
    // its shared memory (it would fault), so nothing of CustomsFn.Core may execute outside Fuzzer.OutOfProcess.Run.
    private static IReadOnlyList<IDocumentExtractor>? _structured;
    private static IReadOnlyList<IDocumentExtractor> Structured => _structured ??=
        CustomsDefaults.Extractors(new PipelineOptions()).Where(e => e is not PdfTextExtractor and not CustomsFn.Core.Extraction.Ocr.OcrExtractor).ToList();

    public static void Run(string target, ReadOnlyMemory<byte> input)
    {
        switch (target)
        {
            case "xml": Xml(input); break;
            case "edifact": Edifact(input); break;
            case "pdf": Pdf(input); break;
            case "numbers": Numbers(input.Span); break;
            case "duty": Duty(input.Span); break;
            case "image": Image(input.Span); break;
            default: throw new ArgumentException($"Unknown fuzz target '{target}'; known: {string.Join(", ", Names)}.", nameof(target));
        }
    }

    /// <summary>The secure XML loader, the sniffer's root read and every XML extractor (UBL, CII, WCO, certificates).</summary>
    public static void Xml(ReadOnlyMemory<byte> input)
    {
        Refusing(() =>
        {
            SecureXml.Load(input);
            var sniff = new SniffResult(DocumentFormat.Ubl, "application/xml");
            var (root, ns) = SecureXml.ReadRoot(input);
            var format = DocumentSniffer.ClassifyXml(root, ns) ?? DocumentFormat.Ubl;
            sniff = sniff with { Format = format, XmlRoot = root, XmlNamespace = ns };
            foreach (var extractor in Structured)
            {
                if (extractor.CanExtract(sniff)) extractor.ExtractAsync(input, sniff, CancellationToken.None).GetAwaiter().GetResult();
            }
        });
    }

    /// <summary>
    /// What runs on an uploaded image before OCR, in the order the OCR engine runs it: the header readers (PNG, JPEG,
    /// TIFF), the limits checked from the header (for a TIFF also the directory walk: entry and value counts, loops, the
    /// page limit), then the decoder (our TIFF reader; PNG and JPEG through SkiaSharp, native and not instrumented) and
    /// the deskew estimate on the decoded page. The limits are small here so that an input that passes them decodes fast.
    /// </summary>
    public static void Image(ReadOnlySpan<byte> input)
    {
        try
        {
            var options = new CustomsFn.Core.Extraction.Ocr.OcrOptions { MaxPixels = 4_000_000, MaxSide = 4_000 };
            var header = CustomsFn.Core.Extraction.Ocr.ImageHeader.Read(input);
            header.CheckLimits(options, input);
            if (CustomsFn.Core.Extraction.Ocr.GrayImage.Decode(input, header) is { } gray)
                CustomsFn.Core.Extraction.Ocr.Deskew.EstimateDegrees(gray, options.MaxSkewDegrees);
        }
        catch (DocumentRejectedException)
        {
            // The documented refusal: a rejected result with an INPUT-* code.
        }
    }

    /// <summary>The EDIFACT tokenizer and the INVOIC extractor.</summary>
    public static void Edifact(ReadOnlyMemory<byte> input)
    {
        Refusing(() =>
        {
            EdifactTokenizer.Tokenize(input.Span);
            new EdifactInvoicExtractor().ExtractAsync(input, new SniffResult(DocumentFormat.Edifact, "application/edifact"), CancellationToken.None)
                .GetAwaiter().GetResult();
        });
    }

    /// <summary>
    /// What runs on a PDF: the host's raw-byte guard (<see cref="PdfGuard.Check"/>), then the PDF worker's whole job for
    /// one request (<see cref="PdfWorkerProtocol.Handle"/>: PdfPig opens the PDF, finds an embedded invoice, reads every
    /// page's words and the scan images), then the host's side: decoding the answer and handing it to the text-PDF and OCR
    /// page readers. PDFs with a structure that can make PdfPig recurse without a bound (<see cref="PdfGuard.NeedsIsolation"/>)
    /// are skipped: their stack overflows are known (tests/CustomsFn.Tests/Hostile/FuzzCrashes) and end only the worker.
    /// </summary>
    public static void Pdf(ReadOnlyMemory<byte> input)
    {
        Refusing(() =>
        {
            PdfGuard.Check(input.Span, new PdfLimits());
            if (PdfGuard.NeedsIsolation(input.Span)) return;
            // Created per input: instrumented code must not run in a static initializer (before AFL's shared memory is set up).
            var ocr = new CustomsFn.Core.Extraction.Ocr.OcrOptions();
            var (response, _) = PdfWorkerProtocol.Handle(input, PdfReadLimits.From(ocr));
            var readout = PdfWorkerProtocol.Decode(response);
            new PdfTextExtractor().Extract(readout.TextPages());
            readout.ScanImages(ocr);
        });
    }

    /// <summary>Locale-aware number and date parsing, as the layout extractor applies it to every text cell.</summary>
    public static void Numbers(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        foreach (var language in Languages)
        {
            LocaleNumbers.Parse(text, language);
        }
        LocaleNumbers.DigitsOnly(text);
        LocaleDates.Find(text, monthFirst: false);
        LocaleDates.Find(text, monthFirst: true);
    }

    private static readonly string?[] Languages = [null, "en", "de", "fr", "ja", "zh"];

    /// <summary>The tariff duty-expression parser, and computing the parsed rate against a basis.</summary>
    public static void Duty(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        var expression = DutyExpression.Parse(text);
        _ = expression.ToString();
        var basis = new DutyBasis(1234.56m, "USD", new DateOnly(2025, 6, 1));
        foreach (UnitDimension dimension in Enum.GetValues<UnitDimension>()) basis.With(dimension, 10.5m);
        expression.Compute(basis);
        _ = string.Create(CultureInfo.InvariantCulture, $"{expression.Kind}");
    }

    private static void Refusing(Action parse)
    {
        try
        {
            parse();
        }
        catch (DocumentRejectedException)
        {
            // The documented refusal: a rejected result with an INPUT-* code.
        }
    }
}
