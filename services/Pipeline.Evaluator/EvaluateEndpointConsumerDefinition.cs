using MassTransit;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Http;
using Pipeline.Contracts;

namespace Pipeline.Evaluator;

/// <summary>
/// A whole evaluation is retried a few times for transient errors; final ones never reach the policy, and neither does
/// throttling (retried per call: by the HTTP client, and per batch by <see cref="EvaluatorOptions.ThrottleRetries"/>).
/// </summary>
public sealed class EvaluateEndpointConsumerDefinition : ConsumerDefinition<EvaluateEndpointConsumer>
{
    private readonly IOptions<EvaluatorOptions> _options;

    public EvaluateEndpointConsumerDefinition(IOptions<EvaluatorOptions> options)
    {
        _options = options;
        EndpointName = ServiceQueues.Evaluator;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<EvaluateEndpointConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var o = _options.Value;
        if (o.RetryLimit == 0)
            return;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore(EvaluateEndpointConsumer.FinalErrors);
            r.Ignore<Exception>(AwsErrors.IsThrottling);
            r.Interval(o.RetryLimit, o.RetryInterval);
        });
    }
}
