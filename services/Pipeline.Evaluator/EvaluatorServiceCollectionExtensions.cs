using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.ServiceDefaults;

namespace Pipeline.Evaluator;

public static class EvaluatorServiceCollectionExtensions
{
    /// <summary>The ports this service needs an adapter for; the host reports any that nothing registered.</summary>
    public static IReadOnlyList<(Type Port, string Description)> RequiredPorts { get; } =
    [
        (typeof(ITestSetReader), "Test-set reader (RecordIO-protobuf .data or label-first CSV) from the object store - a later issue"),
        (typeof(IEndpointInvoker), "SageMaker Runtime InvokeEndpoint - LocalSageMaker or AWS, a later issue"),
    ];

    /// <summary>Everything the Evaluator needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddEvaluator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EvaluatorOptions>()
            .Bind(configuration.GetSection(EvaluatorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddTransient<EndpointEvaluation>();
        services.AddBusRegistration(bus => bus.AddConsumer<EvaluateEndpointConsumer, EvaluateEndpointConsumerDefinition>());
        return services;
    }
}
