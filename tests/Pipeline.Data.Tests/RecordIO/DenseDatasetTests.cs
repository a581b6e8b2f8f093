using Pipeline.Data.RecordIO;

namespace Pipeline.Data.Tests.RecordIO;

public sealed class DenseDatasetTests
{
    [Fact]
    public void Reads_every_row_with_its_label_and_the_feature_count()
    {
        var data = ProtoRecords.Framed(ProtoRecords.Dense([1, 2, 3], 10), ProtoRecords.Sparse([5], [1], [3], 20));

        var dataset = DenseDataset.Read(new MemoryStream(data));

        Assert.Equal(3, dataset.FeatureCount);
        Assert.Equal([1f, 2, 3], dataset.Rows[0].Features);
        Assert.Equal(10f, dataset.Rows[0].Label);
        Assert.Equal([0f, 5, 0], dataset.Rows[1].Features);
        Assert.Equal(20f, dataset.Rows[1].Label);
        Assert.Equal(dataset.Rows.Select(r => r.Label), DenseDataset.ReadRows(new MemoryStream(data)).Select(r => r.Label));
    }

    [Fact]
    public void Refuses_rows_of_another_width_or_without_one_label()
    {
        var first = ProtoRecords.Framed(ProtoRecords.Dense([1, 2], 1));
        var narrower = DenseDatasetFails([.. first, .. ProtoRecords.Framed(ProtoRecords.Dense([1], 1))]);
        Assert.Contains($"byte offset {first.Length} has 1 features; the rows before it have 2", narrower.Message, StringComparison.Ordinal);
        Assert.Contains("no label", DenseDatasetFails(ProtoRecords.Framed(ProtoRecords.Dense([1], null))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_object_has_the_given_feature_dimension()
    {
        Assert.Equal(25, DenseDataset.Read(new MemoryStream(), new RecordIoReadOptions { FeatureDim = 25 }).FeatureCount);
        Assert.Empty(DenseDataset.Read(new MemoryStream()).Rows);
    }

    private static InvalidDataException DenseDatasetFails(byte[] data) =>
        Assert.Throws<InvalidDataException>(() => DenseDataset.Read(new MemoryStream(data)));
}
