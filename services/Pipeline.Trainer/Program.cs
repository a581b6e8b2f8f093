using Microsoft.Extensions.Hosting;
using Pipeline.Trainer;
using Pipeline.ServiceDefaults;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Trainer");
builder.Services.AddTrainer(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
