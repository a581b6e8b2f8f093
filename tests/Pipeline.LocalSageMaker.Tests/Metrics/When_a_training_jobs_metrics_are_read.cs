using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Metrics;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Metrics;

/// <summary>GetMetricStatistics and ListMetrics over jobs that logged their metrics (scripted algorithm, manual clock).</summary>
public sealed class When_a_training_jobs_metrics_are_read : IAsyncDisposable
{
    private static readonly MetricDefinition Loss = new() { Name = "train:loss", Regex = @"loss=(\S+)" };
    private static readonly MetricDefinition Accuracy = new() { Name = "validation:accuracy", Regex = @"accuracy=(\S+)" };
    private static readonly MetricDefinition Never = new() { Name = "test:never", Regex = @"never=(\S+)" };

    private readonly LocalSageMakerUnderTest _local = new();

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    private DateTimeOffset Now => _local.Clock.GetUtcNow();

    private async Task TrainAsync(string name, MetricDefinition[] definitions, params string[] lines)
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (cluster, _) =>
        {
            foreach (var line in lines)
            {
                cluster.Hosts[0].Log.Write(line);
                _local.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            return Task.CompletedTask;
        };
        var request = Requests.Valid(name);
        await _local.Jobs.CreateTrainingJobAsync(request with
        {
            AlgorithmSpecification = request.AlgorithmSpecification! with { MetricDefinitions = [.. definitions] },
        }, default);
        await _local.EndOfAsync(name);
    }

    private Task<GetMetricStatisticsResponse> StatisticsAsync(string job, string metric = "train:loss", string? unit = null) =>
        _local.Metrics.GetMetricStatisticsAsync(new GetMetricStatisticsRequest
        {
            Namespace = CloudWatchMetrics.TrainingJobsNamespace,
            MetricName = metric,
            Dimensions = [new Dimension { Name = "TrainingJobName", Value = job }],
            StartTime = Now.AddHours(-1),
            EndTime = Now.AddMinutes(1),
            Period = 3600,
            Statistics = ["Sum", "SampleCount"],
            Unit = unit,
        }, default);

    [Fact]
    public async Task A_job_gives_its_own_values_labelled_with_the_metric_name()
    {
        await TrainAsync("job-1", [Loss], "loss=1", "loss=2");
        await TrainAsync("job-2", [Loss], "loss=40");

        var first = await StatisticsAsync("job-1");
        var second = await StatisticsAsync("job-2");

        Assert.Equal("train:loss", first.Label);
        Assert.Equal((3.0, 2.0), (first.Datapoints.Single().Sum!.Value, first.Datapoints.Single().SampleCount!.Value));
        Assert.Equal(40.0, second.Datapoints.Single().Sum);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("None", 1)]
    [InlineData("Seconds", 0)]
    public async Task Values_carry_the_unit_None_so_another_unit_finds_none(string? unit, int datapoints)
    {
        await TrainAsync("job-1", [Loss], "loss=1");

        Assert.Equal(datapoints, (await StatisticsAsync("job-1", unit: unit)).Datapoints.Count);
    }

    [Fact]
    public async Task A_defined_metric_no_line_matched_and_an_undefined_one_have_no_datapoints()
    {
        await TrainAsync("job-1", [Loss, Never], "loss=1");

        Assert.Empty((await StatisticsAsync("job-1", "test:never")).Datapoints);
        Assert.Empty((await StatisticsAsync("job-1", "train:other")).Datapoints);
    }

    [Fact]
    public async Task ListMetrics_lists_each_jobs_metrics_with_values_under_the_namespace_and_job_dimension()
    {
        await TrainAsync("job-b", [Loss, Accuracy, Never], "loss=1", "accuracy=0.5");
        await TrainAsync("job-a", [Loss], "loss=2");

        var all = await _local.Metrics.ListMetricsAsync(new ListMetricsRequest(), default);

        Assert.Equal([("job-a", "train:loss"), ("job-b", "train:loss"), ("job-b", "validation:accuracy")],
            all.Metrics.Select(m => (m.Dimensions.Single().Value, m.MetricName)));
        Assert.All(all.Metrics, m => Assert.Equal(("/aws/sagemaker/TrainingJobs", "TrainingJobName"), (m.Namespace, m.Dimensions.Single().Name)));
        Assert.Null(all.NextToken);
    }

    [Theory]
    [InlineData("/aws/sagemaker/TrainingJobs", null, "TrainingJobName", "job-b", "job-b:train:loss job-b:validation:accuracy")]
    [InlineData(null, "train:loss", null, null, "job-a:train:loss job-b:train:loss")]
    [InlineData(null, null, "TrainingJobName", null, "job-a:train:loss job-b:train:loss job-b:validation:accuracy")]
    [InlineData("AWS/EC2", null, null, null, "")]
    [InlineData(null, null, "Host", null, "")]
    public async Task ListMetrics_filters_by_namespace_name_and_dimension(string? space, string? metric, string? dimension, string? value, string expected)
    {
        await TrainAsync("job-b", [Loss, Accuracy], "loss=1", "accuracy=0.5");
        await TrainAsync("job-a", [Loss], "loss=2");

        var listed = await _local.Metrics.ListMetricsAsync(new ListMetricsRequest
        {
            Namespace = space,
            MetricName = metric,
            Dimensions = dimension is null ? null : [new Dimension { Name = dimension, Value = value }],
        }, default);

        Assert.Equal(expected, string.Join(' ', listed.Metrics.Select(m => $"{m.Dimensions[0].Value}:{m.MetricName}")));
    }

    [Fact]
    public async Task ListMetrics_with_RecentlyActive_leaves_out_metrics_without_a_value_in_the_last_three_hours()
    {
        await TrainAsync("job-old", [Loss], "loss=1");
        _local.Clock.Advance(TimeSpan.FromHours(4));
        await TrainAsync("job-new", [Loss], "loss=2");

        var recent = await _local.Metrics.ListMetricsAsync(new ListMetricsRequest { RecentlyActive = "PT3H" }, default);

        Assert.Equal("job-new", Assert.Single(recent.Metrics).Dimensions[0].Value);
    }

    [Fact]
    public async Task ListMetrics_answers_500_metrics_a_page_and_the_token_gives_the_rest()
    {
        // SageMaker allows 40 definitions a job: 13 jobs of 40 metrics are 520.
        var definitions = Enumerable.Range(0, 40).Select(i => new MetricDefinition { Name = $"m{i:00}", Regex = $@"m{i:00}=(\S+)" }).ToArray();
        var lines = definitions.Select(d => $"{d.Name}=1").ToArray();
        for (var job = 0; job < 13; job++)
            await TrainAsync($"job-{job:00}", definitions, lines);

        var first = await _local.Metrics.ListMetricsAsync(new ListMetricsRequest(), default);
        var second = await _local.Metrics.ListMetricsAsync(new ListMetricsRequest { NextToken = first.NextToken }, default);

        Assert.Equal(500, first.Metrics.Count);
        Assert.Equal(20, second.Metrics.Count);
        Assert.Null(second.NextToken);
        Assert.Equal(520, first.Metrics.Concat(second.Metrics).Select(m => (m.Dimensions[0].Value, m.MetricName)).Distinct().Count());
    }

    [Theory]
    [InlineData("PT1H", null, "Name", "InvalidParameterValue", "The parameter RecentlyActive must be a value in the set [ PT3H ].")]
    [InlineData(null, "not-a-token", "Name", "InvalidParameterValue", "The parameter NextToken is invalid.")]
    [InlineData(null, null, null, "MissingParameter", "The parameter Dimensions.member.1.Name is required.")]
    public async Task ListMetrics_refuses_what_CloudWatch_refuses(string? recent, string? token, string? filterName, string code, string message)
    {
        var refused = await Assert.ThrowsAsync<AwsServiceException>(() => _local.Metrics.ListMetricsAsync(new ListMetricsRequest
        {
            RecentlyActive = recent,
            NextToken = token,
            Dimensions = [new Dimension { Name = filterName }],
        }, default));

        Assert.Equal((code, message), (refused.ErrorCode, refused.ServiceMessage));
    }
}
