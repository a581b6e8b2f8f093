using Pipeline.Data.RecordIO;

namespace Pipeline.Evaluator;

/// <summary>
/// Streams the labelled test rows of a test object (RecordIO-protobuf .data or label-first CSV) in file order.
/// Throws <see cref="InvalidDataException"/> for a malformed object and <see cref="FileNotFoundException"/> for a
/// missing one.
/// </summary>
public interface ITestSetReader
{
    IAsyncEnumerable<DenseRow> ReadAsync(string testObjectUri, CancellationToken cancellationToken);
}

