using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.LinearLearner;

public class When_input_formats_differ
{
    private static readonly SyntheticRows Train = SyntheticRows.Linear(1500, [0.7, -1.2, 2.0, 0.1], -0.5, 0.2, seed: 21);

    private static async Task<float[]> WeightsAsync(string? contentType, string compression, byte[] file)
    {
        using var cluster = new TestCluster().Channel("train", contentType, compression).File(0, "train", "part", file);
        await cluster.TrainAsync(TestCluster.Regressor(4, ("epochs", "2")));
        var artifact = cluster.Artifact();
        return [.. artifact.Weights, artifact.Bias];
    }

    [Fact]
    public async Task Csv_and_recordio_give_the_same_model()
    {
        var recordIo = await WeightsAsync(TestCluster.RecordIoType, "None", Train.RecordIo());
        var csv = await WeightsAsync("text/csv", "None", Train.Csv());
        var csvWithLabelSize = await WeightsAsync("text/csv;label_size=1", "None", Train.Csv());

        Assert.Equal(recordIo, csv);
        Assert.Equal(recordIo, csvWithLabelSize);
    }

    [Fact]
    public async Task A_gzip_channel_gives_the_same_model_as_the_plain_files()
    {
        var plain = await WeightsAsync(null, "None", Train.RecordIo());
        var gzipRecordIo = await WeightsAsync(null, "Gzip", SyntheticRows.Gzip(Train.RecordIo()));
        var gzipCsv = await WeightsAsync("text/csv", "Gzip", SyntheticRows.Gzip(Train.Csv()));

        Assert.Equal(plain, gzipRecordIo);
        Assert.Equal(plain, gzipCsv);
    }

    [Fact]
    public async Task A_feature_dim_that_does_not_match_the_data_fails_naming_the_file()
    {
        using var cluster = new TestCluster().Channel("train").File(0, "train", "part-7.data", Train.RecordIo());

        var error = await Assert.ThrowsAsync<AlgorithmErrorException>(() => cluster.TrainAsync(TestCluster.Regressor(5)));

        Assert.Contains("train/part-7.data", error.Message, StringComparison.Ordinal);
        Assert.Contains("has 4 features; feature_dim is 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_cell_that_is_not_a_number_fails_naming_the_file_and_line()
    {
        using var cluster = new TestCluster().Channel("train", "text/csv")
            .File(0, "train", "rows.csv", "1,2,3,4,5\n1,2,x,4,5\n"u8.ToArray());

        var error = await Assert.ThrowsAsync<AlgorithmErrorException>(() => cluster.TrainAsync(TestCluster.Regressor(4)));

        Assert.Contains("train/rows.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2, column 3: 'x' is not a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_content_type_fails_naming_it()
    {
        using var cluster = new TestCluster().Channel("train", "application/x-parquet").File(0, "train", "p", Train.Csv());

        var error = await Assert.ThrowsAsync<AlgorithmErrorException>(() => cluster.TrainAsync(TestCluster.Regressor(4)));

        Assert.Contains("application/x-parquet", error.Message, StringComparison.Ordinal);
    }
}
