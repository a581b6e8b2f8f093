using Pipeline.LocalSageMaker.Server;

// MERGE: the training engine's registration goes here: (services, configuration) => services.AddLocalSageMaker(configuration).
// Until then every SageMaker and Logs operation answers 500 InternalFailure ("no ITrainingJobApi is registered").
return await new LocalSageMakerCommandLine(addEngine: (services, configuration) => { }).InvokeAsync(args);
