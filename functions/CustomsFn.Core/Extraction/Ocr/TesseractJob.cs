using System.Diagnostics;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// A tesseract child started by <see cref="TesseractRunner.StartTsv"/>, loading its model, waiting for the image on its
/// standard input. The page timeout counts from the start.
/// </summary>
public sealed class TesseractJob : IPageRead
{
    private readonly Process _process;
    private readonly TimeSpan _timeoutAfter;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenSource _timeout;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly CancellationTokenRegistration _killOnCancel;
    private int _used;
    private bool _disposed;

    internal TesseractJob(Process process, string languages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _process = process;
        Languages = languages;
        _timeoutAfter = timeout;
        _cancellationToken = cancellationToken;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timeout.CancelAfter(timeout);
        _stdout = process.StandardOutput.ReadToEndAsync(_timeout.Token);
        _stderr = process.StandardError.ReadToEndAsync(_timeout.Token);
        // A write to a child that does not read blocks whatever the token says: killing the child ends it.
        _killOnCancel = _timeout.Token.UnsafeRegister(static p => TesseractRunner.Kill((Process)p!), process);
    }

    /// <summary>The model(s) this child loaded.</summary>
    public string Languages { get; }

    string IPageRead.Recognizer => OcrEngine.CommandRecognizer;

    Task<string> IPageRead.RecognizeAsync(GrayImage image) => RecognizeAsync(image.ToPackBitsTiff());

    /// <summary>Hands the child its image (any format Leptonica reads; a PackBits TIFF is small and quick) and returns the TSV.</summary>
    public async Task<string> RecognizeAsync(ReadOnlyMemory<byte> image)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _used, 1) != 0) throw new InvalidOperationException("A tesseract job reads one image.");
        try
        {
            try
            {
                var stdin = _process.StandardInput.BaseStream;
                await stdin.WriteAsync(image, _timeout.Token).ConfigureAwait(false);
                await stdin.FlushAsync(_timeout.Token).ConfigureAwait(false);
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child went away before reading it all: its exit code and message tell why (below).
            }
            await _process.WaitForExitAsync(_timeout.Token).ConfigureAwait(false);
            var output = await _stdout.ConfigureAwait(false);
            var errors = await _stderr.ConfigureAwait(false);
            if (_process.ExitCode != 0)
                throw new TesseractFailedException($"tesseract exited with {_process.ExitCode}: {TesseractRunner.FirstLine(errors)}");
            return output;
        }
        catch (OperationCanceledException)
        {
            TesseractRunner.Kill(_process);
            if (_cancellationToken.IsCancellationRequested) throw;
            throw new DocumentRejectedException(InputCodes.Timeout,
                $"OCR of a page did not finish within {_timeoutAfter.TotalSeconds:0.#} s; the recogniser was stopped.");
        }
    }

    /// <summary>Kills the child if it is still running (a job no longer wanted) and releases it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _killOnCancel.Dispose();
        TesseractRunner.Kill(_process);
        _timeout.Cancel();
        try
        {
            Task.WaitAll([_stdout, _stderr], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled reads of a killed child.
        }
        _timeout.Dispose();
        _process.Dispose();
    }
}
