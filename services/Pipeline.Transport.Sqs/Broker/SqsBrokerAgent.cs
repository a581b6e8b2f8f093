using MassTransit;
using MassTransit.Middleware;

namespace Pipeline.Transport.Sqs.Broker;

/// <summary>Closes the broker's clients (and their connections) when the bus stops, after its receive endpoints.</summary>
internal sealed class SqsBrokerAgent : Agent
{
    private readonly SqsBroker _broker;

    public SqsBrokerAgent(SqsBroker broker)
    {
        _broker = broker;
        SetReady();
    }

    protected override async Task StopAgent(StopContext context)
    {
        await base.StopAgent(context).ConfigureAwait(false);
        await _broker.DisposeAsync().ConfigureAwait(false);
    }
}
