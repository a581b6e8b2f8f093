namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>
/// The request cannot be scored as sent: the container answers it with <see cref="StatusCode"/> (400 for a malformed
/// row, 415 for a content type it does not read, 406 for an Accept it cannot write) and the message as its body.
/// </summary>
public sealed class InvalidInputException(string message, int statusCode = 400) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
