namespace Pipeline.LocalSageMaker.Hosting.Inference;

/// <summary>A loaded model answering /invocations (an endpoint instance's or a transform job's requests).</summary>
public interface IModelInference
{
    /// <summary>What was loaded, for the instance's log ("linear learner model (Regressor, feature_dim=3)").</summary>
    string Description { get; }

    /// <summary>Scores <paramref name="body"/> into <paramref name="output"/> and returns the output's media type and the rows scored.</summary>
    /// <exception cref="InvalidInputException">The body, its type or the Accept header cannot be served; the message names the row.</exception>
    (string ContentType, int Rows) Invoke(ReadOnlyMemory<byte> body, string? contentType, string? accept, PooledBuffer output);
}
