using MassTransit;

namespace Pipeline.Saga.DynamoDb.Tests.Counter;

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Started, x => x.CorrelateById(m => m.Message.CounterId));
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

    public State Counting { get; private set; } = null!;

    public Event<StartCounter> Started { get; private set; } = null!;
    public Event<IncrementCounter> Incremented { get; private set; } = null!;
    public Event<FinishCounter> Finished { get; private set; } = null!;
    public Event<CheckCounter> Checked { get; private set; } = null!;
}
