namespace CustomsFn.Core.Isolation;

/// <summary>What a worker process does with its requests (<see cref="IsolationWorker"/> runs the loop).</summary>
public interface IWorkerHandler
{
    /// <summary>Prepares the worker; null when it can serve, else why not (sent to the host instead of the ready frame).</summary>
    string? Initialize();

    /// <summary>The first frame a ready worker sends.</summary>
    ReadOnlyMemory<byte> Ready { get; }

    /// <summary>Largest request frame accepted.</summary>
    int MaxRequestBytes { get; }

    /// <summary>Starts one request: its deadline, and the task that gives the response and whether the worker retires after it.</summary>
    (TimeSpan Deadline, Task<(byte[] Response, bool Retire)> Work) Start(byte[] request);
}
