namespace CustomsFn.Core.Isolation;

/// <summary>
/// The worker side (<c>APP --customsfn-isolate pdf|ocr</c>): serves requests over stdin/stdout until stdin ends. Frames
/// are a 4-byte little-endian length and that many bytes. The worker first sends its ready frame (or <c>!reason</c> when
/// it cannot serve, e.g. the OCR worker without libtesseract); each request is answered by one response. While a
/// request runs the worker keeps reading stdin, so that when the host goes away (stdin ends) it exits at once even if the
/// work spins; it also gives up by itself well past the request's deadline. Nothing else may write to stdout: console
/// output is sent to stderr.
/// </summary>
public static class IsolationWorker
{
    /// <summary>The first argument that selects worker mode in the hosts' entry points.</summary>
    public const string Argument = "--customsfn-isolate";

    /// <summary>The parse thread's stack in the worker: below the host's thread-pool stack, so the check is conservative.</summary>
    public const int WorkerStackBytes = 1024 * 1024;

    /// <summary>How long past a request's deadline the worker waits for itself before exiting (the host kills it first).</summary>
    public static readonly TimeSpan SelfDeadlineGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The entry points' call: serves on this process's stdin/stdout, with console output moved to stderr.
    /// <paramref name="handlers"/> gives the handler of a worker kind, or null when there is no such kind.
    /// </summary>
    public static Task<int> RunAsync(string parser, Func<string, IWorkerHandler?> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        Console.SetOut(Console.Error);
        return RunAsync(handlers(parser), parser, Console.OpenStandardInput(), Console.OpenStandardOutput());
    }

    /// <summary>Runs one request's work on a background thread of its own, with the given stack.</summary>
    public static Task<(byte[] Response, bool Retire)> OnThread(Func<(byte[] Response, bool Retire)> work, int stackBytes, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<(byte[], bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => done.SetResult(work()), stackBytes) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }

    /// <summary>Exit codes: 0 stdin ended; 2 bad usage; 3 retired after running out of memory; 4 past its own deadline; 5 protocol error; 6 cannot serve.</summary>
    public static async Task<int> RunAsync(IWorkerHandler? handler, string parser, Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (handler is null)
        {
            await Console.Error.WriteLineAsync($"unknown parser {parser}").ConfigureAwait(false);
            return 2;
        }
        if (handler.Initialize() is { } refusal)
        {
            await WorkerFrames.WriteAsync(output, System.Text.Encoding.UTF8.GetBytes("!" + refusal), CancellationToken.None).ConfigureAwait(false);
            return 6;
        }
        await WorkerFrames.WriteAsync(output, handler.Ready, CancellationToken.None).ConfigureAwait(false);
        var pending = WorkerFrames.ReadAsync(input, handler.MaxRequestBytes);
        while (true)
        {
            byte[]? request;
            try
            {
                request = await pending.ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                return 5;
            }
            if (request is null) return 0;
            // Watch stdin during the work: it ends when the host is gone (or has killed us, which ends things anyway).
            pending = WorkerFrames.ReadAsync(input, handler.MaxRequestBytes);
            var (deadline, work) = handler.Start(request);
            var watchdog = Task.Delay(deadline + SelfDeadlineGrace);
            var first = await Task.WhenAny(work, pending, watchdog).ConfigureAwait(false);
            if (first == watchdog) return 4;
            if (first == pending && (pending.IsFaulted || pending.Result is null)) return 0;
            // A frame arrived before the answer: not the protocol (the host waits). Finish this one, then serve that.
            var done = await Task.WhenAny(work, watchdog).ConfigureAwait(false);
            if (done == watchdog) return 4;
            var (response, retire) = await work.ConfigureAwait(false);
            await WorkerFrames.WriteAsync(output, response, CancellationToken.None).ConfigureAwait(false);
            if (retire) return 3;
        }
    }
}
