using CustomsFn.Core.Sniffing;

namespace CustomsFn.Infrastructure.DocumentIntelligence;

/// <summary>Decides whether an upload is a scan (an image, or a PDF without a usable text layer).</summary>
public interface IScanDetector
{
    ValueTask<bool> IsScanAsync(ReadOnlyMemory<byte> content, SniffResult sniff, CancellationToken cancellationToken);
}
