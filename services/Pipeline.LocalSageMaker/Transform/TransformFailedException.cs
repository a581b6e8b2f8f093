namespace Pipeline.LocalSageMaker.Transform;

/// <summary>The job cannot go on; the message is its FailureReason ("ClientError: ..." for a problem with the input or model).</summary>
public sealed class TransformFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
