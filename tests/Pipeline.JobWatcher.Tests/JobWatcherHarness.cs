using System.Globalization;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using Pipeline.Testing;

namespace Pipeline.JobWatcher.Tests;

/// <summary>The JobWatcher as its host registers it, with SageMaker and CloudWatch Logs replaced and polls in milliseconds.</summary>
public sealed class JobWatcherHarness : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(30);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(90);

    private readonly ServiceProvider _provider;

    private JobWatcherHarness(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
    }

    public ITestHarness Harness { get; }

    public static async Task<JobWatcherHarness> StartAsync(ITrainingJobDescriber describer, ITrainingLogReader? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JobWatcher:PollInterval"] = PollInterval.ToString("c", CultureInfo.InvariantCulture),
            ["JobWatcher:MaxBackoff"] = MaxBackoff.ToString("c", CultureInfo.InvariantCulture),
            ["JobWatcher:RetryLimit"] = "0",
        }).Build();

        var services = new ServiceCollection();
        services.AddJobWatcher(configuration);
        services.AddSingleton(describer);
        services.AddSingleton(logs ?? new InMemoryTrainingLogs());
        services.AddPipelineTestHarness();

        var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new JobWatcherHarness(provider, harness);
    }

    public Task Watch(WatchTrainingJob message) => Harness.Bus.Publish(message);

    public Task<T> SinglePublished<T>() where T : class => Harness.SinglePublished<T>();

    public IReadOnlyList<T> PublishedSoFar<T>() where T : class => Harness.PublishedSoFar<T>();

    /// <summary>Every WatchTrainingJob the watcher consumed: the first one and each rescheduled poll.</summary>
    public IReadOnlyList<WatchTrainingJob> Polls() =>
        Harness.Consumed.Select<WatchTrainingJob>(new CancellationToken(canceled: true)).Select(m => m.Context.Message).ToList();

    /// <summary>
    /// The polls once at least <paramref name="count"/> are recorded. A poll is recorded as consumed only after its
    /// consumer returns, which can be a while after the event it published when the machine is loaded.
    /// </summary>
    public async Task<IReadOnlyList<WatchTrainingJob>> WaitForPolls(int count) =>
        (await Harness.Consumed.WaitForConsumed<WatchTrainingJob>(count)).Select(m => m.Context.Message).ToList();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    public static WatchTrainingJob WatchOf(string trainingJobName) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Variant = "sharded",
        TrainingJobName = trainingJobName,
    };
}
