using MassTransit;

namespace Pipeline.Saga.DynamoDb.Tests.Counter;

/// <summary>A small saga shaped like ExperimentState: settable members, a version, a list, an enum.</summary>
public sealed class CounterState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";

    public int Count { get; set; }
    public int Starts { get; set; }
    public List<int> Steps { get; set; } = [];
    public CounterColour Colour { get; set; }
}

public enum CounterColour
{
    Grey,
    Green,
}

public sealed record StartCounter(Guid CounterId);

public sealed record IncrementCounter(Guid CounterId, int Step);

public sealed record FinishCounter(Guid CounterId);

/// <summary>Sent for a counter that may not exist; the state machine faults it when missing.</summary>
public sealed record CheckCounter(Guid CounterId);
