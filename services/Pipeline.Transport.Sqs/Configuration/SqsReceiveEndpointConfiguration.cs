using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;
using Pipeline.Transport.Sqs.Receiving;

namespace Pipeline.Transport.Sqs.Configuration;

/// <summary>One receive endpoint: its queue (named under the scope), receive settings, and the pipes MassTransit builds for it.</summary>
internal sealed class SqsReceiveEndpointConfiguration : ReceiveEndpointConfiguration, ISqsReceiveEndpointConfigurator
{
    private readonly SqsHostConfiguration _hostConfiguration;

    public SqsReceiveEndpointConfiguration(SqsHostConfiguration hostConfiguration, string endpointName, IEndpointConfiguration endpointConfiguration)
        : base(hostConfiguration, endpointConfiguration)
    {
        _hostConfiguration = hostConfiguration;
        EndpointName = endpointName;
        QueueName = hostConfiguration.Names.Scoped(endpointName);
        HostAddress = hostConfiguration.HostAddress;
        InputAddress = new SqsAddress(QueueName, IsTopic: false).ToUri(HostAddress);
        WaitTimeSeconds = hostConfiguration.Settings.WaitTimeSeconds;
        VisibilityTimeoutSeconds = hostConfiguration.Settings.VisibilityTimeoutSeconds;
    }

    /// <summary>The name the endpoint was configured with (the host knows it by this name).</summary>
    public string EndpointName { get; }

    /// <summary>The queue's name, scope included.</summary>
    public string QueueName { get; }

    /// <summary>The bus's own queue: it has no _error or _skipped queue (the bus discards those) and is deleted when the bus stops.</summary>
    public bool IsTemporary { get; set; }

    public int WaitTimeSeconds { get; set; }
    public int VisibilityTimeoutSeconds { get; set; }

    public override Uri HostAddress { get; }
    public override Uri InputAddress { get; }

    public override IEnumerable<ValidationResult> Validate()
    {
        foreach (var result in base.Validate())
            yield return result;
        if (!SqsEntityNames.IsValid(QueueName))
            yield return this.Failure("QueueName", $"'{QueueName}' is not a valid SQS name: 1 to {SqsEntityNames.MaxLength} letters, digits, '-' or '_'.");
        if (WaitTimeSeconds is < 0 or > 20)
            yield return this.Failure(nameof(WaitTimeSeconds), $"must be from 0 to 20 (was {WaitTimeSeconds}) on endpoint '{EndpointName}'.");
        if (VisibilityTimeoutSeconds is < 1 or > SqsLimits.MaxVisibilityTimeoutSeconds)
            yield return this.Failure(nameof(VisibilityTimeoutSeconds),
                $"must be from 1 to {SqsLimits.MaxVisibilityTimeoutSeconds} (was {VisibilityTimeoutSeconds}) on endpoint '{EndpointName}'.");
    }

    public override ReceiveEndpointContext CreateReceiveEndpointContext() => CreateSqsReceiveEndpointContext();

    public void Build(IHost host)
    {
        var context = CreateSqsReceiveEndpointContext();
        var receiveEndpoint = new ReceiveEndpoint(new SqsReceiveTransport(context), context);
        host.AddReceiveEndpoint(EndpointName, receiveEndpoint);
        ReceiveEndpoint = receiveEndpoint;
    }

    private SqsReceiveEndpointContext CreateSqsReceiveEndpointContext()
    {
        var builder = new SqsReceiveEndpointBuilder(_hostConfiguration, this);
        ApplySpecifications(builder);
        return builder.CreateReceiveEndpointContext();
    }
}
