using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Server;

return await new LocalSageMakerCommandLine(addEngine: (services, configuration) => services.AddLocalSageMaker(configuration)).InvokeAsync(args);
