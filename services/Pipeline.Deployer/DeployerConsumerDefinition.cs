using MassTransit;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Contracts;

namespace Pipeline.Deployer;

/// <summary>
/// The Deployer's endpoint policy: a failed create, poll or delete is retried with exponential intervals, except
/// a ValidationException, which no retry can cure, and throttling, which the HTTP client already backed off on. What
/// still fails becomes a Fault&lt;T&gt; for the saga.
/// </summary>
public sealed class DeployerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly IOptions<DeployerOptions> _options;

    public DeployerConsumerDefinition(IOptions<DeployerOptions> options)
    {
        _options = options;
        EndpointName = ServiceQueues.Deployer;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = _options.Value;
        if (o.RetryLimit == 0)
            return;
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<ValidationException>();
            r.Ignore<Exception>(AwsErrors.IsThrottling);
            r.Exponential(o.RetryLimit, o.RetryInterval, o.RetryInterval * 30, o.RetryInterval);
        });
    }
}
