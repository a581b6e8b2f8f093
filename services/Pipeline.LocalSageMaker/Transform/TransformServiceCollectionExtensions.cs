using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.LocalSageMaker.Transform;

public static class TransformServiceCollectionExtensions
{
    /// <summary>
    /// Batch transform as <see cref="ITransformJobApi"/> (a third table on the SageMaker prefix), with its options
    /// (section "LocalSageMaker:Transform", validated at start). It runs the hosting engine's models and writes to the
    /// log store, so it is registered after them (AddLocalSageMaker does).
    /// </summary>
    public static IServiceCollection AddLocalSageMakerTransform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TransformOptions>()
            .Bind(configuration.GetSection(TransformOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<TransformJobRunner>();
        services.TryAddSingleton<TransformJobEngine>();
        services.TryAddSingleton<ITransformJobApi>(provider => provider.GetRequiredService<TransformJobEngine>());
        return services;
    }
}
