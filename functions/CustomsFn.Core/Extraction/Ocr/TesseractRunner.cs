using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CustomsFn.Core.Extraction.Ocr;

/// <summary>
/// Runs the Debian <c>tesseract</c> binary as a child process (a crash in the recogniser cannot take the host down),
/// one thread (<c>OMP_THREAD_LIMIT=1</c>: OpenMP makes it several times slower on shared cores), with a timeout after
/// which the child is killed.
/// </summary>
public sealed class TesseractRunner(OcrOptions options)
{
    private readonly OcrOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Recognises an image file into TSV (level, page, block, paragraph, line, word, box, confidence, text).</summary>
    public Task<string> RecognizeTsvAsync(string imagePath, string languages, int? dpi, CancellationToken cancellationToken)
    {
        var args = new List<string> { imagePath, "stdout", "--psm", _options.PageSegmentationMode.ToString(CultureInfo.InvariantCulture), "-l", languages };
        if (dpi is { } d) args.AddRange(["--dpi", d.ToString(CultureInfo.InvariantCulture)]);
        args.Add("tsv");
        return RunAsync(args, cancellationToken);
    }

    /// <summary>
    /// Starts tesseract on an image still to come on its standard input (<see cref="TesseractJob.RecognizeAsync"/>):
    /// tesseract loads its model (about a tenth of a page's read) before it reads the image, so a job started early
    /// loads while this process is still preparing the page. Dispose a job that is not wanted any more: the child is killed.
    /// </summary>
    public TesseractJob StartTsv(string languages, int? dpi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var args = new List<string> { "stdin", "stdout", "--psm", _options.PageSegmentationMode.ToString(CultureInfo.InvariantCulture), "-l", languages };
        if (dpi is { } d) args.AddRange(["--dpi", d.ToString(CultureInfo.InvariantCulture)]);
        args.Add("tsv");
        var process = Start(args, redirectInput: true);
        return new TesseractJob(process, languages, _options.PageTimeout, cancellationToken);
    }

    private Process Start(IReadOnlyList<string> arguments, bool redirectInput)
    {
        var psi = new ProcessStartInfo(_options.TesseractPath)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["OMP_THREAD_LIMIT"] = "1";
        var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new OcrUnavailableException(
                $"The OCR engine '{_options.TesseractPath}' could not be started ({ex.Message}). Install Debian tesseract-ocr " +
                "(bash scripts/bootstrap.sh --ocr) or set Pipeline:Ocr:TesseractPath.", ex);
        }
        return process;
    }

    /// <summary>Runs tesseract with the given arguments and returns its standard output.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        using var process = Start(arguments, redirectInput: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PageTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
                throw new TesseractFailedException($"tesseract exited with {process.ExitCode}: {FirstLine(errors)}");
            return output;
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new DocumentRejectedException(InputCodes.Timeout,
                $"OCR of a page did not finish within {_options.PageTimeout.TotalSeconds:0.#} s; the recogniser was stopped.");
        }
    }

    internal static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    internal static string FirstLine(string s)
    {
        var line = s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => !l.StartsWith("Warning", StringComparison.Ordinal));
        return line is null ? "(no message)" : line.Length > 200 ? line[..200] : line;
    }
}
