namespace CustomsFn.Core.Extraction.Pdf;

/// <summary>
/// The read of one upload's PDF, shared by the PDF extractors (Factur-X, text, OCR) and done at most once: on first
/// use, by the PDF worker process or, without isolation, in this process. Carried by <see cref="Sniffing.SniffResult.Pdf"/>.
/// </summary>
public sealed class PdfReadoutSource
{
    private readonly Func<CancellationToken, Task<PdfReadout>> _read;
    private readonly Lock _gate = new();
    private Task<PdfReadout>? _task;

    public PdfReadoutSource(Func<CancellationToken, Task<PdfReadout>> read) => _read = read ?? throw new ArgumentNullException(nameof(read));

    /// <summary>The readout; the first caller's token governs the one read.</summary>
    public Task<PdfReadout> ReadAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return _task ??= _read(cancellationToken);
    }
}
