using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Tagging;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Hosting as <see cref="IHostingApi"/> (the SageMaker hosting table of the HTTP front), the SageMaker Runtime
    /// route (<see cref="InvokeEndpointRoute"/>) and the tag store every engine shares (<see cref="ITagsApi"/>), with the object store they read model data from (section "Storage").
    /// Options: <see cref="LocalSageMakerOptions"/> (shared with the training engine) and <see cref="HostingOptions"/>,
    /// validated at start. The endpoints' log streams go to <see cref="IEndpointLogs"/>,
    /// which the caller registers (the training engine's log store).
    /// </summary>
    public static IServiceCollection AddLocalSageMakerHosting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLocalSageMakerOptions(configuration);
        services.AddOptions<HostingOptions>()
            .Bind(configuration.GetSection(HostingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddObjectStore(configuration);
        // One tag store for every engine: training and transform jobs are tagged through it too.
        services.TryAddSingleton<ResourceTags>();
        services.TryAddSingleton<ITagsApi>(provider => provider.GetRequiredService<ResourceTags>());
        services.TryAddSingleton<EndpointLauncher>();
        services.TryAddSingleton<HostingEngine>();
        services.TryAddSingleton<IHostingApi>(provider => provider.GetRequiredService<HostingEngine>());
        services.TryAddSingleton<InvokeEndpointRoute>();
        return services;
    }
}
