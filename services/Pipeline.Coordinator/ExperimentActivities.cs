using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Coordinator;

/// <summary>
/// What the saga does at each step, as binder steps for <see cref="ExperimentStateMachine"/>: send the stage's command
/// to every variant that has not had it (the flags make a redelivered event harmless) and publish the outcome.
/// </summary>
internal static class ExperimentActivities
{
    public static EventActivityBinder<ExperimentState, T> SendIngestion<T>(this EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.ThenAsync(context => Send(context, ServiceQueues.Ingestor, ExperimentMessages.Ingest(context.Saga)));

    public static EventActivityBinder<ExperimentState, T> SendTraining<T>(this EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            foreach (var variant in context.Saga.Variants.Where(v => !v.TrainingRequested))
            {
                variant.TrainingRequested = true;
                await Send(context, ServiceQueues.Trainer, ExperimentMessages.StartTraining(context.Saga, variant));
            }
        });

    /// <summary>The first news of a variant's job starts its watch; a repeat, or news after its end, does nothing.</summary>
    public static EventActivityBinder<ExperimentState, TrainingJobStarted> SendWatch(this EventActivityBinder<ExperimentState, TrainingJobStarted> binder) =>
        binder.ThenAsync(async context =>
        {
            if (FirstNewsOfJob(context) is { } variant)
                await Send(context, ServiceQueues.JobWatcher, ExperimentMessages.Watch(context.Saga, variant));
        });

    public static EventActivityBinder<ExperimentState, T> SendDeployment<T>(this EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            foreach (var variant in context.Saga.Variants.Where(v => !v.DeployRequested))
            {
                variant.DeployRequested = true;
                await Send(context, ServiceQueues.Deployer, ExperimentMessages.Deploy(context.Saga, variant));
            }
        });

    public static EventActivityBinder<ExperimentState, T> SendEvaluation<T>(this EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            foreach (var variant in context.Saga.Variants)
                await Send(context, ServiceQueues.Evaluator, ExperimentMessages.Evaluate(context.Saga, variant));
        });

    /// <summary>Stops every job still running and deletes every endpoint that was asked for.</summary>
    public static EventActivityBinder<ExperimentState, T> SendTeardown<T>(this EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            foreach (var variant in context.Saga.Variants)
            {
                if (variant.TrainingRequested && !variant.TrainingEnded)
                    await SendStop(context, variant);
                if (variant.DeployRequested)
                    await SendDelete(context, variant);
            }
        });

    /// <summary>A job whose creation raced with its stop: the first news of it comes after the stop, so stop it again.</summary>
    public static EventActivityBinder<ExperimentState, TrainingJobStarted> StopLateJob(this EventActivityBinder<ExperimentState, TrainingJobStarted> binder) =>
        binder.ThenAsync(async context =>
        {
            if (FirstNewsOfJob(context) is { } variant)
                await SendStop(context, variant);
        });

    /// <summary>
    /// An endpoint that reports InService (or a model reported created) after teardown began may have missed the
    /// delete: delete it again.
    /// </summary>
    public static EventActivityBinder<ExperimentState, EndpointInService> DeleteLateDeployment(this EventActivityBinder<ExperimentState, EndpointInService> binder) =>
        binder.ThenAsync(context => DeleteLate(context, context.Message.Variant));

    public static EventActivityBinder<ExperimentState, ModelCreated> DeleteLateDeployment(this EventActivityBinder<ExperimentState, ModelCreated> binder) =>
        binder.ThenAsync(context => DeleteLate(context, context.Message.Variant));

    private static async Task DeleteLate(BehaviorContext<ExperimentState> context, string name)
    {
        var variant = context.Saga.Variant(name);
        if (variant is null || variant.InService || !variant.DeployRequested)
            return;
        variant.InService = true;
        await SendDelete(context, variant);
    }

    public static EventActivityBinder<ExperimentState, T> PublishOutcome<T>(this EventActivityBinder<ExperimentState, T> binder)
        where T : class =>
        binder.ThenAsync(context => context.Saga.Outcome switch
        {
            ExperimentOutcome.Completed => context.Publish(ExperimentMessages.Completed(context.Saga)),
            ExperimentOutcome.Cancelled => context.Publish(ExperimentMessages.Cancelled(context.Saga)),
            _ => context.Publish(ExperimentMessages.Failed(context.Saga)),
        });

    private static VariantProgress? FirstNewsOfJob(BehaviorContext<ExperimentState, TrainingJobStarted> context)
    {
        var variant = context.Saga.Variant(context.Message.Variant);
        if (variant is null || variant.TrainingJobArn is not null || variant.TrainingEnded)
            return null;
        variant.TrainingJobArn = context.Message.TrainingJobArn;
        return variant;
    }

    private static Task SendStop(BehaviorContext<ExperimentState> context, VariantProgress variant)
    {
        variant.StopPending = true;
        return Send(context, ServiceQueues.Trainer, ExperimentMessages.Stop(context.Saga, variant));
    }

    private static Task SendDelete(BehaviorContext<ExperimentState> context, VariantProgress variant)
    {
        variant.TeardownPending = true;
        return Send(context, ServiceQueues.Deployer, ExperimentMessages.Teardown(context.Saga, variant));
    }

    private static Task Send<T>(ConsumeContext context, string queue, T command)
        where T : class =>
        context.Send(ServiceQueues.Address(queue), command);
}
