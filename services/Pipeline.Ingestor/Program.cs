using Microsoft.Extensions.Hosting;
using Pipeline.Health;
using Pipeline.Ingestor;
using Pipeline.ServiceDefaults;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args);

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Ingestor");
builder.Services.AddIngestor(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
return 0;
