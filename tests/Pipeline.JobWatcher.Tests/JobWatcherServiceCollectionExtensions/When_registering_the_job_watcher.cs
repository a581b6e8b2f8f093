using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.ServiceDefaults;

namespace Pipeline.JobWatcher.Tests;

public sealed class When_registering_the_job_watcher
{
    [Fact]
    public void Registers_the_SageMaker_and_CloudWatch_Logs_adapters_for_the_ports_it_requires()
    {
        var services = new ServiceCollection();
        services.AddJobWatcher(new ConfigurationBuilder().Build());

        Assert.Equal(
            [typeof(ITrainingJobDescriber), typeof(ITrainingLogReader)],
            services.RequiredPorts().All.Select(p => p.Port).Order(Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name))));
        Assert.All(services.RequiredPorts().All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.Empty(services.RequiredPorts().Missing(services));
        Assert.Contains(services, d => d.ServiceType == typeof(ITrainingJobDescriber) && d.ImplementationType == typeof(Pipeline.JobWatcher.Aws.SageMakerTrainingJobDescriber));
        Assert.Contains(services, d => d.ServiceType == typeof(ITrainingLogReader) && d.ImplementationType == typeof(Pipeline.JobWatcher.Aws.CloudWatchTrainingLogReader));
    }

    [Fact]
    public void Doubles_registered_afterwards_replace_the_adapters()
    {
        var services = new ServiceCollection();
        services.AddJobWatcher(new ConfigurationBuilder().Build());
        var describer = new ScriptedTrainingJobDescriber();
        var logs = new InMemoryTrainingLogs();
        services.AddSingleton<ITrainingJobDescriber>(describer);
        services.AddSingleton<ITrainingLogReader>(logs);
        using var provider = services.BuildServiceProvider();

        Assert.Same(describer, provider.GetRequiredService<ITrainingJobDescriber>());
        Assert.Same(logs, provider.GetRequiredService<ITrainingLogReader>());
    }

    [Fact]
    public void Polls_every_30_seconds_and_backs_off_to_5_minutes_by_default()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<JobWatcherOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), options.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxBackoff);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public void Rejects_a_poll_interval_that_is_not_positive(string interval)
    {
        using var provider = Build(new() { ["JobWatcher:PollInterval"] = interval });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobWatcherOptions>>().Value);
        Assert.Contains("JobWatcher:PollInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_max_backoff_below_the_poll_interval()
    {
        using var provider = Build(new() { ["JobWatcher:PollInterval"] = "00:01:00", ["JobWatcher:MaxBackoff"] = "00:00:30" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobWatcherOptions>>().Value);
        Assert.Contains("JobWatcher:MaxBackoff", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddJobWatcher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
