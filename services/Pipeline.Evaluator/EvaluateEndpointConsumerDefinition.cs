using MassTransit;
using Microsoft.Extensions.Options;

namespace Pipeline.Evaluator;

/// <summary>A whole evaluation is retried a few times for transient errors; final ones never reach the policy.</summary>
public sealed class EvaluateEndpointConsumerDefinition(IOptions<EvaluatorOptions> options) : ConsumerDefinition<EvaluateEndpointConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EvaluateEndpointConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = options.Value;
        if (o.RetryLimit == 0)
            return;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore(EvaluateEndpointConsumer.FinalErrors);
            r.Interval(o.RetryLimit, o.RetryInterval);
        });
    }
}
