using MassTransit;

namespace Pipeline.Transport.Sqs.Topology;

/// <summary>MassTransit's consume topology with SQS's name length; what an endpoint subscribes to is kept by its builder.</summary>
internal sealed class SqsConsumeTopology() : ConsumeTopology(SqsEntityNames.MaxLength - 20);
