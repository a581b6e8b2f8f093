namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// The job's data could not be read or its model could not be written (SageMaker's "ClientError" failures: nothing
/// under a prefix, a missing object, a bad manifest); the message is the job's FailureReason.
/// </summary>
public sealed class ClientErrorException(string reason, Exception? inner = null) : Exception(reason, inner);
