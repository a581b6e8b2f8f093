using MassTransit;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Http;
using Pipeline.Contracts;

namespace Pipeline.Ingestor;

/// <summary>
/// Ingestion runs for minutes and uses much memory and I/O: only <see cref="IngestorOptions.ConcurrentMessageLimit"/>
/// at once, none fetched ahead, and a retry only for errors a retry can cure (not throttling: the HTTP client already
/// backed off, and a retry here would build the whole dataset again).
/// </summary>
public sealed class IngestDatasetConsumerDefinition : ConsumerDefinition<IngestDatasetConsumer>
{
    private readonly IngestorOptions _options;

    public IngestDatasetConsumerDefinition(IOptions<IngestorOptions> options)
    {
        _options = options.Value;
        EndpointName = ServiceQueues.Ingestor;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<IngestDatasetConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _options.ConcurrentMessageLimit;
        if (_options.RetryLimit == 0)
            return;
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(IngestionErrors.IsFinal);
            r.Ignore<Exception>(AwsErrors.IsThrottling);
            r.Interval(_options.RetryLimit, _options.RetryInterval);
        });
    }
}
