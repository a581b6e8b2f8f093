using MassTransit;
using Microsoft.Extensions.Options;
using Pipeline.Aws;

namespace Pipeline.Deployer;

/// <summary>
/// The Deployer's endpoint policy: a failed create, poll or delete is retried with exponential intervals, except
/// a ValidationException, which no retry can cure. What still fails becomes a Fault&lt;T&gt; for the saga.
/// </summary>
public sealed class DeployerConsumerDefinition<TConsumer>(IOptions<DeployerOptions> options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        if (o.RetryLimit == 0)
            return;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<ValidationException>();
            r.Exponential(o.RetryLimit, o.RetryInterval, o.RetryInterval * 30, o.RetryInterval);
        });
    }
}
