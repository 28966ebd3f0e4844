using System.Xml.Linq;
using CustomsFn.Core.Extraction.Cii;
using CustomsFn.Core.Extraction.Ubl;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace CustomsFn.Core.Extraction.FacturX;

/// <summary>
/// Reads Factur-X / ZUGFeRD / XRechnung hybrid PDFs: the invoice XML embedded in the PDF (CII, or UBL) is the binding data,
/// so it is read exactly with the CII or UBL mapping, and every source path names the embedded file
/// (<c>factur-x.xml!/CrossIndustryInvoice/...</c>). A PDF without an embedded invoice is declined (null), so that the
/// next PDF extractor reads its pages instead.
/// </summary>
public sealed class FacturXExtractor : IDocumentExtractor
{
    public const string Name = "local-factur-x";
    public const string Version = "1.0.0";

    /// <summary>The rule id of the info finding that says where the data came from.</summary>
    public const string EmbeddedSourceRule = "SOURCE-EMBEDDED-XML";

    /// <summary>Largest embedded XML read (the XML limits apply to it as well).</summary>
    public const int MaxEmbeddedBytes = 32 * 1024 * 1024;

    private readonly XmlLimits _limits;

    public FacturXExtractor(XmlLimits? limits = null) => _limits = limits ?? XmlLimits.Default;

    /// <summary>Every PDF: the sniffer's file-name hint misses hybrids whose names sit in compressed object streams.</summary>
    public bool CanExtract(SniffResult sniff) => sniff.IsPdf;

    public async Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        // The PDF is read once per upload (by the PDF worker when isolation is on): take the embedded file from that read.
        (string FileName, ReadOnlyMemory<byte> Bytes)? embedded;
        string? choice;
        if (sniff.Pdf is { } pdf)
        {
            var readout = await pdf.ReadAsync(cancellationToken).ConfigureAwait(false);
            embedded = readout.EmbeddedInvoice is { } e ? (e.FileName, e.Bytes) : null;
            choice = readout.EmbeddedInvoiceChoice;
        }
        else
        {
            embedded = FindEmbeddedInvoice(content, out choice);
        }
        if (embedded is null) return null;
        cancellationToken.ThrowIfCancellationRequested();

        var (fileName, bytes) = embedded.Value;
        var xml = SecureXml.Load(bytes, _limits);
        var root = xml.Root!;
        var format = DocumentSniffer.ClassifyXml(root.Name.LocalName, root.Name.NamespaceName);
        ExtractedDocument inner;
        string syntax;
        var conformance = format is DocumentFormat.Cii or DocumentFormat.Ubl
            ? Conformance.EInvoiceConformance.Check(xml, fileName + "!", cancellationToken)
            : [];
        if (format == DocumentFormat.Cii)
        {
            syntax = Zugferd1.IsZugferd1(root) ? "ZUGFeRD 1.0 CII" : "UN/CEFACT CII";
            inner = CiiExtractor.Read(xml, cancellationToken);
        }
        else if (format == DocumentFormat.Ubl && root.Name.LocalName is "Invoice" or "CreditNote")
        {
            inner = UblExtractor.Read(xml, cancellationToken);
            syntax = "UBL";
        }
        else
        {
            // An Order-X order or another attachment: not an invoice this extractor reads.
            return null;
        }

        var doc = XmlFieldReader.WithPathPrefix(inner, fileName + "!", DocumentFormat.FacturX, new ExtractorInfo(Name, Version));
        var profile = Profile(root);
        var note = new Finding
        {
            Rule = EmbeddedSourceRule,
            Severity = Severity.Info,
            Path = "document",
            Message = $"Data read from the XML invoice embedded in the PDF as '{fileName}' ({syntax}{(profile is null ? "" : ", profile " + profile)}{(choice is null ? "" : "; " + choice)}); " +
                      "the visible pages were not read, the embedded XML is the binding invoice.",
            Reference = "Factur-X 1.07 / ZUGFeRD 2.3 / ZUGFeRD 1.0 (PDF/A-3 with embedded invoice XML)",
            Source = FieldSource.Xml(fileName + "!/" + root.Name.LocalName, XmlPaths.LineOf(root)),
        };
        return new ExtractionResult(doc, [note, .. conformance]);
    }

    /// <summary>
    /// Opens the PDF and returns the embedded invoice XML: a file with one of the standard names, else the first embedded
    /// .xml file. Null when the PDF embeds none. Encrypted and unparseable PDFs are rejected.
    /// </summary>
    public static (string FileName, ReadOnlyMemory<byte> Bytes)? FindEmbeddedInvoice(ReadOnlyMemory<byte> pdf) => FindEmbeddedInvoice(pdf, out _);

    /// <summary>As <see cref="FindEmbeddedInvoice(ReadOnlyMemory{byte})"/>; <paramref name="choice"/> says why that file was chosen when the PDF embeds several.</summary>
    public static (string FileName, ReadOnlyMemory<byte> Bytes)? FindEmbeddedInvoice(ReadOnlyMemory<byte> pdf, out string? choice)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentRejectedException(InputCodes.EncryptedPdf, "The PDF is encrypted with a password; it cannot be read. Upload it without password protection.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new DocumentRejectedException(InputCodes.CorruptPdf, $"The PDF cannot be parsed ({ex.GetType().Name}).", ex);
        }

        using (document) return FindEmbeddedInvoice(document, out choice);
    }

    /// <summary>The embedded invoice XML of an opened PDF (see <see cref="FindEmbeddedInvoice(ReadOnlyMemory{byte})"/>).</summary>
    public static (string FileName, ReadOnlyMemory<byte> Bytes)? FindEmbeddedInvoice(PdfDocument document) => FindEmbeddedInvoice(document, out _);

    /// <summary>
    /// The embedded invoice XML of an opened PDF. When it embeds several XML files, the one the XMP metadata names
    /// (<c>fx:DocumentFileName</c>, <c>zf:DocumentFileName</c>, ZUGFeRD 1.0 <c>zf:DocumentFileName</c>) wins, then a standard
    /// name, then the first .xml file; <paramref name="choice"/> says which rule chose it (null when there was one candidate).
    /// </summary>
    public static (string FileName, ReadOnlyMemory<byte> Bytes)? FindEmbeddedInvoice(PdfDocument document, out string? choice)
    {
        ArgumentNullException.ThrowIfNull(document);
        choice = null;
        {
            IReadOnlyList<EmbeddedFile>? files;
            try
            {
                if (!document.Advanced.TryGetEmbeddedFiles(out files) || files is null || files.Count == 0) return null;
            }
            catch (PdfDocumentEncryptedException ex)
            {
                throw new DocumentRejectedException(InputCodes.EncryptedPdf, "The PDF's embedded files are encrypted; they cannot be read.", ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                throw new DocumentRejectedException(InputCodes.CorruptPdf, $"The PDF's embedded files cannot be read ({ex.GetType().Name}).", ex);
            }

            static string NameOf(EmbeddedFile f) => Path.GetFileName(string.IsNullOrWhiteSpace(f.FileSpecification) ? f.Name : f.FileSpecification);

            var xmlFiles = files.Where(f => NameOf(f).EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).ToList();
            var named = XmpDocumentFileName(document);
            var chosen = (named is null ? null : xmlFiles.FirstOrDefault(f => string.Equals(NameOf(f), named, StringComparison.Ordinal))
                          ?? xmlFiles.FirstOrDefault(f => string.Equals(NameOf(f), named, StringComparison.OrdinalIgnoreCase)));
            if (chosen is not null && xmlFiles.Count > 1)
                choice = $"chosen among {xmlFiles.Count} embedded XML files because the PDF's XMP metadata names it (DocumentFileName)";
            chosen ??= files.FirstOrDefault(f => DocumentSniffer.EmbeddedInvoiceNames.Contains(NameOf(f), StringComparer.OrdinalIgnoreCase));
            if (chosen is not null && choice is null && xmlFiles.Count > 1)
                choice = $"chosen among {xmlFiles.Count} embedded XML files by its standard name{(named is null ? "; the XMP metadata names none" : $"; the XMP metadata names '{named}', which is not embedded")}";
            chosen ??= xmlFiles.FirstOrDefault();
            if (chosen is null) return null;
            var bytes = chosen.Memory;
            if (bytes.Length > MaxEmbeddedBytes)
                throw new DocumentRejectedException(InputCodes.XmlLimits,
                    $"The embedded '{NameOf(chosen)}' is {bytes.Length:N0} bytes; the limit is {MaxEmbeddedBytes:N0} bytes.");
            return (NameOf(chosen), bytes.ToArray());
        }
    }

    /// <summary>The invoice file name the PDF's XMP metadata declares (Factur-X / ZUGFeRD extension schema <c>DocumentFileName</c>), or null.</summary>
    internal static string? XmpDocumentFileName(PdfDocument document)
    {
        try
        {
            if (!document.TryGetXmpMetadata(out var xmp) || xmp is null) return null;
            var x = xmp.GetXDocument();
            var element = x.Descendants().FirstOrDefault(e => e.Name.LocalName == "DocumentFileName" && !string.IsNullOrWhiteSpace(e.Value));
            var value = element?.Value
                ?? x.Descendants().Attributes().FirstOrDefault(a => a.Name.LocalName == "DocumentFileName" && !string.IsNullOrWhiteSpace(a.Value))?.Value;
            return value?.Trim();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Unreadable metadata only loses the preference; the standard names still apply.
            return null;
        }
    }

    private static string? Profile(XElement root)
    {
        var id = root.Element(CiiExtractor.Rsm + "ExchangedDocumentContext")?.Element(CiiExtractor.Ram + "GuidelineSpecifiedDocumentContextParameter")?.Element(CiiExtractor.Ram + "ID")
            ?? root.Element(UblExtractor.Cbc + "CustomizationID");
        return string.IsNullOrWhiteSpace(id?.Value) ? null : id.Value.Trim();
    }
}
