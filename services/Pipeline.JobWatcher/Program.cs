using Microsoft.Extensions.Hosting;
using Pipeline.Health;
using Pipeline.JobWatcher;
using Pipeline.ServiceDefaults;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args);

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.JobWatcher");
builder.Services.AddJobWatcher(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
return 0;
