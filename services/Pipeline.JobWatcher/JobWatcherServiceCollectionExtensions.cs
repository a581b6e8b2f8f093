using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.JobWatcher.Aws;
using Pipeline.ServiceDefaults;

namespace Pipeline.JobWatcher;

public static class JobWatcherServiceCollectionExtensions
{
    /// <summary>Everything the JobWatcher needs; its own Program.cs and the embedded host both call this.</summary>
    public static IServiceCollection AddJobWatcher(this IServiceCollection services, IConfiguration configuration)
    {
        services.RequirePort<ITrainingJobDescriber>(
            "SageMaker control plane for job status (DescribeTrainingJob): the SageMaker adapter, AWS or LocalSageMaker as section Aws says");
        services.RequirePort<ITrainingLogReader>(
            "CloudWatch Logs for training time (DescribeLogStreams/GetLogEvents): the CloudWatch Logs adapter, AWS or LocalSageMaker as section Aws says");
        services.AddOptions<JobWatcherOptions>()
            .Bind(configuration.GetSection(JobWatcherOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.MaxBackoff >= o.PollInterval, "JobWatcher:MaxBackoff must be at least JobWatcher:PollInterval.")
            .ValidateOnStart();

        services.AddSageMakerClients(configuration);
        services.AddSingleton<ITrainingJobDescriber, SageMakerTrainingJobDescriber>();
        services.AddSingleton<ITrainingLogReader, CloudWatchTrainingLogReader>();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JobWatcherOptions>>().Value;
            return new PollBackoff(options.PollInterval, options.MaxBackoff, Random.Shared);
        });
        services.AddScoped<TrainingLogSpan>();

        services.AddBusRegistration(bus => bus.AddConsumer<WatchTrainingJobConsumer, WatchTrainingJobConsumerDefinition>());
        return services;
    }
}
