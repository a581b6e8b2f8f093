using Microsoft.Extensions.Hosting;
using Pipeline.JobWatcher;
using Pipeline.ServiceDefaults;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.JobWatcher");
builder.Services.AddJobWatcher(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
