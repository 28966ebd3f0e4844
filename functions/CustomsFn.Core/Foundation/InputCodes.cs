namespace CustomsFn.Core.Foundation;

/// <summary>The catalogue of <c>INPUT-*</c> rejection codes.</summary>
public static class InputCodes
{
    public const string Empty = "INPUT-EMPTY";
    public const string TooLarge = "INPUT-TOO-LARGE";
    public const string UnsupportedFormat = "INPUT-UNSUPPORTED-FORMAT";
    public const string UnsupportedDocument = "INPUT-UNSUPPORTED-DOCUMENT";
    public const string MalformedXml = "INPUT-MALFORMED-XML";
    public const string XmlDtd = "INPUT-XML-DTD";
    public const string XmlLimits = "INPUT-XML-LIMITS";
    public const string MalformedEdifact = "INPUT-MALFORMED-EDIFACT";
    public const string CorruptPdf = "INPUT-CORRUPT-PDF";
    public const string EncryptedPdf = "INPUT-ENCRYPTED-PDF";
    public const string CorruptImage = "INPUT-CORRUPT-IMAGE";
    public const string ImageLimits = "INPUT-IMAGE-LIMITS";
    public const string NoContent = "INPUT-NO-CONTENT";
    public const string Timeout = "INPUT-TIMEOUT";
    public const string Unprocessable = "INPUT-UNPROCESSABLE";
    public const string PdfLimits = "INPUT-PDF-LIMITS";
    public const string Polyglot = "INPUT-POLYGLOT";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Empty] = "The upload has zero bytes.",
        [TooLarge] = "The upload exceeds the configured size limit.",
        [UnsupportedFormat] = "The content is not a supported format (PDF, image, XML, EDIFACT); the file name is not trusted.",
        [UnsupportedDocument] = "Well-formed XML or EDIFACT, but not a supported document type.",
        [MalformedXml] = "The XML is not well-formed; the finding says what and where.",
        [XmlDtd] = "The XML contains a DTD (entity expansion and external entities are refused).",
        [XmlLimits] = "The XML exceeds a parsing limit (nesting depth, node size, element count).",
        [MalformedEdifact] = "The EDIFACT interchange is not well-formed.",
        [CorruptPdf] = "The PDF cannot be parsed.",
        [EncryptedPdf] = "The PDF is encrypted or password protected.",
        [CorruptImage] = "The image cannot be decoded (a broken header, marker structure or TIFF directory chain).",
        [ImageLimits] = "The image exceeds a limit checked before decoding: pixels per side or in total, TIFF pages, directory entries or values per tag.",
        [NoContent] = "The document was read but holds no text or data to extract.",
        [Timeout] = "Reading the document took longer than the configured limit.",
        [Unprocessable] = "Processing failed repeatedly; the document was set aside (poison).",
        [PdfLimits] = "The PDF exceeds a structural limit (a decompression bomb: streams inflating past the configured size; a font character map with a range of millions of codes; more memory than the PDF worker may use).",
        [Polyglot] = "The file is at once a PDF and another format (a ZIP appended or embedded): refused, as programs would disagree on its content.",
    };
}
