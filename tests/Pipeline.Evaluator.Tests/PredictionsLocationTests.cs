namespace Pipeline.Evaluator.Tests;

public sealed class PredictionsLocationTests
{
    private static readonly Guid Experiment = Guid.Parse("0f3c9a7e-4b1d-4f7a-9d7e-2b8c12345678");

    [Theory]
    // The Ingestor's layout: <prefix>/test/<year>.data.
    [InlineData("s3://bucket/sagemaker/DEMO/test/1984.data", "s3://bucket/sagemaker/DEMO/predictions/0f3c9a7e4b1d4f7a9d7e2b8c12345678/sharded.csv")]
    [InlineData("s3://bucket/test/1984.data", "s3://bucket/predictions/0f3c9a7e4b1d4f7a9d7e2b8c12345678/sharded.csv")]
    // A prepared test set elsewhere: beside it.
    [InlineData("s3://bucket/data/held-out.csv", "s3://bucket/data/predictions/0f3c9a7e4b1d4f7a9d7e2b8c12345678/sharded.csv")]
    [InlineData("s3://bucket/contest/1984.data", "s3://bucket/contest/predictions/0f3c9a7e4b1d4f7a9d7e2b8c12345678/sharded.csv")]
    [InlineData("s3://bucket/1984.data", "s3://bucket/predictions/0f3c9a7e4b1d4f7a9d7e2b8c12345678/sharded.csv")]
    public void Predictions_go_beside_the_test_set_under_the_experiment_and_variant(string testObject, string expected) =>
        Assert.Equal(expected, PredictionsLocation.For(testObject, Experiment, "sharded"));
}
