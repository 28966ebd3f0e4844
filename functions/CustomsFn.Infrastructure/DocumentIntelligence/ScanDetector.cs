using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using UglyToad.PdfPig;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>Decides whether an upload is a scan (an image, or a PDF without a usable text layer).</summary>
public interface IScanDetector
{
    bool IsScan(ReadOnlyMemory<byte> content, SniffResult sniff);
}

/// <summary>
/// Images are scans; a PDF is a scan when its first pages carry almost no text (fewer than <see cref="MinLetters"/>
/// letters on the first <see cref="PagesChecked"/> pages). A PDF that cannot be opened is not called a scan: the local
/// PDF extractor then gives the precise rejection (corrupt, encrypted).
/// </summary>
public sealed class TextLayerScanDetector : IScanDetector
{
    public const int PagesChecked = 3;
    public const int MinLetters = 20;

    public bool IsScan(ReadOnlyMemory<byte> content, SniffResult sniff)
    {
        switch (sniff.Format)
        {
            case DocumentFormat.Image or DocumentFormat.PdfScan:
                return true;
            case DocumentFormat.Pdf:
                break;
            default:
                return false;
        }
        try
        {
            using var pdf = PdfDocument.Open(content.ToArray());
            var letters = 0;
            for (var i = 1; i <= Math.Min(pdf.NumberOfPages, PagesChecked) && letters < MinLetters; i++)
            {
                foreach (var l in pdf.GetPage(i).Letters)
                {
                    if (!string.IsNullOrWhiteSpace(l.Value) && ++letters >= MinLetters) break;
                }
            }
            return letters < MinLetters;
        }
#pragma warning disable CA1031 // Any parser failure means "not judged a scan": the local chain reports the real problem.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
