using Pipeline.Health;
using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Server;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args, contentRoot: AppContext.BaseDirectory); // where LocalSageMakerHost reads appsettings.json

return await new LocalSageMakerCommandLine(addEngine: (services, configuration) => services.AddLocalSageMaker(configuration)).InvokeAsync(args);
