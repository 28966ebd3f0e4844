namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>Limits on a PDF checked before any PDF parser sees it (configuration section <c>Pipeline:Pdf</c>).</summary>
public sealed class PdfLimits
{
    /// <summary>Most bytes all filtered streams of one PDF may decode to together (default 256 MiB): a decompression bomb is refused.</summary>
    public long MaxInflatedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most bytes one stream may decode to through its whole filter chain (default 128 MiB).</summary>
    public long MaxInflatedStreamBytes { get; set; } = 128L * 1024 * 1024;
}
