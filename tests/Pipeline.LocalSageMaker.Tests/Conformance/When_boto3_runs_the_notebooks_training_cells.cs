using System.Formats.Tar;
using System.Globalization;
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
[Collection(NotebookTrainingRun.Collection)]
public sealed class When_boto3_runs_the_notebooks_training_cells(NotebookTrainingRun run)
{
    private const int FeatureDim = NotebookTrainingRun.FeatureDim;
    private readonly JsonElement _seen = run.Seen;
    private readonly LocalSageMakerUnderTest _local = run.Local;
    private readonly JsonElement _hosted = run.Hosted;

    [Fact]
    public void The_replicated_job_is_in_progress_right_after_creation()
    {
        Assert.Equal("InProgress", _seen.GetProperty("first_status").GetString());
    }

    [Theory]
    [InlineData("describe")]
    [InlineData("stop")]
    public void A_job_it_does_not_have_is_a_ValidationException_saying_so_as_SageMaker_answers(string call)
    {
        var error = _seen.GetProperty("unknown").GetProperty(call);
        Assert.Equal("ValidationException", error.GetProperty("code").GetString());
        Assert.Equal("Requested resource not found.", error.GetProperty("message").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
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
    public void TrainingJobAnalytics_reads_the_linear_learners_losses_and_every_per_epoch_loss_line_is_a_value(string variant)
    {
        var analytics = _seen.GetProperty(variant).GetProperty("analytics");
        var averages = analytics.GetProperty("averages");

        foreach (var metric in new[] { "train:objective_loss", "validation:objective_loss", "train:progress" })
        {
            Assert.True(averages.TryGetProperty(metric, out var values), $"{variant}: no datapoints for {metric}");
            Assert.All(values.EnumerateArray(), v => Assert.True(double.IsFinite(v.GetDouble()) && v.GetDouble() >= 0, $"{metric}: {v}"));
        }

        var lines = analytics.GetProperty("epoch_loss_lines").GetInt32();
        Assert.True(lines > 0, $"{variant}: no per-epoch training loss in the logs");
        Assert.Equal(lines, analytics.GetProperty("samples").GetProperty("train:objective_loss").GetDouble());
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
    [Theory]
    [InlineData("sharded")]
    [InlineData("replicated")]
    public async Task The_hosting_cells_score_the_held_out_year_as_the_trained_model_does(string variant)
    {
        var folder = Directory.CreateTempSubdirectory("conformance-hosted-");
        try
        {
            var uri = NotebookTrainingRun.ModelUri(_seen.GetProperty(variant).GetProperty("name").GetString()!);
            await using (var gzip = new GZipStream(new MemoryStream(await _local.GetAsync(uri)), CompressionMode.Decompress))
                await TarFile.ExtractToDirectoryAsync(gzip, folder.FullName, overwriteFiles: true);
            var model = LinearLearnerModel.Load(folder.FullName);
            var rows = NotebookTrainingRun.TestRows().ToList();
            var features = rows.SelectMany(r => r[1..]).ToArray();
            var scores = new float[rows.Count];
            model.Predict(features, FeatureDim, scores);
            var expected = rows.Select((r, i) => (double)(r[0] - scores[i]) * (r[0] - scores[i])).Average();

            var seen = _hosted.GetProperty($"{variant}_mse").GetDouble();
            // np2csv sends the features as %g (six significant digits), so the scores differ in the last digits.
            Assert.True(Math.Abs(seen - expected) <= 1e-3 * expected, $"{variant}: boto3 saw MSE {seen}, the model gives {expected}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Predict_batches_sends_payloads_under_the_limit_and_gets_a_score_per_row()
    {
        Assert.Equal(NotebookTrainingRun.TestRowCount, _hosted.GetProperty("rows").GetInt32());
        Assert.Equal(2 * NotebookTrainingRun.TestRowCount, _hosted.GetProperty("predictions").GetInt32());
        var payloads = _hosted.GetProperty("payload_bytes").EnumerateArray().Select(p => p.GetInt32()).ToList();
        Assert.True(payloads.Count >= 4, $"{payloads.Count} invocations: the test year should need more than one ~5 MB batch per endpoint");
        Assert.All(payloads, p => Assert.InRange(p, 1, 6_291_456));
    }

    [Fact]
    public void Botocores_paginators_list_models_configs_and_endpoints_a_page_at_a_time()
    {
        var listings = _hosted.GetProperty("listings");
        var names = listings.GetProperty("names");
        List<List<string?>> Pages(string key) =>
            [.. listings.GetProperty(key).EnumerateArray().Select(p => p.EnumerateArray().Select(n => n.GetString()).ToList())];

        // PageSize 1: one name a page, so every page after the first came through NextToken.
        Assert.Equal(names.GetProperty("models").EnumerateArray().Select(n => n.GetString()), Pages("models").Select(p => Assert.Single(p)));
        Assert.Equal([names.GetProperty("sharded_config").GetString()], Pages("endpoint_configs").Select(p => Assert.Single(p)));
        // Endpoints by creation time, newest first: SageMaker's default order.
        Assert.Equal(names.GetProperty("endpoints_newest_first").EnumerateArray().Select(n => n.GetString()), Pages("endpoints").Select(p => Assert.Single(p)));
        Assert.Equal(2, Pages("in_service").Count);
        Assert.Equal(["InService", "InService"], listings.GetProperty("endpoint_status").EnumerateArray().Select(s => s.GetString()));
        Assert.Empty(_hosted.GetProperty("endpoints_after_delete").EnumerateArray().SelectMany(p => p.EnumerateArray()));
    }

    [Fact]
    public void After_the_clean_up_cell_DescribeEndpoint_finds_neither_endpoint()
    {
        var after = _hosted.GetProperty("after_delete").EnumerateObject().ToList();
        Assert.Equal(2, after.Count);
        Assert.All(after, e => Assert.Equal("ValidationException", e.Value.GetString()));
    }
}

[CollectionDefinition(NotebookTrainingRun.Collection)]
public sealed class NotebookTrainingCollection : ICollectionFixture<NotebookTrainingRun>;

/// <summary>
/// One run of the notebook's training cells for the collection: five training years and a validation year of
/// notebook-shaped rows (five numbers and a one-hot code) from a known line plus noise, in a local-folder store; then
/// its hosting cells, then the SDK's everyday paths (sdk_everyday_paths.py) on the trained jobs and their models.
/// </summary>
public sealed class NotebookTrainingRun : IAsyncLifetime
{
    public const string Collection = "The notebook's cells, run once";
    public const string TransformInput = $"s3://{Bucket}/paths/transform-input/";
    public const string TransformOutput = $"s3://{Bucket}/paths/transform-output";
    public const int PathRows = 5;

    public const int FeatureDim = 25;
    private const string Bucket = "conformance";
    private const string Prefix = "sagemaker/DEMO-data-distribution-types";
    private const string Image = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1";
    private const string Role = "arn:aws:iam::000000000000:role/SageMakerRole";
    private const int RowsPerYear = 4_000;
    private static readonly int[] Years = [1979, 1980, 1981, 1982, 1983];

    private LocalSageMakerServer? _server;

    // Endpoints take 0.3 s to change status, so an update is seen Updating before it is InService.
    public LocalSageMakerUnderTest Local { get; } = new(TimeProvider.System, registerLinearLearner: false,
        settings: new() { ["LocalSageMaker:Hosting:TransitionDelay"] = "00:00:00.300" });

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

        // Then the Host, Evaluate and clean-up cells on the two trained jobs, over a held-out "year" of the same line.
        TestCsv = Path.Combine(Local.WorkRoot, "..", "test-year.csv");
        await File.WriteAllLinesAsync(TestCsv, TestRows().Select(r => string.Join(',', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        var sharded = Seen.GetProperty("sharded").GetProperty("name").GetString()!;
        var replicated = Seen.GetProperty("replicated").GetProperty("name").GetString()!;
        var hosted = await Boto3Script.RunAsync("Conformance/notebook_hosting.py", endpoint,
            [sharded, replicated, Image, Role, TestCsv, await DebianPythonPackages.FolderOfAsync("numpy", "python3-numpy")], TimeSpan.FromMinutes(3));
        Hosted = JsonDocument.Parse(hosted).RootElement.Clone();

        var rows = TestRows().Take(PathRows).Select(r => string.Join(',', r[1..].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).ToList();
        await Local.PutAsync(TransformInput + "rows.csv", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows) + "\n"));
        var rowsCsv = Path.Combine(Local.WorkRoot, "..", "path-rows.csv");
        await File.WriteAllLinesAsync(rowsCsv, rows);
        var paths = await Boto3Script.RunAsync("Conformance/sdk_everyday_paths.py", endpoint,
            [sharded, replicated, Role, TransformInput, TransformOutput, rowsCsv], TimeSpan.FromMinutes(3));
        Paths = JsonDocument.Parse(paths).RootElement.Clone();
    }

    /// <summary>What sdk_everyday_paths.py saw.</summary>
    public JsonElement Paths { get; private set; }

    /// <summary>The model a job trained, unpacked from its model.tar.gz.</summary>
    public async Task<LinearLearnerModel> ModelOfAsync(string jobName)
    {
        var folder = Directory.CreateTempSubdirectory("conformance-model-");
        try
        {
            await using (var gzip = new GZipStream(new MemoryStream(await Local.GetAsync(ModelUri(jobName))), CompressionMode.Decompress))
                await TarFile.ExtractToDirectoryAsync(gzip, folder.FullName, overwriteFiles: true);
            return LinearLearnerModel.Load(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>What the hosting cells saw: both MSEs, rows, payload sizes, DescribeEndpoint's answer after delete.</summary>
    public JsonElement Hosted { get; private set; }

    public string TestCsv { get; private set; } = "";

    public const int TestRowCount = 80_000;

    /// <summary>Label first, then the features: the rows of the held-out year, from the training data's line.</summary>
    public static IEnumerable<float[]> TestRows()
    {
        var random = new Random(1984);
        var weights = Weights();
        var features = new float[FeatureDim];
        for (var i = 0; i < TestRowCount; i++)
        {
            var label = Row(random, weights, features);
            yield return [label, .. features];
        }
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
