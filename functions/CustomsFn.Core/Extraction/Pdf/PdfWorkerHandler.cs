using CustomsFn.Core.Isolation;

namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>The PDF worker: PdfPig reads of whole PDFs (<see cref="PdfWorkerProtocol"/>).</summary>
public sealed class PdfWorkerHandler : IWorkerHandler
{
    public string? Initialize() => null;
    public ReadOnlyMemory<byte> Ready => PdfWorkerProtocol.Ready;
    public int MaxRequestBytes => PdfWorkerProtocol.MaxRequestBytes;
    public (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request) => PdfWorkerProtocol.Start(request);
}
