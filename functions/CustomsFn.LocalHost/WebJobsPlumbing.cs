using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host.Executors;

namespace CustomsFn.LocalHost;

/// <summary>Only <see cref="LocalFunctions"/> holds functions (the SDK would otherwise scan the entry assembly, a test runner's in tests).</summary>
internal sealed class LocalTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(LocalFunctions)];
}

internal sealed class FixedHostId(string id) : IHostIdProvider
{
    public Task<string> GetHostIdAsync(CancellationToken cancellationToken) => Task.FromResult(id);
}

/// <summary>Timer state in memory: the local host runs one instance and needs no storage-backed schedule monitor.</summary>
internal sealed class InMemoryScheduleMonitor : ScheduleMonitor
{
    private readonly Dictionary<string, ScheduleStatus> _status = new(StringComparer.Ordinal);

    public override Task<ScheduleStatus> GetStatusAsync(string timerName)
    {
        lock (_status) return Task.FromResult(_status.GetValueOrDefault(timerName)!);
    }

    public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        lock (_status) _status[timerName] = status;
        return Task.CompletedTask;
    }
}
