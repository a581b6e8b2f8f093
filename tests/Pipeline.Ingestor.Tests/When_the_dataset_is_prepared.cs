using MassTransit.Testing;
using Pipeline.Contracts;
using Pipeline.Ingestor.Tests.Doubles;

namespace Pipeline.Ingestor.Tests;

public sealed class When_the_dataset_is_prepared
{
    [Fact]
    public async Task Publishes_it_as_named_without_building_anything()
    {
        var builder = new DatasetBuilderDouble();
        await using var ingestor = await IngestorHarness.StartAsync(builder);
        var prepared = new PreparedDatasetSpec
        {
            TrainPrefix = "s3://prepared/gdelt/train/",
            ValidationPrefix = "s3://prepared/gdelt/validation/",
            TestObject = "s3://prepared/gdelt/test/1984.csv",
            FeatureDim = 17,
        };
        var command = IngestorHarness.Command(Guid.NewGuid(), prepared);

        await ingestor.SendAsync(command);

        Assert.True(await ingestor.Harness.Published.Any<DatasetIngested>());
        var ingested = ingestor.Harness.Published.Select<DatasetIngested>().Single().Context.Message;
        Assert.Equal(command.ExperimentId, ingested.ExperimentId);
        Assert.True(ingested.Dataset.Prepared);
        Assert.Equal(prepared.TrainPrefix, ingested.Dataset.TrainPrefix);
        Assert.Equal(prepared.ValidationPrefix, ingested.Dataset.ValidationPrefix);
        Assert.Equal(prepared.TestObject, ingested.Dataset.TestObject);
        Assert.Equal(17, ingested.Dataset.FeatureDim);
        Assert.Null(ingested.Dataset.Counts);
        Assert.Empty(ingested.Dataset.Objects);
        Assert.Empty(builder.Requests);
    }
}
