namespace Pipeline.Transport.Sqs;

/// <summary>A message SQS would refuse: its body and attributes are over 256 KB (no claim check is made).</summary>
public sealed class SqsMessageTooLargeException(string destination, int bytes)
    : InvalidOperationException(
        $"The message to '{destination}' is {bytes} bytes with its headers; SQS and SNS take at most {SqsLimits.MaxMessageBytes} bytes (256 KB). "
        + "Send a reference to the data (e.g. an S3 key) instead of the data itself.")
{
    public int Bytes { get; } = bytes;
}
