using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Pipeline.Data.RecordIO;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>
/// The seed notebook's training cells (Conformance/notebook_training.py: both create_training_job calls with the
/// notebook's parameters, the training_job_completed_or_stopped waiter, get_train_timing over describe_log_streams
/// and get_log_events), run by boto3 against LocalSageMaker over HTTP with the real linear learner.
/// </summary>
public sealed class When_boto3_runs_the_notebooks_training_cells(NotebookTrainingRun run)
    : IClassFixture<NotebookTrainingRun>
{
    private const int FeatureDim = NotebookTrainingRun.FeatureDim;
    private readonly JsonElement _seen = run.Seen;
    private readonly LocalSageMakerUnderTest _local = run.Local;

    [Fact]
    public void The_replicated_job_is_in_progress_right_after_creation()
    {
        Assert.Equal("InProgress", _seen.GetProperty("first_status").GetString());
    }

    [Theory]
    [InlineData("sharded")]
    [InlineData("replicated")]
    public void Both_jobs_complete_through_every_secondary_status(string variant)
    {
        var job = _seen.GetProperty(variant);
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var secondary = job.GetProperty("secondary").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(["Starting", "Downloading", "Training", "Uploading", "Completed"], secondary);
        Assert.True(job.GetProperty("start_before_end").GetBoolean());
        Assert.True(job.GetProperty("billable_seconds").GetInt32() >= 1);
    }

    [Theory]
    [InlineData("sharded")]
    [InlineData("replicated")]
    public void Get_train_timing_reads_one_stream_per_host_and_a_positive_span(string variant)
    {
        var job = _seen.GetProperty(variant);
        var name = job.GetProperty("name").GetString()!;
        var streams = job.GetProperty("streams").EnumerateArray().Select(s => s.GetString()!).Order().ToList();
        Assert.Equal(5, streams.Count);
        for (var host = 1; host <= 5; host++)
            Assert.Matches($"^{name}/algo-{host}-[0-9]+$", streams[host - 1]);
        Assert.True(job.GetProperty("timing_minutes").GetDouble() > 0);
    }

    [Theory]
    [InlineData("sharded")]
    [InlineData("replicated")]
    public async Task The_model_artifact_holds_a_linear_learner_model_that_fits_the_data(string variant)
    {
        var uri = _seen.GetProperty(variant).GetProperty("model").GetString()!;
        Assert.Equal(NotebookTrainingRun.ModelUri(_seen.GetProperty(variant).GetProperty("name").GetString()!), uri);

        var folder = Directory.CreateTempSubdirectory("conformance-model-");
        try
        {
            await using (var gzip = new GZipStream(new MemoryStream(await _local.GetAsync(uri)), CompressionMode.Decompress))
                await TarFile.ExtractToDirectoryAsync(gzip, folder.FullName, overwriteFiles: true);
            var model = LinearLearnerModel.Load(folder.FullName);

            // Fresh rows from the same line: the model's MSE must be near the noise variance (0.01), far below the
            // label variance (about 8 for these weights).
            var random = new Random(7);
            var weights = NotebookTrainingRun.Weights();
            const int rows = 2_000;
            var features = new float[rows * FeatureDim];
            var labels = new float[rows];
            for (var i = 0; i < rows; i++)
                labels[i] = NotebookTrainingRun.Row(random, weights, features.AsSpan(i * FeatureDim, FeatureDim));
            var scores = new float[rows];
            model.Predict(features, FeatureDim, scores);
            var mse = labels.Zip(scores, (y, p) => (double)(y - p) * (y - p)).Average();
            Assert.InRange(mse, 0, 0.1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>
/// One run of the notebook's training cells for the whole class: five training years and a validation year of
/// notebook-shaped rows (five numbers and a one-hot code) from a known line plus noise, in a local-folder store.
/// </summary>
public sealed class NotebookTrainingRun : IAsyncLifetime
{
    public const int FeatureDim = 25;
    private const string Bucket = "conformance";
    private const string Prefix = "sagemaker/DEMO-data-distribution-types";
    private const string Image = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";
    private const string Role = "arn:aws:iam::000000000000:role/SageMakerRole";
    private const int RowsPerYear = 4_000;
    private static readonly int[] Years = [1979, 1980, 1981, 1982, 1983];

    private LocalSageMakerServer? _server;

    public LocalSageMakerUnderTest Local { get; } = new(TimeProvider.System, registerLinearLearner: false);

    /// <summary>What the script printed: the first status and, per job, what describe and the logs said.</summary>
    public JsonElement Seen { get; private set; }

    public static string ModelUri(string jobName) => $"s3://{Bucket}/{Prefix}/{jobName}/output/model.tar.gz";

    public static float[] Weights()
    {
        var random = new Random(1729);
        return Enumerable.Range(0, FeatureDim).Select(_ => random.NextSingle() * 2 - 1).ToArray();
    }

    public async Task InitializeAsync()
    {
        var random = new Random(42);
        var weights = Weights();
        foreach (var year in Years)
            await Local.PutAsync($"s3://{Bucket}/{Prefix}/train/{year}.data", RecordIo(random, weights, RowsPerYear));
        await Local.PutAsync($"s3://{Bucket}/{Prefix}/validation/1979.data", RecordIo(random, weights, RowsPerYear / 5));

        _server = new LocalSageMakerServer(Local.Services);
        var endpoint = await _server.StartAsync();
        var output = await Boto3Script.RunAsync("Conformance/notebook_training.py", endpoint, [Bucket, Prefix, Image, Role],
            TimeSpan.FromMinutes(3));
        Seen = JsonDocument.Parse(output).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        await Local.DisposeAsync();
    }

    private static byte[] RecordIo(Random random, float[] weights, int rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = new RecordIoWriter(buffer, leaveOpen: true))
        {
            var features = new float[FeatureDim];
            for (var i = 0; i < rows; i++)
                writer.WriteDense(features, Row(random, weights, features));
        }

        return buffer.ToArray();
    }

    /// <summary>Fills a row of features (five numbers, then a one-hot code as the notebook's) and returns its label.</summary>
    public static float Row(Random random, float[] weights, Span<float> features)
    {
        features.Clear();
        for (var f = 0; f < 5; f++)
            features[f] = random.NextSingle() * 4 - 2;
        features[5 + random.Next(FeatureDim - 5)] = 1;
        var label = 0f;
        for (var f = 0; f < FeatureDim; f++)
            label += weights[f] * features[f];
        return label + (float)(random.NextDouble() - 0.5) * 0.2f * MathF.Sqrt(3);
    }
}
