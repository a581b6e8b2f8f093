namespace Pipeline.Evaluator;

/// <summary>How the Evaluator scores the test set (Evaluator:Mode).</summary>
public static class EvaluatorModes
{
    /// <summary>InvokeEndpoint on ~5 MB CSV batches, as the notebook does (the default).</summary>
    public const string Endpoint = "endpoint";

    /// <summary>One batch transform job over the test set with the endpoint's model.</summary>
    public const string BatchTransform = "batch-transform";

    public const string Pattern = "^(endpoint|batch-transform)$";
}
