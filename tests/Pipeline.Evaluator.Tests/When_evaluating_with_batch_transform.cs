using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Contracts;
using Pipeline.Evaluator.Tests.Doubles;
using Pipeline.Storage.Local;

namespace Pipeline.Evaluator.Tests;

public sealed class When_evaluating_with_batch_transform : IDisposable
{
    private readonly DirectoryInfo _objects = Directory.CreateTempSubdirectory("evaluator-transform-tests-");

    /// <summary>The model the transform double applies: 0.25 + sum of (i+1)/50 * x_i.</summary>
    private static double Model(IReadOnlyList<double> x) => 0.25 + x.Select((v, i) => (i + 1) / 50.0 * v).Sum();

    [Fact]
    public async Task Publishes_the_metrics_of_the_jobs_scores_against_the_labels()
    {
        var rows = TestSetDouble.Linear(new Random(21), 2500, Model);
        var transform = new BatchTransformDouble(new LocalFolderObjectStore(_objects.FullName), Model);
        await using var evaluator = await StartAsync(rows, transform);
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        var evaluated = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        // Independently: the labels against the scores as the transform wrote them (float32 in its shortest text).
        var labels = rows.Select(r => (double)r.Label).ToArray();
        var scores = rows.Select(r => double.Parse(((float)Model(r.Features.Select(f => (double)f).ToArray())).ToString(CultureInfo.InvariantCulture),
            CultureInfo.InvariantCulture)).ToArray();
        var mse = labels.Zip(scores, (y, s) => (y - s) * (y - s)).Average();
        var mae = labels.Zip(scores, (y, s) => Math.Abs(y - s)).Average();
        var mean = labels.Average();
        var r2 = 1 - mse * labels.Length / labels.Sum(y => (y - mean) * (y - mean));
        Assert.Equal(rows.Count, evaluated.Metrics.Rows);
        Assert.Equal(mse, evaluated.Metrics.Mse, 1e-9 * mse);
        Assert.Equal(mae, evaluated.Metrics.Mae, 1e-9);
        Assert.Equal(r2, evaluated.Metrics.R2, 1e-9);
        Assert.Equal(0, evaluated.Metrics.Invocations);
        Assert.True(evaluated.Metrics.RowsPerSecond > 0);
        Assert.True(transform.Describes > transform.DescribesInProgress, "It polls until the job has ended.");
    }

    [Fact]
    public async Task Runs_one_job_on_the_endpoints_model_split_by_line_in_5_MB_jsonlines_requests()
    {
        var rows = TestSetDouble.Linear(new Random(22), 40, Model);
        var transform = new BatchTransformDouble(new LocalFolderObjectStore(_objects.FullName), Model);
        await using var evaluator = await StartAsync(rows, transform);
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        var job = Assert.Single(transform.Started);
        var model = ResourceNames.For(command.ExperimentId, command.Variant).Model;
        Assert.Equal(model, job.ModelName);
        Assert.Equal(("text/csv", "Line", "MultiRecord", 5, "application/jsonlines", "Line"),
            (job.ContentType, job.SplitType, job.BatchStrategy, job.MaxPayloadInMB, job.Accept, job.AssembleWith));
        Assert.StartsWith("s3://bucket/experiments/test/", job.InputUri, StringComparison.Ordinal);
        Assert.EndsWith("/1984.csv", job.InputUri, StringComparison.Ordinal);
        // The uploaded input is label-free: as many fields per line as features, one line per row.
        var input = await File.ReadAllLinesAsync(Path.Combine(_objects.FullName, "bucket", job.InputUri["s3://bucket/".Length..]));
        Assert.Equal(rows.Count, input.Count(l => l.Length > 0));
        Assert.All(input.Where(l => l.Length > 0), l => Assert.Equal(rows[0].Features.Length, l.Split(',').Length));
    }

    [Fact]
    public async Task A_failed_job_is_reported_with_its_reason()
    {
        const string Reason = "ClientError: Record 17 of s3://bucket/x.csv, column 2: 'oops' is not a number.";
        var transform = new BatchTransformDouble(new LocalFolderObjectStore(_objects.FullName), Model) { FailWith = Reason };
        await using var evaluator = await StartAsync(TestSetDouble.Linear(new Random(23), 30, Model), transform);
        var command = EvaluatorHarness.Command(Guid.NewGuid());

        await evaluator.SendAsync(command);

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Equal(command.EndpointName, failed.EndpointName);
        Assert.Contains(Reason, failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_outlives_the_timeout_fails_the_evaluation()
    {
        var transform = new BatchTransformDouble(new LocalFolderObjectStore(_objects.FullName), Model) { DescribesInProgress = int.MaxValue };
        await using var evaluator = await StartAsync(TestSetDouble.Linear(new Random(24), 10, Model), transform,
            new Dictionary<string, string?> { ["Evaluator:TransformTimeout"] = "00:00:01" });

        await evaluator.SendAsync(EvaluatorHarness.Command(Guid.NewGuid()));

        var failed = Assert.IsType<EndpointEvaluationFailed>(await evaluator.OutcomeAsync());
        Assert.Contains("Evaluator:TransformTimeout", failed.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Evaluator:Mode", "batch")]
    [InlineData("Evaluator:TransformMaxPayloadInMB", "7")]
    [InlineData("Evaluator:TransformInstanceCount", "0")]
    [InlineData("Evaluator:TransformPollInterval", "00:00:00")]
    public void Options_out_of_range_are_refused_naming_the_setting(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        using var provider = new ServiceCollection().AddEvaluator(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EvaluatorOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mode_defaults_to_the_notebooks_endpoint_and_accepts_batch_transform()
    {
        using var defaults = new ServiceCollection().AddEvaluator(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Evaluator:Mode", "batch-transform")]).Build();
        using var batch = new ServiceCollection().AddEvaluator(configuration).BuildServiceProvider();

        Assert.Equal("endpoint", defaults.GetRequiredService<IOptions<EvaluatorOptions>>().Value.Mode);
        Assert.Equal("batch-transform", batch.GetRequiredService<IOptions<EvaluatorOptions>>().Value.Mode);
        Assert.Contains(new ServiceCollection().AddEvaluator(configuration),
            d => d.ServiceType == typeof(IBatchTransform) && d.ImplementationType == typeof(Pipeline.Evaluator.Aws.SageMakerBatchTransform));
    }

    public void Dispose() => _objects.Delete(recursive: true);

    [Fact]
    public async Task An_experiment_that_asks_for_batch_transform_gets_it_on_its_instances_whatever_the_setting()
    {
        var rows = TestSetDouble.Linear(new Random(24), 60, Model);
        var transform = new BatchTransformDouble(new LocalFolderObjectStore(_objects.FullName), Model);
        var endpoint = new LinearEndpointDouble(Model);
        await using var evaluator = await EvaluatorHarness.StartAsync(new TestSetDouble(rows), endpoint, new Dictionary<string, string?>
        {
            ["Evaluator:Mode"] = "endpoint",
            ["Evaluator:TransformPollInterval"] = "00:00:00.005",
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = _objects.FullName,
        }, services => services.AddSingleton<IBatchTransform>(transform));
        var command = EvaluatorHarness.Command(Guid.NewGuid()) with
        {
            Method = EvaluationMethods.BatchTransform,
            TransformInstanceType = "ml.c5.2xlarge",
            TransformInstanceCount = 3,
        };

        await evaluator.SendAsync(command);

        var evaluated = Assert.IsType<EndpointEvaluated>(await evaluator.OutcomeAsync());
        Assert.Equal(rows.Count, evaluated.Metrics.Rows);
        var job = Assert.Single(transform.Started);
        Assert.Equal(("ml.c5.2xlarge", 3), (job.InstanceType, job.InstanceCount));
        Assert.Equal(0, endpoint.Calls);
    }

    private Task<EvaluatorHarness> StartAsync(IReadOnlyList<Pipeline.Data.RecordIO.DenseRow> rows, BatchTransformDouble transform,
        Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Evaluator:Mode"] = "batch-transform",
            ["Evaluator:TransformPollInterval"] = "00:00:00.005",
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = _objects.FullName,
        };
        foreach (var (key, value) in settings ?? [])
            all[key] = value;
        return EvaluatorHarness.StartAsync(new TestSetDouble(rows), new LinearEndpointDouble(Model), all,
            services => services.AddSingleton<IBatchTransform>(transform));
    }
}
