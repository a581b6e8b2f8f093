namespace Pipeline.LocalSageMaker.Logs;

/// <summary>One event of a stream. <paramref name="Sequence"/> numbers the stream's events from 0 and never changes.</summary>
public readonly record struct StoredLogEvent(long Sequence, long Timestamp, long IngestionTime, string Message);
