using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddOptions<EvaluatorOptions>()
            .Bind(configuration.GetSection(EvaluatorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSageMakerClients(configuration);
        services.AddSingleton<IEndpointInvoker, SageMakerEndpointInvoker>();

        services.AddObjectStore(configuration);
        services.AddSingleton<ITestSetReader, ObjectStoreTestSetReader>();
        services.AddTransient<EndpointEvaluation>();
        services.AddBusRegistration(bus => bus.AddConsumer<EvaluateEndpointConsumer, EvaluateEndpointConsumerDefinition>());
        return services;
    }
}
