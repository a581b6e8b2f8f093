using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_listing_training_jobs : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new();

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task Filters_sorts_and_pages()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (cluster, _) => cluster.JobName.Contains("bad", StringComparison.Ordinal)
            ? throw new AlgorithmErrorException("bad") : Task.CompletedTask;
        string[] names = ["sharded-b", "replicated-a", "sharded-bad", "replicated-c", "other"];
        var created = new Dictionary<string, DateTimeOffset>();
        foreach (var name in names)
        {
            created[name] = _local.Clock.GetUtcNow();
            await _local.Jobs.CreateTrainingJobAsync(Requests.Valid(name), default);
            await _local.EndOfAsync(name);
            _local.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var byDefault = await ListAsync(new ListTrainingJobsRequest { MaxResults = 100 });
        var sharded = await ListAsync(new ListTrainingJobsRequest { NameContains = "SHARDED" });
        var failed = await ListAsync(new ListTrainingJobsRequest { StatusEquals = "Failed" });
        var later = await ListAsync(new ListTrainingJobsRequest { CreationTimeAfter = created["sharded-bad"] });
        var byNameDescending = await ListAsync(new ListTrainingJobsRequest { SortBy = "Name", SortOrder = "Descending" });

        Assert.Equal(names, byDefault); // creation time, ascending
        Assert.Equal(["sharded-b", "sharded-bad"], sharded);
        Assert.Equal(["sharded-bad"], failed);
        Assert.Equal(["replicated-c", "other"], later);
        Assert.Equal(names.Order(StringComparer.Ordinal).Reverse(), byNameDescending);
    }

    [Fact]
    public async Task Pages_through_every_job_once()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        var names = Enumerable.Range(1, 7).Select(i => $"job-{i}").ToList();
        foreach (var name in names)
        {
            await _local.Jobs.CreateTrainingJobAsync(Requests.Valid(name), default);
            _local.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _local.Jobs.ListTrainingJobsAsync(new ListTrainingJobsRequest { MaxResults = 3, NextToken = token }, default);
            Assert.InRange(page.TrainingJobSummaries!.Count, 1, 3);
            seen.AddRange(page.TrainingJobSummaries.Select(s => s.TrainingJobName!));
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(names, seen);
        Assert.Equal(3, pages);
        foreach (var name in names)
            await _local.EndOfAsync(name);
    }

    [Theory]
    [InlineData(0, null, null, "maxResults")]
    [InlineData(101, null, null, "maxResults")]
    [InlineData(null, "Running", null, "statusEquals")]
    [InlineData(null, null, "Size", "sortBy")]
    public async Task Refuses_values_out_of_range(int? maxResults, string? status, string? sortBy, string member)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => _local.Jobs.ListTrainingJobsAsync(
            new ListTrainingJobsRequest { MaxResults = maxResults, StatusEquals = status, SortBy = sortBy }, default));

        Assert.Contains($"'{member}'", refused.ServiceMessage, StringComparison.Ordinal);
    }

    private async Task<List<string>> ListAsync(ListTrainingJobsRequest request) =>
        [.. (await _local.Jobs.ListTrainingJobsAsync(request, default)).TrainingJobSummaries!.Select(s => s.TrainingJobName!)];
}
