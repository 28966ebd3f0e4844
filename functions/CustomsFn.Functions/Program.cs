using CustomsFn.Api;
using CustomsFn.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCustomsPipeline(builder.Configuration);
// In Azure the reviewer comes from App Service authentication's principal when the user signed in (Api__TrustClientPrincipal=false turns it off).
builder.Services.Configure<ApiOptions>(o => o.TrustClientPrincipal = true);
builder.Services.AddComplianceApi();
builder.Build().Run();
