using System.Collections.Concurrent;
using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Support;

/// <summary>What the stand-in coordinator publishes when an experiment starts or is cancelled.</summary>
public sealed class CoordinatorScript
{
    public Func<StartExperiment, IPublishEndpoint, Task> OnStart { get; init; } = (_, _) => Task.CompletedTask;

    public Func<CancelExperiment, IPublishEndpoint, Task> OnCancel { get; init; } = (_, _) => Task.CompletedTask;

    public ConcurrentQueue<object> Received { get; } = new();
}

/// <summary>Stands in for the saga in tests of the command line's side of the conversation.</summary>
public sealed class ScriptedCoordinator(CoordinatorScript script) : IConsumer<StartExperiment>, IConsumer<CancelExperiment>
{
    public Task Consume(ConsumeContext<StartExperiment> context)
    {
        script.Received.Enqueue(context.Message);
        return script.OnStart(context.Message, context);
    }

    public Task Consume(ConsumeContext<CancelExperiment> context)
    {
        script.Received.Enqueue(context.Message);
        return script.OnCancel(context.Message, context);
    }
}
