using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Broker;
using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Configuration;

/// <summary>The host's settings, its receive endpoints, and (once built) the broker every endpoint sends and receives through.</summary>
internal sealed class SqsHostConfiguration : BaseHostConfiguration<SqsReceiveEndpointConfiguration, ISqsReceiveEndpointConfigurator>
{
    private readonly SqsBusConfiguration _busConfiguration;
    private readonly SqsBusTopology _topology;
    private SqsBroker? _broker;
    private SqsMessageSender? _sender;

    public SqsHostConfiguration(SqsBusConfiguration busConfiguration, SqsHostSettings settings, SqsEntityNames names)
        : base(busConfiguration)
    {
        _busConfiguration = busConfiguration;
        Settings = settings;
        Names = names;
        _topology = new SqsBusTopology(this, busConfiguration.Topology);
        ReceiveTransportRetryPolicy = Retry.Exponential(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
    }

    public SqsHostSettings Settings { get; }
    public SqsEntityNames Names { get; }

    /// <summary>The clock delays are planned on; tests may replace it.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public SqsBroker Broker => _broker ?? throw new InvalidOperationException("The SQS host is used before it was built.");
    public SqsMessageSender Sender => _sender ?? throw new InvalidOperationException("The SQS host is used before it was built.");

    public override Uri HostAddress => SqsAddress.HostAddress(Settings.Region);
    public override IBusTopology Topology => _topology;
    public override IRetryPolicy ReceiveTransportRetryPolicy { get; }

    public override IEnumerable<ValidationResult> Validate() =>
        base.Validate().Concat(Settings.Problems().Select(problem => this.Failure("Host", problem)));

    public SqsReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName, Action<ISqsReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(queueName, _busConfiguration.CreateEndpointConfiguration(), configure);

    public SqsReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName, IEndpointConfiguration endpointConfiguration,
        Action<SqsReceiveEndpointConfiguration>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        var configuration = new SqsReceiveEndpointConfiguration(this, queueName, endpointConfiguration);
        configure?.Invoke(configuration);
        Observers.EndpointConfigured(configuration);
        Add(configuration);
        return configuration;
    }

    public override IReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName, Action<IReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(queueName, configure);

    public override void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<ISqsReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var queueName = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        ReceiveEndpoint(queueName, configurator =>
        {
            // A definition's Temporary (a per-process queue) means what the bus's own queue does: removed at stop.
            if (definition.IsTemporary && configurator is SqsReceiveEndpointConfiguration endpoint)
                endpoint.IsTemporary = true;
            ApplyEndpointDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public void ApplyDefinition(IReceiveEndpointConfigurator configurator, IEndpointDefinition definition) =>
        ApplyEndpointDefinition(configurator, definition);

    public override void ReceiveEndpoint(string queueName, Action<ISqsReceiveEndpointConfigurator> configureEndpoint) =>
        CreateReceiveEndpointConfiguration(queueName, configureEndpoint);

    public override IHost Build()
    {
        _broker ??= new SqsBroker(Settings);
        _sender ??= new SqsMessageSender(_broker, Settings.MaxDelaySeconds, Time);
        var host = new SqsHost(this, _topology);
        foreach (var endpoint in GetConfiguredEndpoints())
            endpoint.Build(host);
        return host;
    }
}
