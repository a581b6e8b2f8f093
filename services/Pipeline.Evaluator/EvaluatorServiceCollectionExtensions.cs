using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Aws;
using Pipeline.Evaluator.Aws;
using Pipeline.ServiceDefaults;
using Pipeline.Storage;

namespace Pipeline.Evaluator;

public static class EvaluatorServiceCollectionExtensions
{
    /// <summary>Everything the Evaluator needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddEvaluator(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequirePort<IEndpointInvoker>(
            "SageMaker Runtime InvokeEndpoint: the SageMaker adapter, AWS or LocalSageMaker as section Aws says");
        services.RequirePort<IBatchTransform>(
            "SageMaker CreateTransformJob/DescribeTransformJob/StopTransformJob (an experiment's Evaluation.Method BatchTransform, or Evaluator:Mode batch-transform): the SageMaker adapter");
        services.AddOptions<EvaluatorOptions>()
            .Bind(configuration.GetSection(EvaluatorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSageMakerClients(configuration);
        services.AddSingleton<IEndpointInvoker, SageMakerEndpointInvoker>();
        services.AddSingleton<IBatchTransform, SageMakerBatchTransform>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddObjectStore(configuration);
        services.AddSingleton<ITestSetReader, ObjectStoreTestSetReader>();
        services.AddTransient<EndpointEvaluation>();
        services.AddTransient<BatchTransformEvaluation>();
        // Made only when a transform job scores (the experiment or Evaluator:Mode asks): endpoint scoring must not need the
        // transform port, whose SageMaker client resolves its endpoint and region when it is made (and may find none where
        // only SageMaker Runtime is set up).
        services.AddTransient(provider => new Lazy<BatchTransformEvaluation>(provider.GetRequiredService<BatchTransformEvaluation>));
        services.AddBusRegistration(bus => bus.AddConsumer<EvaluateEndpointConsumer, EvaluateEndpointConsumerDefinition>());
        return services;
    }
}
