using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_a_job_logs_its_metrics : IAsyncDisposable
{
    private static readonly MetricDefinition Loss = new() { Name = "train:loss", Regex = @"epoch=\S+, loss=(\S+)" };
    private static readonly MetricDefinition Accuracy = new() { Name = "validation:accuracy", Regex = @"accuracy (\S+)$" };
    private static readonly MetricDefinition Never = new() { Name = "test:never", Regex = "no line says this (\\S+)" };

    private readonly LocalSageMakerUnderTest _local = new();

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    private async Task<DescribeTrainingJobResponse> TrainAsync(CreateTrainingJobRequest request, params (string Host, string Line)[] lines)
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (cluster, _) =>
        {
            foreach (var (host, line) in lines)
            {
                cluster.Hosts.Single(h => h.Name == host).Log.Write(line);
                _local.Clock.Advance(TimeSpan.FromSeconds(10));
            }

            return Task.CompletedTask;
        };
        await _local.Jobs.CreateTrainingJobAsync(request, default);
        return await _local.EndOfAsync(request.TrainingJobName!);
    }

    private static CreateTrainingJobRequest Defining(params MetricDefinition[] definitions)
    {
        var request = Requests.Valid("job-1");
        return request with { AlgorithmSpecification = request.AlgorithmSpecification! with { MetricDefinitions = [.. definitions] } };
    }

    [Fact]
    public async Task The_final_metrics_are_each_definitions_last_value_with_the_time_it_was_logged()
    {
        var started = _local.Clock.GetUtcNow();

        var job = await TrainAsync(Defining(Loss, Accuracy, Never),
            ("algo-1", "epoch=0, loss=0.9"),
            ("algo-2", "epoch=0, loss=0.7"),
            ("algo-1", "validation accuracy 0.81"),
            ("algo-1", "epoch=1, loss=0.25"),
            ("algo-2", "epoch=1, loss=NaN-ish"));

        var final = job.FinalMetricDataList!;
        Assert.Equal(["train:loss", "validation:accuracy"], final.Select(m => m.MetricName));
        Assert.Equal([0.25f, 0.81f], final.Select(m => m.Value));
        // The clock stands still but for 10 s after each line: the fourth line was written 30 s after the first.
        Assert.Equal(started + TimeSpan.FromSeconds(30), final[0].Timestamp);
        Assert.Equal(started + TimeSpan.FromSeconds(20), final[1].Timestamp);
    }

    [Fact]
    public void The_final_value_is_the_one_logged_last_even_when_another_host_was_observed_after_it()
    {
        var metrics = new TrainingMetrics([Loss]);
        var at = DateTimeOffset.UnixEpoch;

        metrics.Observe("algo-1", "epoch=0, loss=0.5", at.AddSeconds(2));
        metrics.Observe("algo-2", "epoch=0, loss=0.7", at.AddSeconds(1)); // stamped earlier, observed later
        metrics.Observe("algo-3", "epoch=0, loss=0.6", at);

        var final = Assert.Single(metrics.Final());
        Assert.Equal((0.5f, at.AddSeconds(2)), (final.Value, final.Timestamp));
    }

    [Fact]
    public void Every_host_contributes_points_in_the_order_they_were_logged()
    {
        var metrics = new TrainingMetrics([Loss]);
        var at = DateTimeOffset.UnixEpoch;

        metrics.Observe("algo-1", "epoch=0, loss=0.9", at);
        metrics.Observe("algo-2", "epoch=0, loss=0.7", at.AddSeconds(1));
        metrics.Observe("algo-2", "epoch=0, loss=-", at.AddSeconds(2));
        metrics.Observe("algo-1", "epoch=1, loss=1e-3", at.AddSeconds(3));

        Assert.Equal([("algo-1", 0.9), ("algo-2", 0.7), ("algo-1", 1e-3)], metrics.Points("train:loss").Select(p => (p.Host, p.Value)));
        Assert.Equal([at, at.AddSeconds(1), at.AddSeconds(3)], metrics.Points("train:loss").Select(p => p.Timestamp));
        Assert.Empty(metrics.Points("validation:accuracy"));
    }

    [Fact]
    public async Task A_definition_that_is_not_a_regular_expression_is_refused_naming_it()
    {
        var broken = new MetricDefinition { Name = "train:loss", Regex = "loss=(\\S+" };

        var refused = await Assert.ThrowsAsync<Pipeline.Aws.ValidationException>(() => _local.Jobs.CreateTrainingJobAsync(Defining(Loss, broken), default));

        Assert.Contains("algorithmSpecification.metricDefinitions.2.member.regex", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_with_no_definitions_has_no_final_metrics()
    {
        var job = await TrainAsync(Requests.Valid("job-1"), ("algo-1", "epoch=0, loss=0.9"));

        Assert.Null(job.AlgorithmSpecification!.MetricDefinitions);
        Assert.Null(job.FinalMetricDataList);
    }

    [Fact]
    public async Task The_algorithms_own_definitions_apply_when_the_request_names_none()
    {
        _local.Algorithm.MetricDefinitions = [Loss, Accuracy];

        var job = await TrainAsync(Requests.Valid("job-1"), ("algo-1", "epoch=0, loss=0.5"));

        Assert.Equal([Loss, Accuracy], job.AlgorithmSpecification!.MetricDefinitions!);
        Assert.Equal("train:loss", Assert.Single(job.FinalMetricDataList!).MetricName);
    }

    [Fact]
    public async Task The_requests_definitions_replace_the_algorithms()
    {
        _local.Algorithm.MetricDefinitions = [Loss];

        var job = await TrainAsync(Defining(Accuracy), ("algo-1", "epoch=0, loss=0.5"), ("algo-1", "validation accuracy 0.5"));

        Assert.Equal([Accuracy], job.AlgorithmSpecification!.MetricDefinitions!);
        Assert.Equal("validation:accuracy", Assert.Single(job.FinalMetricDataList!).MetricName);
    }

    [Theory]
    [InlineData("#quality_metric: host=algo-1, epoch=3, train mse_objective <loss>=0.125", "train:objective_loss", 0.125)]
    [InlineData("#quality_metric: host=algo-2, epoch=3, validation absolute_loss_objective <loss>=2.5", "validation:objective_loss", 2.5)]
    [InlineData("#quality_metric: host=algo-1, validation mse <loss>=4.75", "validation:mse", 4.75)]
    [InlineData("#quality_metric: host=algo-1, test binary_f_1.000 <score>=0.5", "test:binary_f_beta", 0.5)]
    [InlineData("#progress_metric: host=algo-1, completed 40 % of epochs", "train:progress", 40)]
    [InlineData("#throughput_metric: host=algo-1, train throughput=123456.0 records/second", "train:throughput", 123456)]
    public void Linear_learners_definitions_read_the_lines_its_container_writes(string line, string metric, double value)
    {
        var metrics = new TrainingMetrics(LinearLearnerMetricDefinitions.All);

        metrics.Observe("algo-1", line, DateTimeOffset.UnixEpoch);

        Assert.Equal(value, Assert.Single(metrics.Points(metric)).Value);
    }

    [Fact]
    public void Linear_learner_defines_at_most_the_40_metrics_a_job_may_have_each_once()
    {
        var names = LinearLearnerMetricDefinitions.All.Select(d => d.Name).ToList();

        Assert.InRange(names.Count, 1, 40);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("validation:objective_loss", names);
        Assert.Contains("test:mse", names);
    }
}
