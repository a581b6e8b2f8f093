using Microsoft.Extensions.Hosting;
using Pipeline.Evaluator;
using Pipeline.ServiceDefaults;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Evaluator");
builder.Services.AddEvaluator(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
