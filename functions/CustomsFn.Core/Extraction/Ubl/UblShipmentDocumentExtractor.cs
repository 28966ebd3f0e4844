using System.Xml.Linq;
using CustomsFn.Core.Sniffing;
using CustomsFn.Core.Xml;

namespace CustomsFn.Core.Extraction.Ubl;

/// <summary>
/// What the UBL readers of a shipment's other papers (despatch advice, certificate of origin) share: the root element
/// they answer for, the secure load, and the document's number and issue date; each reads the rest itself.
/// </summary>
public abstract class UblShipmentDocumentExtractor : IDocumentExtractor
{
    protected static readonly XNamespace Cbc = UblExtractor.Cbc;
    protected static readonly XNamespace Cac = UblExtractor.Cac;

    private readonly XmlLimits _limits;
    private readonly string _root;
    private readonly string _documentType;
    private readonly ExtractorInfo _extractor;

    protected UblShipmentDocumentExtractor(XmlLimits? limits, string root, string documentType, ExtractorInfo extractor)
    {
        _limits = limits ?? XmlLimits.Default;
        _root = root;
        _documentType = documentType;
        _extractor = extractor;
    }

    public bool CanExtract(SniffResult sniff) => sniff.Format == DocumentFormat.Ubl && sniff.XmlRoot == _root;

    public Task<ExtractionResult?> ExtractAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        var xml = SecureXml.Load(content, _limits);
        var root = xml.Root ?? throw new DocumentRejectedException(InputCodes.MalformedXml, "The XML has no root element.");
        var doc = new ExtractedDocument
        {
            Format = DocumentFormat.Ubl,
            DocumentType = _documentType,
            Extractor = _extractor,
        };
        XmlFieldReader.Text(doc.Fields, FieldNames.DocumentNumber, root.Element(Cbc + "ID"));
        XmlFieldReader.Date(doc.Fields, FieldNames.IssueDate, root.Element(Cbc + "IssueDate"));
        Read(root, doc, cancellationToken);
        return Task.FromResult<ExtractionResult?>(new ExtractionResult(doc));
    }

    /// <summary>Reads everything but the number and the issue date into <paramref name="doc"/>.</summary>
    protected abstract void Read(XElement root, ExtractedDocument doc, CancellationToken cancellationToken);
}
