using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using Pipeline.Testing;

namespace Pipeline.Coordinator.Tests;

/// <summary>
/// The coordinator alone on a test harness. The test plays every worker: it reads the commands the saga sends
/// and publishes the events a worker would.
/// </summary>
internal sealed class CoordinatorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CoordinatorHarness(ServiceProvider provider, ExperimentSpec spec)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<ExperimentStateMachine, ExperimentState>();
        Spec = spec;
    }

    public ITestHarness Harness { get; }
    public ISagaStateMachineTestHarness<ExperimentStateMachine, ExperimentState> Saga { get; }
    public ExperimentSpec Spec { get; }
    public Guid ExperimentId { get; } = Guid.NewGuid();
    public ExperimentStateMachine Machine => Saga.StateMachine;

    public static async Task<CoordinatorHarness> StartAsync(ExperimentSpec? spec = null,
        Action<IBusRegistrationConfigurator>? workers = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCoordinator(new ConfigurationBuilder().Build());
        services.AddPipelineTestHarness(workers);
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new CoordinatorHarness(provider, spec ?? Specs.Valid());
        await harness.Harness.Start();
        return harness;
    }

    public VariantSpec Variant(int index) => Spec.Variants[index];

    public ResourceNames Names(string variant) => ResourceNames.For(ExperimentId, variant);

    public Task Publish<T>(T message) where T : class => Harness.Bus.Publish(message);

    public Task StartExperiment() => Publish(new StartExperiment { ExperimentId = ExperimentId, Spec = Spec });

    public async Task<ExperimentState> WaitFor(Func<ExperimentStateMachine, State> state)
    {
        var id = await Saga.Exists(ExperimentId, state, TimeSpan.FromSeconds(15));
        Assert.True(id.HasValue, $"the experiment never reached {state(Machine).Name}; it is in {Instance?.CurrentState ?? "no state"}");
        return Instance!;
    }

    public ExperimentState? Instance => Saga.Sagas.Contains(ExperimentId);

    public async Task<bool> IsGone() => await Saga.NotExists(ExperimentId, TimeSpan.FromSeconds(5)) is null;

    /// <summary>Commands of a type the saga has sent so far, waiting until it has sent at least <paramref name="atLeast"/>.</summary>
    public async Task<List<T>> Sent<T>(int atLeast = 1) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var sent = Harness.Sent.Select<T>().Select(m => m.Context.Message).ToList();
            if (sent.Count >= atLeast || DateTime.UtcNow > deadline)
                return sent;
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The first message of a type published so far, polling for it with a generous deadline: the harness's
    /// inactivity signal fires only once, so after a quiet spell earlier in a test it would no longer wait.
    /// </summary>
    public async Task<T> Published<T>() where T : class => (await Harness.WaitForPublished<T>())[0];

    /// <summary>
    /// Waits until the saga has handled at least <paramref name="count"/> messages of a type (counted since the
    /// harness started). Two messages are in flight at once, so an event published next could otherwise overtake
    /// the one before; and a check that something did not happen needs to know the event was handled.
    /// </summary>
    public Task Consumed<T>(int count = 1) where T : class =>
        Saga.Consumed.WaitForConsumed<T>(count, m => m.Exception is null, state: () => $"the saga is in {Instance?.CurrentState ?? "no state"}");

    /// <summary>The timer the saga set last for <paramref name="stage"/>: the scheduled StageTimedOut, its Delay set.</summary>
    public async Task<SendContext<StageTimedOut>> Timer(string stage)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var timer = Harness.Sent.Select<StageTimedOut>(new CancellationToken(canceled: true))
                .LastOrDefault(m => m.Context.Delay is not null && m.Context.Message.Stage == stage);
            if (timer is not null)
                return timer.Context;
            Assert.True(DateTime.UtcNow < deadline, $"the saga set no timer for {stage} in 15 s");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Makes the saga's timer for <paramref name="stage"/> go off now rather than when it is due: sends its message,
    /// with its scheduling token, where the scheduler would deliver it. The test's own steps then cannot race the clock.
    /// </summary>
    public async Task FireTimer(string stage)
    {
        var timer = await Timer(stage);
        var token = timer.Headers.Get<Guid>(MessageHeaders.SchedulingTokenId);
        Assert.NotNull(token);
        var endpoint = await Harness.Bus.GetSendEndpoint(timer.DestinationAddress!);
        await endpoint.Send(timer.Message, context => context.Headers.Set(MessageHeaders.SchedulingTokenId, token.Value));
    }

    public int SentCount<T>() where T : class => Harness.Sent.Select<T>().Count();

    public int PublishedCount<T>() where T : class => Harness.Published.Select<T>().Count();

    // The workers' answers.
    public Task Ingested() => Publish(new DatasetIngested { ExperimentId = ExperimentId, Dataset = Datasets.Small() });

    public Task TrainingStarted(string variant) => Publish(new TrainingJobStarted
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        TrainingJobName = Names(variant).TrainingJob,
        TrainingJobArn = $"arn:aws:sagemaker:us-east-1:000000000000:training-job/{Names(variant).TrainingJob}",
    });

    public Task TrainingCompleted(string variant, double logSpan = 100, int trainingTime = 120, int billable = 110, int instances = 5) =>
        Publish(new TrainingJobCompleted
        {
            ExperimentId = ExperimentId,
            Variant = variant,
            TrainingJobName = Names(variant).TrainingJob,
            ModelArtifactUri = $"s3://bucket/prefix/{Names(variant).TrainingJob}/output/model.tar.gz",
            InstanceCount = instances,
            LogSpanSeconds = logSpan,
            TrainingTimeInSeconds = trainingTime,
            BillableTimeInSeconds = billable,
        });

    public Task TrainingFailed(string variant, string reason) => Publish(new TrainingJobFailed
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        TrainingJobName = Names(variant).TrainingJob,
        Status = "Failed",
        SecondaryStatus = "Failed",
        Reason = reason,
    });

    public Task StopConfirmed(string variant) => Publish(new TrainingJobStopRequested
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        TrainingJobName = Names(variant).TrainingJob,
    });

    public Task InService(string variant) => Publish(new EndpointInService
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        EndpointName = Names(variant).Endpoint,
    });

    public Task ModelCreated(string variant) => Publish(new ModelCreated
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        ModelName = Names(variant).Model,
    });

    public Task DeploymentFailed(string variant, string reason) => Publish(new EndpointDeploymentFailed
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        EndpointName = Names(variant).Endpoint,
        Reason = reason,
    });

    public Task Evaluated(string variant, double mse, long rows = 1000) => Publish(new EndpointEvaluated
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        EndpointName = Names(variant).Endpoint,
        Metrics = new EvaluationMetrics
        {
            Rows = rows,
            Mse = mse,
            Rmse = Math.Sqrt(mse),
            Mae = mse / 2,
            R2 = 0.1,
            Invocations = 1,
        },
    });

    public Task EvaluationFailed(string variant, string reason) => Publish(new EndpointEvaluationFailed
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        EndpointName = Names(variant).Endpoint,
        Reason = reason,
    });

    public Task Deleted(string variant) => Publish(new EndpointDeleted
    {
        ExperimentId = ExperimentId,
        Variant = variant,
        EndpointName = Names(variant).Endpoint,
    });

    public Task Cancel(string reason = "user pressed Ctrl+C") =>
        Publish(new CancelExperiment { ExperimentId = ExperimentId, Reason = reason });

    /// <summary>Drives an experiment to Training: started and ingested.</summary>
    public async Task Ingest()
    {
        await StartExperiment();
        await WaitFor(m => m.Ingesting);
        await Ingested();
        await WaitFor(m => m.Training);
    }

    /// <summary>Drives an experiment to Training with every variant's job started, and the saga told so.</summary>
    public async Task StartTraining()
    {
        await Ingest();
        foreach (var variant in Spec.Variants)
            await TrainingStarted(variant.Name);
        // Else the next event (a completion, a failure) may overtake a start notice, which then counts as late news.
        await Consumed<TrainingJobStarted>(Spec.Variants.Count);
    }

    /// <summary>Drives an experiment to Deploying: ingested, every variant trained.</summary>
    public async Task TrainAll()
    {
        await StartTraining();
        foreach (var variant in Spec.Variants)
            await TrainingCompleted(variant.Name);
        await WaitFor(m => m.Deploying);
    }

    /// <summary>Drives an experiment to Evaluating.</summary>
    public async Task DeployAll()
    {
        await TrainAll();
        foreach (var variant in Spec.Variants)
            await InService(variant.Name);
        await WaitFor(m => m.Evaluating);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
