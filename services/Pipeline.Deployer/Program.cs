using Microsoft.Extensions.Hosting;
using Pipeline.Deployer;
using Pipeline.Health;
using Pipeline.ServiceDefaults;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args);

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Deployer");
builder.Services.AddDeployer(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
return 0;
