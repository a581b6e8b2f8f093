using Microsoft.Extensions.Hosting;
using Pipeline.Evaluator;
using Pipeline.Health;
using Pipeline.ServiceDefaults;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args);

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Evaluator");
builder.Services.AddEvaluator(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
return 0;
