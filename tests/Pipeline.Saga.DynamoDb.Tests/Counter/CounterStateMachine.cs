using MassTransit;

namespace Pipeline.Saga.DynamoDb.Tests.Counter;

public class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
        : this(insertOnInitial: false)
    {
    }

    /// <param name="insertOnInitial">Insert the saga before consuming its first event (the repository's Insert path) rather than after.</param>
    protected CounterStateMachine(bool insertOnInitial)
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, x =>
        {
            x.CorrelateById(m => m.Message.CounterId);
            x.InsertOnInitial = insertOnInitial;
            x.SetSagaFactory(m => new CounterState { CorrelationId = m.Message.CounterId });
        });
        Event(() => Incremented, x =>
        {
            x.CorrelateById(m => m.Message.CounterId);
            x.OnMissingInstance(m => m.Discard());
        });
        Event(() => Finished, x => x.CorrelateById(m => m.Message.CounterId));
        Event(() => Checked, x =>
        {
            x.CorrelateById(m => m.Message.CounterId);
            x.OnMissingInstance(m => m.Fault());
        });

        Initially(When(Started).Then(c => c.Saga.Starts++).TransitionTo(Counting));
        During(Counting,
            When(Started).Then(c => c.Saga.Starts++),
            When(Incremented).Then(c =>
            {
                c.Saga.Count++;
                c.Saga.Steps.Add(c.Message.Step);
            }),
            When(Checked).Then(c => c.Saga.Colour = CounterColour.Green),
            When(Finished).Finalize());
        SetCompletedWhenFinalized();
    }

    public State Counting { get; protected set; } = null!;

    public Event<StartCounter> Started { get; protected set; } = null!;
    public Event<IncrementCounter> Incremented { get; protected set; } = null!;
    public Event<FinishCounter> Finished { get; protected set; } = null!;
    public Event<CheckCounter> Checked { get; protected set; } = null!;
}

/// <summary>The same saga, inserted before its first event is consumed.</summary>
public sealed class InsertingCounterStateMachine() : CounterStateMachine(insertOnInitial: true);
