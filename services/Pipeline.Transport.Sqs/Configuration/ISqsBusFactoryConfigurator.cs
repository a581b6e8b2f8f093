using MassTransit;

namespace Pipeline.Transport.Sqs;

/// <summary>What <c>bus.UsingSqs((context, cfg) => ...)</c> configures.</summary>
public interface ISqsBusFactoryConfigurator : IBusFactoryConfigurator<ISqsReceiveEndpointConfigurator>
{
    /// <summary>Region, service URLs, credentials, scope, and receive defaults.</summary>
    void Host(Action<SqsHostSettings> configure);
}

/// <summary>A receive endpoint: one queue, subscribed to the topics of what its consumers consume.</summary>
public interface ISqsReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>Long polling: how long one ReceiveMessage waits (0 to 20 s); by default the host's.</summary>
    int WaitTimeSeconds { set; }

    /// <summary>How long a received message stays invisible, renewed while its consumer runs; by default the host's.</summary>
    int VisibilityTimeoutSeconds { set; }
}
