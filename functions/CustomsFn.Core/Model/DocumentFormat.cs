namespace CustomsFn.Core.Model;

/// <summary>Input formats, as written in the result's <c>format</c> field.</summary>
public static class DocumentFormat
{
    public const string Ubl = "ubl";
    public const string Cii = "cii";
    public const string FacturX = "factur-x";
    public const string WcoDeclaration = "wco-dec";
    public const string Edifact = "edifact";
    public const string PdfText = "pdf-text";
    public const string PdfScan = "pdf-scan";
    public const string Image = "image";
    /// <summary>Sniffed as PDF; the PDF extractor decides between pdf-text, pdf-scan and factur-x.</summary>
    public const string Pdf = "pdf";
    /// <summary>Well-formed XML whose root element is not a supported document.</summary>
    public const string Xml = "xml";
    public const string Unknown = "unknown";
}
