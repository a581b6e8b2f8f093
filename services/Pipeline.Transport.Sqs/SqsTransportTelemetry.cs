using System.Diagnostics.Metrics;

namespace Pipeline.Transport.Sqs;

/// <summary>The transport's own metric, beside MassTransit's (messages received, consumed, faulted).</summary>
internal static class SqsTransportTelemetry
{
    public const string Name = "Pipeline.Transport.Sqs";

    private static readonly Meter Meter = new(Name);

    /// <summary>
    /// pipeline.queue.wait: from SQS's SentTimestamp to a consumer taking the message. A delayed send (a schedule, a
    /// poll) counts its delay too: filter by queue to read the backlog of the work queues.
    /// </summary>
    public static Histogram<double> QueueWait { get; } =
        Meter.CreateHistogram<double>("pipeline.queue.wait", "s", "Time from a message's send to a consumer taking it");
}
