using Microsoft.Extensions.Hosting;
using Pipeline.Deployer;
using Pipeline.ServiceDefaults;

var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("Pipeline.Deployer");
builder.Services.AddDeployer(builder.Configuration).AddPipelineMessaging(builder.Configuration);
await builder.Build().RunAsync();
