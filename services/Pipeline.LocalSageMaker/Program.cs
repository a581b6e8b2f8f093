using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Server;
using Pipeline.ServiceDefaults;

if (HealthProbe.IsRequested(args))
    return HealthProbe.Run(args);

return await new LocalSageMakerCommandLine(addEngine: (services, configuration) => services.AddLocalSageMaker(configuration)).InvokeAsync(args);
