using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Pipeline.Contracts;
using Pipeline.Ingestor.Tests.Doubles;

namespace Pipeline.Ingestor.Tests;

public sealed class When_ingesting_a_data_source
{
    [Fact]
    public async Task Publishes_the_builders_dataset_as_it_is()
    {
        var builder = new DatasetBuilderDouble();
        await using var ingestor = await IngestorHarness.StartAsync(builder);
        var command = IngestorHarness.Command(Guid.NewGuid());

        await ingestor.SendAsync(command);

        Assert.True(await ingestor.Harness.Published.Any<DatasetIngested>());
        var ingested = ingestor.Harness.Published.Select<DatasetIngested>().Single().Context.Message;
        Assert.Equal(command.ExperimentId, ingested.ExperimentId);
        // Compared as JSON: the message went through the bus, so its collections are not the same instances.
        Assert.Equal(JsonSerializer.Serialize(DatasetBuilderDouble.Dataset(command)), JsonSerializer.Serialize(ingested.Dataset));
        Assert.False(ingested.Dataset.Prepared);

        var request = Assert.Single(builder.Requests);
        Assert.Equal(command.ExperimentId, request.ExperimentId);
        Assert.Equal(command.Bucket, request.Bucket);
        Assert.Equal(command.Prefix, request.Prefix);
        Assert.True(builder.ReceivedProgress);
    }

    [Fact]
    public async Task Builds_one_dataset_at_a_time_by_default()
    {
        var builder = new DatasetBuilderDouble { Latency = TimeSpan.FromMilliseconds(100) };
        await using var ingestor = await IngestorHarness.StartAsync(builder);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ingestor.SendAsync(IngestorHarness.Command(Guid.NewGuid()))));

        Assert.True(await ingestor.Harness.Published.Any<DatasetIngested>());
        await ingestor.Harness.InactivityTask;
        Assert.Equal(3, ingestor.Harness.Published.Select<DatasetIngested>().Count());
        Assert.Equal(1, builder.MaxInFlight);
    }

    [Fact]
    public async Task Builds_as_many_at_once_as_configured()
    {
        var builder = new DatasetBuilderDouble { Latency = TimeSpan.FromMilliseconds(300) };
        await using var ingestor = await IngestorHarness.StartAsync(builder, new Dictionary<string, string?> { ["Ingestor:ConcurrentMessageLimit"] = "3" });

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ingestor.SendAsync(IngestorHarness.Command(Guid.NewGuid()))));

        Assert.True(await ingestor.Harness.Published.Any<DatasetIngested>());
        await ingestor.Harness.InactivityTask;
        Assert.Equal(6, ingestor.Harness.Published.Select<DatasetIngested>().Count());
        Assert.Equal(3, builder.MaxInFlight);
    }
}

public sealed class When_the_source_data_cannot_be_used
{
    public static TheoryData<Exception> Errors =>
    [
        new InvalidDataException("1979.csv line 12: expected 57 or 58 tab-separated columns, found 12."),
        new FileNotFoundException("No GDELT file for 1983 under s3://gdelt-open-data/events/.", "1983.csv"),
        new DirectoryNotFoundException("The folder /data/gdelt does not exist."),
        new InvalidDataException("/data/gdelt/1979.csv.gz cannot be read: it is truncated."),
        new DatasetInputException("/data/gdelt/1979.csv is not GDELT 1.0 event text: 12 lines read, 12 malformed."),
        // What .NET throws on Unix for ENOSPC, EROFS and EACCES: retrying does not free the disk or the folder.
        new IOException("No space left on device : '/data/objects/train/1979.data.1.~tmp'", 28),
        new IOException("Read-only file system : '/data/objects/train'", 30),
        new UnauthorizedAccessException("Access to the path '/data/objects/train' is denied."),
        new AggregateException(new IOException("No space left on device : '/tmp/pipeline/x.tmp'", 28)),
    ];

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Publishes_ingestion_failed_with_the_message_and_does_not_retry(Exception error)
    {
        var builder = new DatasetBuilderDouble { Build = _ => throw error };
        await using var ingestor = await IngestorHarness.StartAsync(builder);
        var command = IngestorHarness.Command(Guid.NewGuid());

        await ingestor.SendAsync(command);

        Assert.True(await ingestor.Harness.Published.Any<DatasetIngestionFailed>());
        var failed = ingestor.Harness.Published.Select<DatasetIngestionFailed>().Single().Context.Message;
        Assert.Equal(command.ExperimentId, failed.ExperimentId);
        Assert.Contains(error.Message, failed.Reason, StringComparison.Ordinal);
        Assert.Single(builder.Requests);
        Assert.False(await ingestor.Harness.Published.Any<DatasetIngested>());
    }
}

public sealed class When_the_build_fails_for_another_reason
{
    [Fact]
    public async Task Retries_then_faults_the_command()
    {
        var builder = new DatasetBuilderDouble { Build = _ => throw new IOException("Connection reset by peer") };
        await using var ingestor = await IngestorHarness.StartAsync(builder);

        await ingestor.SendAsync(IngestorHarness.Command(Guid.NewGuid()));

        Assert.True(await ingestor.Harness.Published.Any<Fault<IngestDataset>>());
        Assert.Equal(3, builder.Requests.Count); // the first try and RetryLimit = 2 retries
        Assert.False(await ingestor.Harness.Published.Any<DatasetIngestionFailed>());
    }

    [Fact]
    public async Task Throttling_that_outlasted_the_http_clients_backoff_faults_without_building_again()
    {
        var builder = new DatasetBuilderDouble { Build = _ => throw new Pipeline.Aws.ThrottlingException("Please reduce your request rate.") };
        await using var ingestor = await IngestorHarness.StartAsync(builder);

        await ingestor.SendAsync(IngestorHarness.Command(Guid.NewGuid()));

        Assert.True(await ingestor.Harness.Published.Any<Fault<IngestDataset>>());
        Assert.Single(builder.Requests);
    }
}

public sealed class When_the_experiment_ends_during_its_ingestion
{
    public static TheoryData<string> Endings => ["cancelled", "failed"];

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task The_build_is_cancelled_and_nothing_is_published_or_retried(string ending)
    {
        var builder = new DatasetBuilderDouble { Latency = TimeSpan.FromMinutes(10) };
        await using var ingestor = await IngestorHarness.StartAsync(builder);
        var command = IngestorHarness.Command(Guid.NewGuid());
        await ingestor.SendAsync(command);
        while (builder.Requests.IsEmpty)
            await Task.Delay(10);

        if (ending == "cancelled")
            await ingestor.Harness.Bus.Publish(new ExperimentCancelled { ExperimentId = command.ExperimentId, Stage = "Ingesting", Reason = "Ctrl+C", TornDown = [] });
        else
            await ingestor.Harness.Bus.Publish(new ExperimentFailed { ExperimentId = command.ExperimentId, Stage = "Ingesting", Reason = "Ingestion timed out", TornDown = [] });

        Assert.True(await ingestor.Harness.Consumed.Any<IngestDataset>(), "the build did not stop");
        await ingestor.Harness.InactivityTask;
        Assert.Single(builder.Requests);
        Assert.False(await ingestor.Harness.Published.Any<DatasetIngested>());
        Assert.False(await ingestor.Harness.Published.Any<DatasetIngestionFailed>());
        Assert.False(await ingestor.Harness.Published.Any<Fault<IngestDataset>>());
    }
}
