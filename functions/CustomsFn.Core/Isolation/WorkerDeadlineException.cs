namespace CustomsFn.Core.Isolation;

/// <summary>A worker did not answer within the request's deadline; it was killed.</summary>
public sealed class WorkerDeadlineException : TimeoutException
{
    public WorkerDeadlineException(TimeSpan deadline) : base($"No answer within {deadline.TotalSeconds:0.#} s.") => Deadline = deadline;
    public WorkerDeadlineException() : this(TimeSpan.Zero) { }
    public WorkerDeadlineException(string message, Exception inner) : base(message, inner) { }

    public TimeSpan Deadline { get; }
}
