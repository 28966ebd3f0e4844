using System.Xml.Linq;
using CustomsFn.Core.Contract;
using CustomsFn.Core.Extraction.Cii;
using CustomsFn.Core.Extraction.Ubl;
using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
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
        (string FileName, ReadOnlyMemory<byte> Bytes)? embedded = sniff.Pdf is { } pdf
            ? (await pdf.ReadAsync(cancellationToken).ConfigureAwait(false)).EmbeddedInvoice is { } e ? (e.FileName, e.Bytes) : null
            : FindEmbeddedInvoice(content);
        if (embedded is null) return null;
        cancellationToken.ThrowIfCancellationRequested();

        var (fileName, bytes) = embedded.Value;
        var xml = SecureXml.Load(bytes, _limits);
        var root = xml.Root!;
        var format = DocumentSniffer.ClassifyXml(root.Name.LocalName, root.Name.NamespaceName);
        ExtractedDocument inner;
        string syntax;
        if (format == DocumentFormat.Cii)
        {
            inner = CiiExtractor.Read(xml, cancellationToken);
            syntax = "UN/CEFACT CII";
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
            Message = $"Data read from the XML invoice embedded in the PDF as '{fileName}' ({syntax}{(profile is null ? "" : ", profile " + profile)}); " +
                      "the visible pages were not read, the embedded XML is the binding invoice.",
            Reference = "Factur-X 1.07 / ZUGFeRD 2.3 (PDF/A-3 with embedded EN 16931 XML)",
            Source = FieldSource.Xml(fileName + "!/" + root.Name.LocalName, XmlPaths.LineOf(root)),
        };
        return new ExtractionResult(doc, [note]);
    }

    /// <summary>
    /// Opens the PDF and returns the embedded invoice XML: a file with one of the standard names, else the first embedded
    /// .xml file. Null when the PDF embeds none. Encrypted and unparseable PDFs are rejected.
    /// </summary>
    public static (string FileName, ReadOnlyMemory<byte> Bytes)? FindEmbeddedInvoice(ReadOnlyMemory<byte> pdf)
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

        using (document) return FindEmbeddedInvoice(document);
    }

    /// <summary>The embedded invoice XML of an opened PDF (see <see cref="FindEmbeddedInvoice(ReadOnlyMemory{byte})"/>).</summary>
    public static (string FileName, ReadOnlyMemory<byte> Bytes)? FindEmbeddedInvoice(PdfDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
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

            var chosen = files.FirstOrDefault(f => DocumentSniffer.EmbeddedInvoiceNames.Contains(NameOf(f), StringComparer.OrdinalIgnoreCase))
                ?? files.FirstOrDefault(f => NameOf(f).EndsWith(".xml", StringComparison.OrdinalIgnoreCase));
            if (chosen is null) return null;
            var bytes = chosen.Memory;
            if (bytes.Length > MaxEmbeddedBytes)
                throw new DocumentRejectedException(InputCodes.XmlLimits,
                    $"The embedded '{NameOf(chosen)}' is {bytes.Length:N0} bytes; the limit is {MaxEmbeddedBytes:N0} bytes.");
            return (NameOf(chosen), bytes.ToArray());
        }
    }

    private static string? Profile(XElement root)
    {
        var id = root.Element(CiiExtractor.Rsm + "ExchangedDocumentContext")?.Element(CiiExtractor.Ram + "GuidelineSpecifiedDocumentContextParameter")?.Element(CiiExtractor.Ram + "ID")
            ?? root.Element(UblExtractor.Cbc + "CustomizationID");
        return string.IsNullOrWhiteSpace(id?.Value) ? null : id.Value.Trim();
    }
}
