using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace CustomsFn.LocalHost;

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
