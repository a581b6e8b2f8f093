using Microsoft.Extensions.Hosting;
using Pipeline.Ingestor;
using Pipeline.ServiceDefaults;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Ingestor");
builder.Services.AddIngestor(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
