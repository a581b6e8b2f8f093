using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Metrics;
using Pipeline.LocalSageMaker.Logs;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Training;
using Pipeline.LocalSageMaker.Transform;
using Pipeline.LocalSageMaker.XGBoost;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker;

public static class LocalSageMakerServiceCollectionExtensions
{
    /// <summary>
    /// Everything LocalSageMaker serves: batch transform (<see cref="TransformServiceCollectionExtensions.AddLocalSageMakerTransform"/>), hosting (<see cref="HostingServiceCollectionExtensions.AddLocalSageMakerHosting"/>,
    /// its endpoints logging to the same store) and the training engine as <see cref="ITrainingJobApi"/>, its CloudWatch Logs store as <see cref="ILogsApi"/>, the
    /// CloudWatch metrics its jobs' metric definitions find in their logs as <see cref="IMetricsApi"/>, the
    /// object store it reads channels from and writes models to (section "Storage"), and the algorithm catalogue
    /// (<see cref="TrainingImages"/>) with the built-in linear learner as the keyed <see cref="ITrainingAlgorithm"/>
    /// <see cref="TrainingImages.LinearLearnerKey"/> (a test may register another first) and the built-in XGBoost as
    /// <see cref="TrainingImages.XGBoostKey"/> (its Python from section "LocalSageMaker:XGBoost"). Options
    /// come from section "LocalSageMaker", validated at start. Time comes from the registered <see cref="TimeProvider"/>
    /// (the system's unless another is registered).
    /// </summary>
    public static IServiceCollection AddLocalSageMaker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLocalSageMakerOptions(configuration);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddObjectStore(configuration);

        services.TryAddKeyedSingleton<ITrainingAlgorithm>(TrainingImages.LinearLearnerKey,
            (provider, _) => new LinearLearnerAlgorithm(time: provider.GetRequiredService<TimeProvider>()));

        services.AddOptions<XGBoostOptions>()
            .Bind(configuration.GetSection(XGBoostOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddKeyedSingleton<ITrainingAlgorithm>(TrainingImages.XGBoostKey,
            (provider, _) => new XGBoostAlgorithm(provider.GetRequiredService<IOptions<XGBoostOptions>>().Value));

        services.TryAddSingleton<LogStore>();
        services.TryAddSingleton<ILogsApi>(provider => provider.GetRequiredService<LogStore>());
        services.TryAddSingleton<IEndpointLogs>(provider => provider.GetRequiredService<LogStore>());
        services.AddOptions<LocalCommandOptions>()
            .Bind(configuration.GetSection(LocalCommandOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(provider => new TrainingImages(
            provider.GetKeyedService<ITrainingAlgorithm>(TrainingImages.LinearLearnerKey),
            new LocalCommandPolicy(provider.GetRequiredService<IOptions<LocalCommandOptions>>().Value),
            provider.GetKeyedService<ITrainingAlgorithm>(TrainingImages.XGBoostKey)));
        services.TryAddSingleton<TrainingJobRunner>();
        services.TryAddSingleton<TrainingJobEngine>();
        services.TryAddSingleton<ITrainingJobApi>(provider => provider.GetRequiredService<TrainingJobEngine>());
        services.TryAddSingleton<IMetricsApi, CloudWatchMetrics>();
        services.AddLocalSageMakerHosting(configuration);
        return services.AddLocalSageMakerTransform(configuration);
    }

    /// <summary>Section "LocalSageMaker", validated at start; registered once however often it is called.</summary>
    internal static IServiceCollection AddLocalSageMakerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(LocalSageMakerOptionsRegistered)))
            return services;
        services.AddSingleton<LocalSageMakerOptionsRegistered>();
        services.TryAddSingleton<WorkFolders>();
        services.AddOptions<LocalSageMakerOptions>()
            .Bind(configuration.GetSection(LocalSageMakerOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<LocalSageMakerAuthOptions>()
            .Bind(configuration.GetSection(LocalSageMakerAuthOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    private sealed class LocalSageMakerOptionsRegistered;
}
