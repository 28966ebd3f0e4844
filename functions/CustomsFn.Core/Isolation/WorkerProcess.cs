using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomsFn.Core.Extraction.Pdf;

namespace CustomsFn.Core.Isolation;

/// <summary>One worker process and its pipes.</summary>
internal sealed class WorkerProcess
{
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Stream _stdout;
    private readonly string _kind;

    private WorkerProcess(Process process, string kind)
    {
        _process = process;
        _kind = kind;
        _stdin = process.StandardInput.BaseStream;
        _stdout = process.StandardOutput.BaseStream;
        Id = process.Id;
        _ = DrainAsync(process.StandardError);
    }

    public int Id { get; }

    public bool IsAlive
    {
        get
        {
            try
            {
                return !_process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    public static WorkerProcess Start(string kind, (string File, string[] Prefix) command, IsolationOptions options, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command.File)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Prefix) start.ArgumentList.Add(a);
        start.ArgumentList.Add(IsolationWorker.Argument);
        start.ArgumentList.Add(kind);
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.MaxMemoryMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        // No crash dumps for an expected crash, and one GC heap: a worker serves one request at a time.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new WorkerUnavailableException($"The {kind} worker '{command.File}' cannot be started: {ex.Message}", ex);
        }
        return new WorkerProcess(process, kind);
    }

    public async Task WaitReadyAsync(byte[] ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = ReadFrameAsync();
        (byte[]? Frame, bool Retire) answer;
        try
        {
            answer = await first.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new WorkerUnavailableException($"The {_kind} worker did not start within {timeout.TotalSeconds:0} s.", ex);
        }
        if (answer.Frame is [(byte)'!', ..] refusal)
            throw new WorkerUnavailableException(Encoding.UTF8.GetString(refusal, 1, refusal.Length - 1));
        if (answer.Frame is not { } frame || !frame.AsSpan().SequenceEqual(ready))
            throw new WorkerUnavailableException($"The {_kind} worker did not start ({DescribeExit()}); check Pipeline:Isolation:Command.");
    }

    public async Task<bool> TrySendAsync(byte[] request)
    {
        try
        {
            await WorkerFrames.WriteAsync(_stdin, request, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>The next frame, or a null frame when the worker died. Retire: the worker exits after this answer.</summary>
    public async Task<(byte[]? Frame, bool Retire)> ReadFrameAsync()
    {
        try
        {
            var frame = await WorkerFrames.ReadAsync(_stdout, PdfWorkerProtocol.MaxResponseBytes).ConfigureAwait(false);
            if (frame is null) return (null, true);
            // An answer after running out of memory is followed by the worker's exit.
            return (frame, frame is [WorkerPool.RetiringStatus, ..]);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ObjectDisposedException)
        {
            return (null, true);
        }
    }

    /// <summary>The worker's processor time so far (all its threads), or null where it cannot be read.</summary>
    public TimeSpan? ProcessorTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The lowest CPU priority (nice 19 on every thread): documents at normal priority go first.</summary>
    public void LowerPriority() => ProcessNice.TrySet(_process, 19);

    /// <summary>Back to normal priority on every thread; false where that is not allowed (raising priority needs CAP_SYS_NICE on Linux).</summary>
    public bool TryRestorePriority() => IsAlive && ProcessNice.TrySet(_process, 0);

    public string DescribeExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5))) return "it stopped answering";
        var code = _process.ExitCode;
        return code switch
        {
            134 => "exit code 134: aborted, typically a stack overflow",
            137 => "exit code 137: killed, typically over the memory limit",
            139 => "exit code 139: segmentation fault",
            _ => $"exit code {code.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        // A stack-overflow trace is megabytes long: read and discard it, so that the worker never blocks on a full pipe.
        var buffer = new char[8192];
        try
        {
            while (await reader.ReadAsync(buffer).ConfigureAwait(false) > 0) { }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The worker is gone.
        }
    }
}
