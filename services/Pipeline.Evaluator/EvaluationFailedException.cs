namespace Pipeline.Evaluator;

/// <summary>The evaluation cannot succeed by trying again; the message says why, for the experiment's report.</summary>
public sealed class EvaluationFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
