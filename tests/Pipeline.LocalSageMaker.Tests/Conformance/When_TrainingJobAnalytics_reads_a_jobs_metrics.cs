using System.Globalization;
using System.Text.Json;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>
/// The SageMaker Python SDK's TrainingJobAnalytics, as Conformance/training_job_analytics.py replays it with boto3,
/// over a job whose two hosts log a loss each and algo-1 a validation accuracy every 25 s of a manual clock, the
/// first at 12:00:37: the SDK's Period 60 must give each minute's averages, and Period 1 each epoch's two values.
/// The script runs every call in both protocols CloudWatch is served in (AWS JSON 1.0, boto3's; rpc-v2-cbor).
/// </summary>
public sealed class When_TrainingJobAnalytics_reads_a_jobs_metrics(TrainingJobAnalyticsRun run) : IClassFixture<TrainingJobAnalyticsRun>
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> Protocols => ["json", "cbor"];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Its_dataframe_has_each_metrics_minute_averages_counted_from_the_minute_training_started(string protocol)
    {
        // CloudWatch rounds StartTime (12:00:37) down to the minute: 12:00 holds epoch 0, 12:01 epochs 1-3, 12:02 epoch 4.
        var expected = new[] { TrainingJobAnalyticsRun.Loss, TrainingJobAnalyticsRun.Accuracy }
            .SelectMany(metric => MinuteAverages(metric).Select(row => (row.Seconds, metric, row.Average)))
            .ToList();

        var rows = run.Seen(protocol).GetProperty("analytics").EnumerateArray()
            .Select(r => (r[0].GetDouble(), r[1].GetString()!, r[2].GetDouble()))
            .ToList();

        Assert.Equal(expected.Select(e => (e.Seconds, e.metric)), rows.Select(r => (r.Item1, r.Item2)));
        Assert.All(expected.Zip(rows), pair => Assert.Equal(pair.First.Average, pair.Second.Item3, Tolerance));
        Assert.Equal([0.0, 60, 120], rows.Where(r => r.Item2 == TrainingJobAnalyticsRun.Loss).Select(r => r.Item1));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Period_1_gives_each_epoch_as_a_datapoint_with_every_statistic_of_what_the_hosts_logged(string protocol)
    {
        var loss = run.Seen(protocol).GetProperty("per_epoch").GetProperty(TrainingJobAnalyticsRun.Loss);
        Assert.Equal(TrainingJobAnalyticsRun.Loss, loss.GetProperty("label").GetString());

        var points = loss.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(TrainingJobAnalyticsRun.Epochs, points.Count);
        for (var epoch = 0; epoch < TrainingJobAnalyticsRun.Epochs; epoch++)
        {
            var logged = TrainingJobAnalyticsRun.Logged(TrainingJobAnalyticsRun.Loss).Where(p => p.At == TrainingJobAnalyticsRun.EpochTime(epoch)).Select(p => p.Value).ToList();
            var point = points[epoch];
            Assert.Equal(TrainingJobAnalyticsRun.EpochTime(epoch).ToUnixTimeSeconds(), point.GetProperty("Timestamp").GetDouble());
            Assert.Equal(2, point.GetProperty("SampleCount").GetDouble());
            Assert.Equal(logged.Average(), point.GetProperty("Average").GetDouble(), Tolerance);
            Assert.Equal(logged.Sum(), point.GetProperty("Sum").GetDouble(), Tolerance);
            Assert.Equal(logged.Min(), point.GetProperty("Minimum").GetDouble());
            Assert.Equal(logged.Max(), point.GetProperty("Maximum").GetDouble());
            Assert.Equal("None", point.GetProperty("Unit").GetString());
        }

        var accuracy = run.Seen(protocol).GetProperty("per_epoch").GetProperty(TrainingJobAnalyticsRun.Accuracy).GetProperty("points");
        Assert.Equal(TrainingJobAnalyticsRun.AccuracyValues, accuracy.EnumerateArray().Select(p => p.GetProperty("Average").GetDouble()));
        Assert.Empty(run.Seen(protocol).GetProperty("per_epoch").GetProperty(TrainingJobAnalyticsRun.Never).GetProperty("points").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Another_namespace_other_dimensions_or_another_job_find_no_datapoints_rather_than_an_error(string protocol)
    {
        var found = run.Seen(protocol).GetProperty("found_nothing");

        Assert.All(["other_namespace", "host_dimension", "extra_dimension", "unknown_job"], call => Assert.Equal(0, found.GetProperty(call).GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ListMetrics_names_the_jobs_metrics_that_have_values_with_the_job_as_their_dimension(string protocol)
    {
        var listed = run.Seen(protocol).GetProperty("listed").EnumerateArray().ToList();

        Assert.Equal([TrainingJobAnalyticsRun.Loss, TrainingJobAnalyticsRun.Accuracy], listed.Select(m => m[0].GetString()).Order(StringComparer.Ordinal));
        Assert.All(listed, m => Assert.Equal(
            $$"""[{"Name":"TrainingJobName","Value":"{{TrainingJobAnalyticsRun.JobName}}"}]""",
            JsonSerializer.Serialize(m[1])));
    }

    [Theory]
    [InlineData("json", "bad_period", "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.")]
    [InlineData("cbor", "bad_period", "InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.")]
    [InlineData("json", "too_many_datapoints", "InvalidParameterCombination", "You have requested up to 1441 datapoints, which exceeds the limit of 1440.")]
    [InlineData("cbor", "too_many_datapoints", "InvalidParameterCombination", "You have requested up to 1441 datapoints, which exceeds the limit of 1440.")]
    [InlineData("json", "percentiles", "InvalidParameterValue", "LocalSageMaker does not compute percentiles")]
    [InlineData("cbor", "percentiles", "InvalidParameterValue", "LocalSageMaker does not compute percentiles")]
    public void A_refused_call_is_botocores_modeled_exception_with_CloudWatchs_code(string protocol, string call, string code, string message)
    {
        var refused = run.Seen(protocol).GetProperty("refused").GetProperty(call);

        // botocore names the class after the error shape and matches it by the shape's query code.
        Assert.Equal(code + "Exception", refused.GetProperty("raised").GetString());
        Assert.Equal(code, refused.GetProperty("code").GetString());
        Assert.StartsWith(message, refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, refused.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Boto3_speaks_AWS_JSON_1_0_to_CloudWatch_and_the_narrowed_model_speaks_rpc_v2_cbor()
    {
        var json = run.Seen("json").GetProperty("wire");
        var cbor = run.Seen("cbor").GetProperty("wire");

        Assert.Equal(("json", "/", "GraniteServiceVersion20100801.GetMetricStatistics", "application/x-amz-json-1.0"),
            (json.GetProperty("protocol").GetString(), json.GetProperty("path").GetString(), json.GetProperty("target").GetString(),
                json.GetProperty("content_type").GetString()));
        Assert.Equal(("smithy-rpc-v2-cbor", "/service/GraniteServiceVersion20100801/operation/GetMetricStatistics", "rpc-v2-cbor", "application/cbor"),
            (cbor.GetProperty("protocol").GetString(), cbor.GetProperty("path").GetString(), cbor.GetProperty("smithy_protocol").GetString(),
                cbor.GetProperty("content_type").GetString()));
        Assert.Equal(JsonValueKind.Null, cbor.GetProperty("target").ValueKind);
    }

    /// <summary>The logged values of a metric grouped by the clock minute they fall in: (seconds after the first such minute, average).</summary>
    private static List<(double Seconds, double Average)> MinuteAverages(string metric)
    {
        var minutes = TrainingJobAnalyticsRun.Logged(metric)
            .GroupBy(p => p.At.ToUnixTimeSeconds() / 60)
            .OrderBy(g => g.Key)
            .ToList();
        return minutes.Select(g => ((g.Key - minutes[0].Key) * 60.0, g.Average(p => p.Value))).ToList();
    }
}

/// <summary>One job, trained by the scripted algorithm on a manual clock, read by the script in both protocols.</summary>
public sealed class TrainingJobAnalyticsRun : IAsyncLifetime
{
    public const string JobName = "analytics-job";
    public const string Loss = "train:loss";
    public const string Accuracy = "validation:accuracy";
    public const string Never = "test:never";
    public const int Epochs = 5;
    public static readonly TimeSpan EpochLength = TimeSpan.FromSeconds(25);
    public static readonly DateTimeOffset TrainingStart = ManualClock.DefaultStart.AddSeconds(37);

    private static readonly double[] Algo1Loss = [0.9, 0.7, 0.5, 0.4, 0.35];
    private static readonly double[] Algo2Loss = [1.1, 0.8, 0.6, 0.45, 0.3];
    public static readonly double[] AccuracyValues = [0.6, 0.7, 0.75, 0.8, 0.82];

    private LocalSageMakerServer? _server;
    private JsonElement _output;

    public LocalSageMakerUnderTest Local { get; } = new(new ManualClock(TrainingStart));

    public static DateTimeOffset EpochTime(int epoch) => TrainingStart + epoch * EpochLength;

    /// <summary>What the hosts logged of a metric: when, and the value.</summary>
    public static IEnumerable<(DateTimeOffset At, double Value)> Logged(string metric) => metric switch
    {
        Loss => Enumerable.Range(0, Epochs).SelectMany(e => new[] { (EpochTime(e), Algo1Loss[e]), (EpochTime(e), Algo2Loss[e]) }),
        Accuracy => Enumerable.Range(0, Epochs).Select(e => (EpochTime(e), AccuracyValues[e])),
        _ => [],
    };

    public JsonElement Seen(string protocol) => _output.GetProperty(protocol);

    public async Task InitializeAsync()
    {
        await Local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        Local.Algorithm.Train = (cluster, _) =>
        {
            var hosts = cluster.Hosts.ToDictionary(h => h.Name);
            for (var epoch = 0; epoch < Epochs; epoch++)
            {
                hosts["algo-1"].Log.Write(Line($"#quality_metric: host=algo-1, epoch={epoch}, train loss={Algo1Loss[epoch]}"));
                hosts["algo-2"].Log.Write(Line($"#quality_metric: host=algo-2, epoch={epoch}, train loss={Algo2Loss[epoch]}"));
                hosts["algo-1"].Log.Write(Line($"#quality_metric: host=algo-1, epoch={epoch}, validation accuracy={AccuracyValues[epoch]}"));
                Local.Clock.Advance(EpochLength);
            }

            return Task.CompletedTask;
        };
        var request = Requests.Valid(JobName);
        await Local.Jobs.CreateTrainingJobAsync(request with
        {
            AlgorithmSpecification = request.AlgorithmSpecification! with
            {
                MetricDefinitions =
                [
                    new MetricDefinition { Name = Loss, Regex = @"epoch=\S+, train loss=(\S+)" },
                    new MetricDefinition { Name = Accuracy, Regex = @"validation accuracy=(\S+)" },
                    new MetricDefinition { Name = Never, Regex = @"no host says (\S+)" },
                ],
            },
        }, default);
        var job = await Local.EndOfAsync(JobName);
        if (job.TrainingJobStatus != "Completed" || job.TrainingStartTime != TrainingStart)
            throw new InvalidOperationException($"The job is {job.TrainingJobStatus}, started {job.TrainingStartTime:O}: {job.FailureReason}");

        _server = new LocalSageMakerServer(Local.Services);
        var endpoint = await _server.StartAsync();
        _output = JsonDocument.Parse(await Boto3Script.RunAsync("Conformance/training_job_analytics.py", endpoint, [JobName])).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        await Local.DisposeAsync();
    }

    private static string Line(FormattableString line) => line.ToString(CultureInfo.InvariantCulture);
}
