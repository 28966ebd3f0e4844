using CustomsFn.Api;
using CustomsFn.Functions;
using CustomsFn.Core.Isolation;
using CustomsFn.Core.Pipeline;
using CustomsFn.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Worker mode for parsers that can crash the process (see IsolationOptions): this app runs itself as a child.
if (args.Length == 2 && args[0] == IsolationWorker.Argument)
    return await WorkerProcesses.RunAsync(args[1]).ConfigureAwait(false);

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCustomsPipeline(builder.Configuration);
builder.Services.AddWorkerTelemetry(builder.Configuration);
// In Azure the reviewer comes from App Service authentication's principal when the user signed in (Api__TrustClientPrincipal=false turns it off).
builder.Services.Configure<ApiOptions>(o => o.TrustClientPrincipal = true);
builder.Services.AddComplianceApi();
await builder.Build().RunAsync().ConfigureAwait(false);
return 0;
