namespace Pipeline.Ingestor;

/// <summary>
/// The experiment's input cannot make a dataset (a year file that is not GDELT text, too few event codes): reading it
/// again gives the same answer, so ingestion fails at once with this message instead of being retried.
/// </summary>
public sealed class DatasetInputException(string message, Exception? inner = null) : Exception(message, inner);
