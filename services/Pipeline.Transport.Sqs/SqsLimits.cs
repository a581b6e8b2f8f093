namespace Pipeline.Transport.Sqs;

/// <summary>SQS's own limits, which the transport checks before AWS would refuse (or silently drop) a message.</summary>
internal static class SqsLimits
{
    /// <summary>A message's body and attributes together.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>A raw-delivered SNS message with more attributes than this never reaches the queue.</summary>
    public const int MaxAttributes = 10;

    public const int MaxDelaySeconds = 900;

    public const int MaxReceiveBatch = 10;

    /// <summary>Entries of one SendMessageBatch or DeleteMessageBatch call.</summary>
    public const int MaxBatchEntries = 10;

    public const int MaxVisibilityTimeoutSeconds = 43200;
}
