using System.Globalization;

namespace CustomsFn.Core.Isolation;

/// <summary>
/// A worker did not answer within the request's limit; it was killed. <see cref="ProcessorTime"/>: the limit passed was
/// the worker's CPU time on the request (the deadline itself); otherwise the wall-clock backstop
/// (<see cref="IsolationOptions.WallClockFactor"/> times the deadline) for a worker that stopped using the processor.
/// </summary>
public sealed class WorkerDeadlineException : TimeoutException
{
    public WorkerDeadlineException(TimeSpan limit, bool processorTime) : base("No answer within " + Describe(limit, processorTime) + ".")
    {
        Limit = limit;
        ProcessorTime = processorTime;
    }

    public WorkerDeadlineException() : this(TimeSpan.Zero, processorTime: false) { }
    public WorkerDeadlineException(string message, Exception inner) : base(message, inner) { }

    public TimeSpan Limit { get; }

    public bool ProcessorTime { get; }

    /// <summary>The limit as a document's rejection states it: "30 s of processor time" or "120 s".</summary>
    public string LimitText => Describe(Limit, ProcessorTime);

    private static string Describe(TimeSpan limit, bool processorTime) =>
        limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + (processorTime ? " s of processor time" : " s");
}
