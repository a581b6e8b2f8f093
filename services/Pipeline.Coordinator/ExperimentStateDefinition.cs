using MassTransit;
using Pipeline.Contracts;

namespace Pipeline.Coordinator;

/// <summary>
/// The coordinator's endpoint: its own queue, retries for concurrency conflicts in durable saga stores, and an
/// outbox so commands and events leave only after the saga's new state is saved.
/// </summary>
public sealed class ExperimentStateDefinition : SagaDefinition<ExperimentState>
{
    public ExperimentStateDefinition() => EndpointName = ServiceQueues.Coordinator;

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<ExperimentState> sagaConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
