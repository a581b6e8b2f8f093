namespace Pipeline.Evaluator;

/// <summary>
/// Streams the labelled test rows of a test object (RecordIO-protobuf .data or label-first CSV) in file order.
/// Throws <see cref="InvalidDataException"/> for a malformed object and <see cref="FileNotFoundException"/> for a
/// missing one.
/// </summary>
public interface ITestSetReader
{
    IAsyncEnumerable<LabeledRow> ReadAsync(string testObjectUri, CancellationToken cancellationToken);
}

/// <summary>One test row: the features sent to the endpoint and the label its score is compared with.</summary>
public readonly record struct LabeledRow(float[] Features, float Label);
