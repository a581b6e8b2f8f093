namespace Pipeline.Evaluator;

/// <summary>One InvokeEndpoint request body (text/csv, no labels) and the labels of its rows, in order.</summary>
/// <param name="Index">0 for the first batch of the test set, then 1, 2, ...</param>
/// <param name="FirstRow">The test-set index of the batch's first row.</param>
public sealed record CsvBatch(int Index, long FirstRow, ReadOnlyMemory<byte> Body, float[] Labels)
{
    public int RowCount => Labels.Length;
}
