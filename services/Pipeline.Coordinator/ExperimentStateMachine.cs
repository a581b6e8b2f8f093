using MassTransit;
using Microsoft.Extensions.Logging;
using Pipeline.Contracts;

namespace Pipeline.Coordinator;

/// <summary>
/// Coordinates one experiment: ingest, train every variant, deploy, evaluate, tear down, report. Any failure,
/// timeout or cancellation once something exists goes through TearingDown, and events that arrive late or twice
/// are ignored or answered idempotently (a job or endpoint that appears after teardown is stopped or deleted).
/// </summary>
public sealed class ExperimentStateMachine : MassTransitStateMachine<ExperimentState>
{
    public ExperimentStateMachine(ILogger<ExperimentStateMachine> logger)
    {
        InstanceState(x => x.CurrentState);

        Event(() => Start, e => e.CorrelateById(m => m.Message.ExperimentId));
        Event(() => Cancel, e => Correlate(e, m => m.ExperimentId));
        Event(() => DatasetReady, e => Correlate(e, m => m.ExperimentId));
        Event(() => IngestionFailed, e => Correlate(e, m => m.ExperimentId));
        Event(() => IngestionFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => TrainingStarted, e => Correlate(e, m => m.ExperimentId));
        Event(() => TrainingStatusChanged, e => Correlate(e, m => m.ExperimentId));
        Event(() => TrainingCompleted, e => Correlate(e, m => m.ExperimentId));
        Event(() => TrainingFailed, e => Correlate(e, m => m.ExperimentId));
        Event(() => TrainingStartFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => TrainingWatchFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => StopRequested, e => Correlate(e, m => m.ExperimentId));
        Event(() => StopFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => InService, e => Correlate(e, m => m.ExperimentId));
        Event(() => ModelReady, e => Correlate(e, m => m.ExperimentId));
        Event(() => DeploymentFailed, e => Correlate(e, m => m.ExperimentId));
        Event(() => DeploymentFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => EndpointCheckFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => Evaluated, e => Correlate(e, m => m.ExperimentId));
        Event(() => EvaluationFailed, e => Correlate(e, m => m.ExperimentId));
        Event(() => EvaluationFaulted, e => Correlate(e, m => m.Message.ExperimentId));
        Event(() => Deleted, e => Correlate(e, m => m.ExperimentId));
        Event(() => TeardownFaulted, e => Correlate(e, m => m.Message.ExperimentId));

        Schedule(() => StageTimeout, x => x.StageTimeoutTokenId, s =>
        {
            s.Delay = TimeSpan.FromHours(1);
            s.Received = r => r.CorrelateById(m => m.Message.ExperimentId);
        });

        OnUnhandledEvent(context =>
        {
            logger.LogWarning("Experiment {ExperimentId}: ignored {Event} in {State}",
                context.Saga.CorrelationId, context.Event.Name, context.Saga.CurrentState);
            return Task.CompletedTask;
        });

        Initially(
            When(Start)
                .IfElse(context => ProblemsOf(context).Count == 0,
                    valid => valid
                        .Then(context => Begin(context.Saga, context.Message))
                        .IfElse(context => context.Message.Spec.Data.Prepared is not null,
                            prepared => prepared
                                .Then(context => context.Saga.Dataset = ExperimentMessages.PreparedDataset(context.Saga.Spec))
                                .Then(context => logger.LogInformation("Experiment {ExperimentId}: prepared dataset, ingestion skipped", context.Saga.CorrelationId))
                                .SendTraining()
                                .Schedule(StageTimeout, context => StageTimedOut(context.Saga, Training), context => context.Saga.Spec.TrainingTimeout)
                                .TransitionTo(Training),
                            ingest => ingest
                                .SendIngestion()
                                .Schedule(StageTimeout, context => StageTimedOut(context.Saga, Ingesting), context => context.Saga.Spec.Timeouts.Ingestion)
                                .TransitionTo(Ingesting)),
                    invalid => invalid
                        .PublishAsync(context => context.Init<ExperimentRejected>(new ExperimentRejected
                        {
                            ExperimentId = context.Message.ExperimentId,
                            Problems = ProblemsOf(context),
                        }))
                        .Finalize()));

        During(Ingesting,
            When(DatasetReady)
                .Then(context => context.Saga.Dataset = context.Message.Dataset)
                .SendTraining()
                .Schedule(StageTimeout, context => StageTimedOut(context.Saga, Training), context => context.Saga.Spec.TrainingTimeout)
                .TransitionTo(Training),
            EndThroughTeardown(When(IngestionFailed), ExperimentOutcome.Failed, context => $"ingestion failed: {context.Message.Reason}"),
            EndThroughTeardown(When(IngestionFaulted), ExperimentOutcome.Failed, context => $"ingestion failed: {FaultReason(context.Message)}"),
            EndThroughTeardown(When(StageTimeout.Received, IsCurrentStage), ExperimentOutcome.Failed, TimedOut),
            EndThroughTeardown(When(Cancel), ExperimentOutcome.Cancelled, context => context.Message.Reason));

        During(Training,
            When(TrainingStarted).SendWatch(),
            When(TrainingStatusChanged).Then(RecordSecondaryStatus),
            When(TrainingCompleted)
                .Then(RecordTraining)
                .If(context => context.Saga.Variants.TrueForAll(v => v.Training is not null),
                    allTrained => allTrained
                        .SendDeployment()
                        .Schedule(StageTimeout, context => StageTimedOut(context.Saga, Deploying), context => context.Saga.Spec.Timeouts.Deploy)
                        .TransitionTo(Deploying)),
            EndThroughTeardown(When(TrainingFailed, IsNewTrainingEnd).Then(context => MarkTrainingEnded(context.Saga, context.Message.Variant)), ExperimentOutcome.Failed, TrainingFailure),
            EndThroughTeardown(When(TrainingStartFaulted), ExperimentOutcome.Failed, context => $"variant '{context.Message.Message.Variant}': could not start training: {FaultReason(context.Message)}"),
            EndThroughTeardown(When(TrainingWatchFaulted), ExperimentOutcome.Failed, context => $"variant '{context.Message.Message.Variant}': could not watch training: {FaultReason(context.Message)}"),
            EndThroughTeardown(When(StageTimeout.Received, IsCurrentStage), ExperimentOutcome.Failed, TimedOut),
            EndThroughTeardown(When(Cancel), ExperimentOutcome.Cancelled, context => context.Message.Reason));

        During(Deploying,
            When(InService)
                .Then(context => context.Saga.Variant(context.Message.Variant)?.InService = true)
                .If(AllDeployed, EvaluateAll),
            When(ModelReady)
                .Then(context => context.Saga.Variant(context.Message.Variant)?.InService = true)
                .If(AllDeployed, EvaluateAll),
            EndThroughTeardown(When(DeploymentFailed), ExperimentOutcome.Failed, context => $"variant '{context.Message.Variant}': endpoint {context.Message.EndpointName} failed: {context.Message.Reason}"),
            EndThroughTeardown(When(DeploymentFaulted), ExperimentOutcome.Failed, context => $"variant '{context.Message.Message.Variant}': could not deploy: {FaultReason(context.Message)}"),
            EndThroughTeardown(When(EndpointCheckFaulted), ExperimentOutcome.Failed, context => $"variant '{context.Message.Message.Variant}': could not check endpoint {context.Message.Message.EndpointName}: {FaultReason(context.Message)}"),
            EndThroughTeardown(When(StageTimeout.Received, IsCurrentStage), ExperimentOutcome.Failed, TimedOut),
            EndThroughTeardown(When(Cancel), ExperimentOutcome.Cancelled, context => context.Message.Reason),
            Ignore(TrainingStarted), Ignore(TrainingStatusChanged), Ignore(TrainingCompleted), Ignore(TrainingFailed));

        During(Evaluating,
            When(Evaluated)
                .Then(context => context.Saga.Variant(context.Message.Variant)?.Metrics ??= context.Message.Metrics)
                .If(context => context.Saga.Variants.TrueForAll(v => v.Metrics is not null),
                    allEvaluated => EndThroughTeardown(allEvaluated, ExperimentOutcome.Completed, _ => "evaluated")),
            EndThroughTeardown(When(EvaluationFailed), ExperimentOutcome.Failed, context => $"variant '{context.Message.Variant}': evaluation failed: {context.Message.Reason}"),
            EndThroughTeardown(When(EvaluationFaulted), ExperimentOutcome.Failed, context => $"variant '{context.Message.Message.Variant}': evaluation failed: {FaultReason(context.Message)}"),
            EndThroughTeardown(When(StageTimeout.Received, IsCurrentStage), ExperimentOutcome.Failed, TimedOut),
            EndThroughTeardown(When(Cancel), ExperimentOutcome.Cancelled, context => context.Message.Reason),
            Ignore(InService), Ignore(ModelReady), Ignore(TrainingStarted), Ignore(TrainingStatusChanged), Ignore(TrainingCompleted), Ignore(TrainingFailed));

        During(TearingDown,
            When(StopRequested).Then(context => ConfirmStopped(context.Saga, context.Message.Variant)).If(IsTornDown, Finish),
            When(StopFaulted).Then(context => StopFailed(context.Saga, context.Message.Message.Variant, FaultReason(context.Message))).If(IsTornDown, Finish),
            When(Deleted).Then(context => ConfirmDeleted(context.Saga, context.Message.Variant)).If(IsTornDown, Finish),
            When(TeardownFaulted).Then(context => DeleteFailed(context.Saga, context.Message.Message.Variant, FaultReason(context.Message))).If(IsTornDown, Finish),
            When(TrainingStarted).StopLateJob(),
            When(InService).DeleteLateDeployment(),
            When(ModelReady).DeleteLateDeployment(),
            When(TrainingCompleted).Then(context => MarkTrainingEnded(context.Saga, context.Message.Variant)),
            When(TrainingFailed).Then(context => MarkTrainingEnded(context.Saga, context.Message.Variant)),
            When(StageTimeout.Received, IsCurrentStage)
                .Then(context => GiveUpTeardown(context.Saga, TearingDown))
                .PublishOutcome()
                .ThenAsync(TransitionToOutcome),
            Ignore(TrainingStatusChanged), Ignore(DeploymentFailed), Ignore(Evaluated), Ignore(EvaluationFailed),
            Ignore(Cancel), Ignore(TrainingStartFaulted), Ignore(TrainingWatchFaulted), Ignore(DeploymentFaulted), Ignore(EndpointCheckFaulted), Ignore(EvaluationFaulted));

        During(Completed, Failed, Cancelled,
            When(TrainingStarted).StopLateJob(),
            When(InService).DeleteLateDeployment(),
            When(ModelReady).DeleteLateDeployment(),
            Ignore(Cancel), Ignore(DatasetReady), Ignore(IngestionFailed), Ignore(IngestionFaulted),
            Ignore(TrainingStatusChanged), Ignore(TrainingCompleted), Ignore(TrainingFailed), Ignore(TrainingStartFaulted),
            Ignore(TrainingWatchFaulted), Ignore(StopRequested), Ignore(StopFaulted), Ignore(DeploymentFailed),
            Ignore(DeploymentFaulted), Ignore(EndpointCheckFaulted), Ignore(Evaluated), Ignore(EvaluationFailed), Ignore(EvaluationFaulted),
            Ignore(Deleted), Ignore(TeardownFaulted), Ignore(StageTimeout.Received));

        DuringAny(Ignore(Start));

        // Only a rejected experiment reaches Final; the other ends are states of their own, kept so late news can be answered.
        SetCompletedWhenFinalized();
        this.ConnectStateObserver(new StageDurations(TimeProvider.System, Initial));
    }

    public State Ingesting { get; private set; } = null!;
    public State Training { get; private set; } = null!;
    public State Deploying { get; private set; } = null!;
    public State Evaluating { get; private set; } = null!;
    public State TearingDown { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<StartExperiment> Start { get; private set; } = null!;
    public Event<CancelExperiment> Cancel { get; private set; } = null!;
    public Event<DatasetIngested> DatasetReady { get; private set; } = null!;
    public Event<DatasetIngestionFailed> IngestionFailed { get; private set; } = null!;
    public Event<Fault<IngestDataset>> IngestionFaulted { get; private set; } = null!;
    public Event<TrainingJobStarted> TrainingStarted { get; private set; } = null!;
    public Event<TrainingJobStatusChanged> TrainingStatusChanged { get; private set; } = null!;
    public Event<TrainingJobCompleted> TrainingCompleted { get; private set; } = null!;
    public Event<TrainingJobFailed> TrainingFailed { get; private set; } = null!;
    public Event<Fault<StartTrainingJob>> TrainingStartFaulted { get; private set; } = null!;
    public Event<Fault<WatchTrainingJob>> TrainingWatchFaulted { get; private set; } = null!;
    public Event<TrainingJobStopRequested> StopRequested { get; private set; } = null!;
    public Event<Fault<StopTrainingJob>> StopFaulted { get; private set; } = null!;
    public Event<EndpointInService> InService { get; private set; } = null!;
    public Event<ModelCreated> ModelReady { get; private set; } = null!;
    public Event<EndpointDeploymentFailed> DeploymentFailed { get; private set; } = null!;
    public Event<Fault<DeployModel>> DeploymentFaulted { get; private set; } = null!;
    public Event<Fault<CheckEndpointStatus>> EndpointCheckFaulted { get; private set; } = null!;
    public Event<EndpointEvaluated> Evaluated { get; private set; } = null!;
    public Event<EndpointEvaluationFailed> EvaluationFailed { get; private set; } = null!;
    public Event<Fault<EvaluateEndpoint>> EvaluationFaulted { get; private set; } = null!;
    public Event<EndpointDeleted> Deleted { get; private set; } = null!;
    public Event<Fault<TeardownEndpoint>> TeardownFaulted { get; private set; } = null!;

    public Schedule<ExperimentState, StageTimedOut> StageTimeout { get; private set; } = null!;

    /// <summary>Events for an experiment this coordinator does not know (or no longer keeps) are dropped, not faulted.</summary>
    private static void Correlate<T>(IEventCorrelationConfigurator<ExperimentState, T> e, Func<T, Guid> id)
        where T : class
    {
        e.CorrelateById(m => id(m.Message));
        e.OnMissingInstance(m => m.Discard());
    }

    private static void Begin(ExperimentState saga, StartExperiment start)
    {
        var spec = saga.Spec = start.Spec.WithSweepExpanded();
        saga.Variants = spec.Variants.Select(v => new VariantProgress
        {
            Name = v.Name,
            TrainDistribution = v.TrainDistribution,
            InstanceCount = spec.InstanceCountOf(v),
            Names = ResourceNames.For(start.ExperimentId, v.Name),
        }).ToList();
    }

    /// <summary>The spec's problems, found once per StartExperiment and kept on its context.</summary>
    private static IReadOnlyList<string> ProblemsOf(BehaviorContext<ExperimentState, StartExperiment> context) =>
        context.GetOrAddPayload(() => new SpecProblems(context.Message.Spec.Validate())).Problems;

    private sealed record SpecProblems(IReadOnlyList<string> Problems);

    private static bool AllDeployed(BehaviorContext<ExperimentState> context) => context.Saga.Variants.TrueForAll(v => v.InService);

    private EventActivityBinder<ExperimentState, T> EvaluateAll<T>(EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder
            .SendEvaluation()
            .Schedule(StageTimeout, context => StageTimedOut(context.Saga, Evaluating), context => context.Saga.Spec.Timeouts.Evaluation)
            .TransitionTo(Evaluating);

    /// <summary>The timeout of <paramref name="stage"/>; it fails the experiment only if it finds the saga still in that state.</summary>
    private static StageTimedOut StageTimedOut(ExperimentState saga, State stage) =>
        new() { ExperimentId = saga.CorrelationId, Stage = stage.Name };

    private static bool IsCurrentStage(BehaviorContext<ExperimentState, StageTimedOut> context) =>
        context.Message.Stage == context.Saga.CurrentState;

    private static string TimedOut(BehaviorContext<ExperimentState, StageTimedOut> context) =>
        $"timed out in {context.Message.Stage}";

    private static string FaultReason<T>(Fault<T> fault) =>
        fault.Exceptions.FirstOrDefault() is { } e ? $"{e.ExceptionType}: {e.Message}" : "the command faulted";

    private static string TrainingFailure(BehaviorContext<ExperimentState, TrainingJobFailed> context) =>
        $"variant '{context.Message.Variant}': training job {context.Message.TrainingJobName} {context.Message.Status}: {context.Message.Reason}";

    private static void RecordSecondaryStatus(BehaviorContext<ExperimentState, TrainingJobStatusChanged> context)
    {
        if (context.Saga.Variant(context.Message.Variant) is { TrainingEnded: false } variant)
            variant.SecondaryStatus = context.Message.SecondaryStatus;
    }

    private static void RecordTraining(BehaviorContext<ExperimentState, TrainingJobCompleted> context)
    {
        if (context.Saga.Variant(context.Message.Variant) is not { TrainingEnded: false } variant)
            return;
        variant.TrainingEnded = true;
        variant.SecondaryStatus = "Completed";
        variant.Training = context.Message;
    }

    private static bool IsNewTrainingEnd(BehaviorContext<ExperimentState, TrainingJobFailed> context) =>
        context.Saga.Variant(context.Message.Variant) is { TrainingEnded: false };

    private static void MarkTrainingEnded(ExperimentState saga, string variant)
    {
        if (saga.Variant(variant) is { } progress)
            progress.TrainingEnded = true;
    }

    /// <summary>
    /// Leaves the happy path (or finishes it): records how the experiment will end, stops running jobs and
    /// deletes endpoints, then either waits in TearingDown or, with nothing to undo, ends at once.
    /// </summary>
    private EventActivityBinder<ExperimentState, T> EndThroughTeardown<T>(EventActivityBinder<ExperimentState, T> binder,
        ExperimentOutcome outcome, Func<BehaviorContext<ExperimentState, T>, string> reason)
        where T : class =>
        binder
            .Then(context =>
            {
                context.Saga.Outcome = outcome;
                context.Saga.EndStage = context.Saga.CurrentState;
                context.Saga.EndReason = reason(context);
            })
            .SendTeardown()
            .IfElse(context => context.Saga.TeardownPending,
                pending => pending
                    .Schedule(StageTimeout, context => StageTimedOut(context.Saga, TearingDown), context => context.Saga.Spec.Timeouts.Teardown)
                    .TransitionTo(TearingDown),
                nothingToUndo => nothingToUndo
                    .Unschedule(StageTimeout)
                    .PublishOutcome()
                    .ThenAsync(TransitionToOutcome));

    private static void ConfirmStopped(ExperimentState saga, string name)
    {
        if (saga.Variant(name) is not { StopPending: true } variant)
            return;
        variant.StopPending = false;
        saga.TornDown.Add($"stopped training job {variant.Names.TrainingJob}");
    }

    private static void StopFailed(ExperimentState saga, string name, string reason)
    {
        if (saga.Variant(name) is not { StopPending: true } variant)
            return;
        variant.StopPending = false;
        saga.Remaining.Add($"training job {variant.Names.TrainingJob} (stop failed: {reason})");
    }

    private static void ConfirmDeleted(ExperimentState saga, string name)
    {
        if (saga.Variant(name) is not { TeardownPending: true } variant)
            return;
        variant.TeardownPending = false;
        saga.TornDown.Add(Deployment(saga, variant) + (saga.Spec.Evaluation.ByBatchTransform ? "" : " with its endpoint config and model"));
    }

    private static void DeleteFailed(ExperimentState saga, string name, string reason)
    {
        if (saga.Variant(name) is not { TeardownPending: true } variant)
            return;
        variant.TeardownPending = false;
        saga.Remaining.Add($"{Deployment(saga, variant)} (delete failed: {reason})");
    }

    /// <summary>What a variant's deployment is: its endpoint, or, evaluated by batch transform, its model alone.</summary>
    private static string Deployment(ExperimentState saga, VariantProgress variant) =>
        saga.Spec.Evaluation.ByBatchTransform ? $"model {variant.Names.Model}" : $"endpoint {variant.Names.Endpoint}";

    private static void GiveUpTeardown(ExperimentState saga, State tearingDown)
    {
        foreach (var variant in saga.Variants)
        {
            if (variant.StopPending)
                saga.Remaining.Add($"training job {variant.Names.TrainingJob} (no confirmation that it stopped)");
            if (variant.TeardownPending)
                saga.Remaining.Add($"{Deployment(saga, variant)} (no confirmation that it was deleted)");
            variant.StopPending = variant.TeardownPending = false;
        }

        if (saga.Outcome == ExperimentOutcome.Completed)
        {
            saga.Outcome = ExperimentOutcome.Failed;
            saga.EndStage = tearingDown.Name;
            saga.EndReason = $"timed out in {tearingDown.Name}";
        }
        else
        {
            saga.EndReason += $"; then timed out in {tearingDown.Name}";
        }
    }

    private static bool IsTornDown(BehaviorContext<ExperimentState> context) => !context.Saga.TeardownPending;

    private EventActivityBinder<ExperimentState, T> Finish<T>(EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.Unschedule(StageTimeout).PublishOutcome().ThenAsync(TransitionToOutcome);

    private Task TransitionToOutcome(BehaviorContext<ExperimentState> context) =>
        context.TransitionToState(context.Saga.Outcome switch
        {
            ExperimentOutcome.Completed => Completed,
            ExperimentOutcome.Cancelled => Cancelled,
            _ => Failed,
        });
}
