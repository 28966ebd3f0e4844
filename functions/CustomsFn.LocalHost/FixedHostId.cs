using Microsoft.Azure.WebJobs.Host.Executors;

namespace CustomsFn.LocalHost;

internal sealed class FixedHostId(string id) : IHostIdProvider
{
    public Task<string> GetHostIdAsync(CancellationToken cancellationToken) => Task.FromResult(id);
}
