using Microsoft.Extensions.Hosting;
using Pipeline.Health;
using Pipeline.Trainer;
using Pipeline.ServiceDefaults;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args);

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Trainer");
builder.Services.AddTrainer(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
return 0;
