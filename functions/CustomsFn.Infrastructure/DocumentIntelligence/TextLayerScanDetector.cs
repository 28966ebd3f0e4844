using CustomsFn.Core.Foundation;
using CustomsFn.Core.Model;
using CustomsFn.Core.Sniffing;
using UglyToad.PdfPig;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>
/// Images are scans; a PDF is a scan when its first pages carry almost no text (fewer than <see cref="MinLetters"/>
/// letters on the first <see cref="PagesChecked"/> pages). A PDF that cannot be opened is not called a scan: the local
/// PDF extractor then gives the precise rejection (corrupt, encrypted). The letters are counted on the PDF readout the
/// processor's PDF worker made (<see cref="SniffResult.Pdf"/>), so the host does not open an untrusted PDF itself; only
/// a caller that hands in no readout (a bare extractor outside the processor) has the PDF opened here.
/// </summary>
public sealed class TextLayerScanDetector : IScanDetector
{
    public const int PagesChecked = 3;
    public const int MinLetters = 20;

    public async ValueTask<bool> IsScanAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sniff);
        switch (sniff.Format)
        {
            case DocumentFormat.Image or DocumentFormat.PdfScan:
                return true;
            case DocumentFormat.Pdf:
                break;
            default:
                return false;
        }
        if (sniff.Pdf is { } source)
        {
            try
            {
                var readout = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (readout.PagesError is not null) return false;
                return readout.Pages.Take(PagesChecked).Sum(p => p.LetterCount) < MinLetters;
            }
            catch (DocumentRejectedException)
            {
                return false;
            }
        }
        return CountInProcess(content);
    }

    private static bool CountInProcess(ReadOnlyMemory<byte> content)
    {
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
