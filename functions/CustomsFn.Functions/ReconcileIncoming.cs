using CustomsFn.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CustomsFn.Functions;

/// <summary>
/// Timer (every 5 minutes) that processes uploads in <c>incoming</c>
/// that never got an outcome: blob triggers can miss blobs, and a missed trigger must not lose a document.
/// </summary>
public sealed class ReconcileIncoming(ReconciliationSweep sweep)
{
    /// <summary>Every 5 minutes; uploads younger than <c>Reconciliation__MinAge</c> (default 2 minutes) are left to the trigger.</summary>
    public const string Schedule = "0 */5 * * * *";

    [Function(nameof(ReconcileIncoming))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
