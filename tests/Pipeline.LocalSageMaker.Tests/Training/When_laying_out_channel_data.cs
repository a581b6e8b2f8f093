using System.IO.Compression;
using System.Text;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_laying_out_channel_data : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new();

    public When_laying_out_channel_data() =>
        _local.Algorithm.Train = (cluster, _) =>
        {
            // What each host holds while it trains (the folders go when the job ends).
            foreach (var host in cluster.Hosts)
                foreach (var channel in cluster.Channels)
                    Seen[(host.Name, channel.Name)] = FilesUnder(host.Folders.Channel(channel.Name));
            return Task.CompletedTask;
        };

    private Dictionary<(string Host, string Channel), Dictionary<string, string>> Seen { get; } = [];

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task FullyReplicated_gives_every_host_every_object_under_its_key_relative_to_the_prefix()
    {
        var objects = new Dictionary<string, string> { ["1979.data"] = "a", ["1980.data"] = "bb", ["nested/1981.data"] = "ccc" };
        foreach (var (key, content) in objects)
            await _local.PutAsync($"s3://data/gdelt/train/{key}", Encoding.UTF8.GetBytes(content));
        await _local.PutAsync("s3://data/gdelt/other/1979.data", [9]); // beside the prefix, not under it

        await RunAsync(Requests.Valid("job-1", instances: 3, channels: Requests.Channel("train", "s3://data/gdelt/train/")));

        foreach (var host in new[] { "algo-1", "algo-2", "algo-3" })
            Assert.Equal(objects, Seen[(host, "train")]);
    }

    [Fact]
    public async Task ShardedByS3Key_gives_object_i_in_key_order_to_host_i_mod_n()
    {
        // Written out of order; some keys sort differently as bytes than as numbers.
        string[] keys = ["y7", "y10", "y2", "y1", "y3", "y5", "y4"];
        foreach (var key in keys)
            await _local.PutAsync($"s3://data/shards/{key}", Encoding.UTF8.GetBytes("content of " + key));

        await RunAsync(Requests.Valid("job-1", instances: 3, channels: Requests.Channel("train", "s3://data/shards/", "ShardedByS3Key")));

        var inKeyOrder = keys.Order(StringComparer.Ordinal).ToList(); // y1 y10 y2 y3 y4 y5 y7
        for (var h = 0; h < 3; h++)
        {
            var expected = inKeyOrder.Where((_, i) => i % 3 == h).ToDictionary(k => k, k => "content of " + k);
            Assert.Equal(expected, Seen[($"algo-{h + 1}", "train")]);
        }
    }

    [Fact]
    public async Task ShardedByS3Key_with_fewer_objects_than_hosts_leaves_some_hosts_without_data_and_still_runs_them()
    {
        await _local.PutAsync("s3://data/shards/a", [1]);
        await _local.PutAsync("s3://data/shards/b", [2]);

        var job = await RunAsync(Requests.Valid("job-1", instances: 4, channels: Requests.Channel("train", "s3://data/shards/", "ShardedByS3Key")));

        Assert.Equal(["a"], Seen[("algo-1", "train")].Keys);
        Assert.Equal(["b"], Seen[("algo-2", "train")].Keys);
        Assert.Empty(Seen[("algo-3", "train")]);
        Assert.Empty(Seen[("algo-4", "train")]);
        Assert.Equal(4, Assert.Single(_local.Algorithm.Clusters).Hosts.Count);
        Assert.NotNull(job.BillableTimeInSeconds);
    }

    [Fact]
    public async Task ShardedByS3Key_on_one_channel_leaves_the_other_replicated()
    {
        for (var year = 1979; year <= 1983; year++)
        {
            await _local.PutAsync($"s3://data/gdelt/train/{year}.data", [(byte)year]);
            await _local.PutAsync($"s3://data/gdelt/validation/{year}.data", [(byte)year]);
        }

        await RunAsync(Requests.Valid("job-1", instances: 5, channels:
        [
            Requests.Channel("train", "s3://data/gdelt/train/", "ShardedByS3Key"),
            Requests.Channel("validation", "s3://data/gdelt/validation/"),
        ]));

        for (var h = 1; h <= 5; h++)
        {
            Assert.Equal([$"{1978 + h}.data"], Seen[($"algo-{h}", "train")].Keys);
            Assert.Equal(5, Seen[($"algo-{h}", "validation")].Count);
        }
    }

    [Fact]
    public async Task A_prefix_naming_one_object_lands_as_that_objects_file_name()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.PutAsync("s3://data/gdelt/train/1980.data", [2]);

        await RunAsync(Requests.Valid("job-1", instances: 1, channels: Requests.Channel("train", "s3://data/gdelt/train/1979.data")));

        Assert.Equal(["1979.data"], Seen[("algo-1", "train")].Keys);
    }

    [Fact]
    public async Task ManifestFile_gives_the_objects_the_manifest_lists_under_their_relative_keys()
    {
        await _local.PutAsync("s3://data/pool/a/1.csv", "one"u8.ToArray());
        await _local.PutAsync("s3://data/pool/b/2.csv", "two"u8.ToArray());
        await _local.PutAsync("s3://data/pool/c/3.csv", "not listed"u8.ToArray());
        await _local.PutAsync("s3://data/manifests/train.json", """[{"prefix": "s3://data/pool/"}, "a/1.csv", "b/2.csv"]"""u8.ToArray());

        await RunAsync(Requests.Valid("job-1", instances: 2, channels:
            Requests.Channel("train", "s3://data/manifests/train.json", "ShardedByS3Key", dataType: "ManifestFile")));

        Assert.Equal(new Dictionary<string, string> { ["a/1.csv"] = "one" }, Seen[("algo-1", "train")]);
        Assert.Equal(new Dictionary<string, string> { ["b/2.csv"] = "two" }, Seen[("algo-2", "train")]);
    }

    [Fact]
    public async Task Gzip_objects_arrive_as_stored()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            await gzip.WriteAsync("1,2,3\n4,5,6\n"u8.ToArray());
        await _local.PutAsync("s3://data/gz/train.csv.gz", compressed.ToArray());
        byte[]? onHost = null;
        _local.Algorithm.Train = (cluster, _) =>
        {
            onHost = File.ReadAllBytes(Path.Combine(cluster.Hosts[0].Folders.Channel("train"), "train.csv.gz"));
            return Task.CompletedTask;
        };

        await RunAsync(Requests.Valid("job-1", instances: 1, channels: Requests.Channel("train", "s3://data/gz/", compression: "Gzip", contentType: "text/csv")));

        Assert.Equal(compressed.ToArray(), onHost);
        var channel = Assert.Single(Assert.Single(_local.Algorithm.Clusters).Channels);
        Assert.Equal(new ChannelInput("train", "text/csv", "FullyReplicated", "Gzip", "None"), channel);
    }

    [Fact]
    public async Task An_empty_prefix_fails_the_job_saying_no_objects_were_found()
    {
        var job = await RunAsync(Requests.Valid("job-1", channels: Requests.Channel("train", "s3://data/nothing-here/")));

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.StartsWith("ClientError: No S3 objects found under S3 URL \"s3://data/nothing-here/\"", job.FailureReason, StringComparison.Ordinal);
        Assert.Empty(_local.Algorithm.Clusters);
    }

    [Fact]
    public async Task A_manifest_listing_a_missing_object_fails_the_job_naming_it()
    {
        await _local.PutAsync("s3://data/manifests/train.json", """[{"prefix": "s3://data/pool/"}, "gone.csv"]"""u8.ToArray());

        var job = await RunAsync(Requests.Valid("job-1", channels: Requests.Channel("train", "s3://data/manifests/train.json", dataType: "ManifestFile")));

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.Contains("s3://data/pool/gone.csv", job.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"prefix": "s3://data/pool/"}""")]
    [InlineData("""["a.csv"]""")]
    [InlineData("""[{"prefix": "s3://data/pool/"}, "../escape.csv"]""")]
    public async Task A_manifest_that_is_not_valid_fails_the_job(string manifest)
    {
        await _local.PutAsync("s3://data/pool/a.csv", [1]);
        await _local.PutAsync("s3://data/manifests/train.json", Encoding.UTF8.GetBytes(manifest));

        var job = await RunAsync(Requests.Valid("job-1", channels: Requests.Channel("train", "s3://data/manifests/train.json", dataType: "ManifestFile")));

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.StartsWith("ClientError: ", job.FailureReason, StringComparison.Ordinal);
    }

    private async Task<Aws.SageMaker.DescribeTrainingJobResponse> RunAsync(Aws.SageMaker.CreateTrainingJobRequest request)
    {
        await _local.Jobs.CreateTrainingJobAsync(request, default);
        return await _local.EndOfAsync(request.TrainingJobName!);
    }

    private static Dictionary<string, string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText);
}
