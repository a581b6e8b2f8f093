using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Cli.Output;
using Pipeline.Cli.Progress;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;

namespace Pipeline.Cli.Tests.Progress;

/// <summary>The command line's side of an experiment, against a scripted coordinator on the in-memory bus.</summary>
public class When_following_a_run
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ExperimentEventsFor _events = new(Guid.NewGuid());

    private static async Task<(ServiceProvider Provider, ITestHarness Harness)> StartBus(CoordinatorScript script)
    {
        var services = new ServiceCollection();
        services.AddSingleton(script);
        services.AddExperimentObserver();
        services.AddBusRegistration(bus => bus.AddConsumer<ScriptedCoordinator>());
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddDelayedMessageScheduler();
            services.BusRegistrations().ApplyTo(bus);
            bus.UsingInMemory((context, transport) =>
            {
                transport.UseDelayedMessageScheduler();
                transport.ConfigureEndpoints(context);
            });
        });
        var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (provider, harness);
    }

    private static ExperimentRun Run(ServiceProvider provider, ITestHarness harness, IProgressView view) =>
        new(harness.Bus, provider.GetRequiredService<ExperimentEvents>(), view, TimeProvider.System);

    [Fact]
    public async Task It_publishes_StartExperiment_and_follows_to_the_completion()
    {
        var script = new CoordinatorScript
        {
            OnStart = async (_, bus) =>
            {
                await bus.Publish(_events.Ingested());
                foreach (var variant in new[] { "replicated", "sharded" })
                {
                    await bus.Publish(_events.Started(variant));
                    await bus.Publish(_events.Trained(variant));
                    await bus.Publish(_events.InService(variant));
                    await bus.Publish(_events.Evaluated(variant));
                    await bus.Publish(_events.Deleted(variant));
                }

                await bus.Publish(_events.Completed());
            },
        };
        var (provider, harness) = await StartBus(script);
        await using var _ = provider;
        var view = new RecordingView();

        var progress = await Run(provider, harness, view).RunAsync(_events.ExperimentId, ExperimentEventsFor.TwoVariantSpec, CancellationToken.None).WaitAsync(Patience);

        Assert.IsType<ExperimentCompleted>(progress.Outcome);
        var start = Assert.IsType<StartExperiment>(Assert.Single(script.Received));
        Assert.Equal(_events.ExperimentId, start.ExperimentId);
        Assert.Equal(ExperimentEventsFor.TwoVariantSpec.Name, start.Spec.Name);
        Assert.All(progress.Variants, v => Assert.Equal(VariantStatus.Evaluated, v.Status));
        Assert.All(progress.Variants, v => Assert.True(v.TornDown));
        // Start line, dataset, five per variant, completion.
        Assert.Equal(1 + 1 + (2 * 5) + 1, view.Changes.Count);
        Assert.Contains("completed", view.Changes.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_experiments_end_does_not_end_this_run()
    {
        var other = new ExperimentEventsFor(Guid.NewGuid());
        var script = new CoordinatorScript
        {
            OnStart = async (_, bus) =>
            {
                await bus.Publish(other.Completed());
                await bus.Publish(_events.Ingested());
                await bus.Publish(_events.Failed("Ingesting", "no year files"));
            },
        };
        var (provider, harness) = await StartBus(script);
        await using var _ = provider;

        var progress = await Run(provider, harness, new RecordingView()).RunAsync(_events.ExperimentId, ExperimentEventsFor.TwoVariantSpec, CancellationToken.None).WaitAsync(Patience);

        var failed = Assert.IsType<ExperimentFailed>(progress.Outcome);
        Assert.Equal("no year files", failed.Reason);
        Assert.NotNull(progress.Dataset);
    }

    [Fact]
    public async Task Cancelling_publishes_CancelExperiment_once_and_waits_for_ExperimentCancelled()
    {
        using var ctrlC = new CancellationTokenSource();
        var script = new CoordinatorScript
        {
            OnStart = async (_, bus) =>
            {
                await bus.Publish(_events.Ingested());
                await bus.Publish(_events.Started("replicated"));
                await bus.Publish(_events.Started("sharded"));
            },
            OnCancel = async (_, bus) =>
            {
                await bus.Publish(_events.Deleted("replicated"));
                await bus.Publish(_events.Cancelled("Training"));
            },
        };
        var (provider, harness) = await StartBus(script);
        await using var _ = provider;
        var view = new RecordingView(change =>
        {
            // The user presses Ctrl+C once training is under way, and again while the teardown is reported.
            if (change.Contains("sharded: training job", StringComparison.Ordinal) || change.Contains("deleted", StringComparison.Ordinal))
                ctrlC.Cancel();
        });

        var progress = await Run(provider, harness, view).RunAsync(_events.ExperimentId, ExperimentEventsFor.TwoVariantSpec, ctrlC.Token).WaitAsync(Patience);

        Assert.IsType<ExperimentCancelled>(progress.Outcome);
        Assert.True(progress.CancelRequested);
        var cancel = Assert.Single(script.Received.OfType<CancelExperiment>());
        Assert.Equal(_events.ExperimentId, cancel.ExperimentId);
        Assert.True(Variant(progress, "replicated").TornDown);
    }

    [Fact]
    public async Task A_rejected_spec_ends_the_run()
    {
        var script = new CoordinatorScript
        {
            OnStart = (start, bus) => bus.Publish(new ExperimentRejected { ExperimentId = start.ExperimentId, Problems = ["Bucket is empty"] }),
        };
        var (provider, harness) = await StartBus(script);
        await using var _ = provider;

        var progress = await Run(provider, harness, new RecordingView()).RunAsync(_events.ExperimentId, ExperimentEventsFor.TwoVariantSpec, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(ExperimentStage.Rejected, progress.Stage);
    }

    private static VariantProgress Variant(ExperimentProgress progress, string name) => progress.Variants.Single(v => v.Name == name);
}
