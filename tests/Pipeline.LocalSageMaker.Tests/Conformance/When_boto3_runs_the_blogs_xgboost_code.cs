using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>
/// The seed blog's boto3 code (Conformance/blog_xgboost.py: create_training_job with its sharded_training_params, the
/// training_job_completed_or_stopped waiter, create_model, create_transform_job with its batch_request and polling loop)
/// against LocalSageMaker over HTTP, with moto_server as the S3 of both, on M5-shaped data.
/// </summary>
[Collection(BlogXGBoostRun.Collection)]
public sealed partial class When_boto3_runs_the_blogs_xgboost_code(BlogXGBoostRun run, ITestOutputHelper output)
{
    private const string Image = "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1";
    private readonly JsonElement _seen = run.Seen;

    [Fact]
    public void The_training_job_is_in_progress_then_completes_through_the_waiter()
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The blog's code took {run.ScriptTime.TotalSeconds:F1} s; LocalSageMaker says the training took {_seen.GetProperty("training").GetProperty("seconds").GetInt32()} s. "
            + $"It printed: {string.Join(" | ", run.Printed)}"));
        Assert.Equal(["InProgress", "Training job ended with status: Completed"], run.Printed.Take(2));
        Assert.Equal("Completed", _seen.GetProperty("training").GetProperty("status").GetString());
        // The waiter's own delay (120 s, patched to pass 60 times faster): it polled more than once.
        var sleeps = _seen.GetProperty("sleeps").GetProperty("training").EnumerateArray().Select(s => s.GetDouble()).ToList();
        Assert.NotEmpty(sleeps);
        Assert.All(sleeps, s => Assert.Equal(120, s));
    }

    [Fact]
    public void The_job_is_what_the_blog_asked_for()
    {
        var training = _seen.GetProperty("training");
        Assert.Equal(Image, _seen.GetProperty("image").GetString());
        Assert.Equal(Image, training.GetProperty("image").GetString());
        Assert.Equal((BlogXGBoostRun.Instances, "ml.m4.4xlarge", "ShardedByS3Key", 18000),
            (training.GetProperty("instances").GetInt32(), training.GetProperty("instance_type").GetString(),
                training.GetProperty("distribution").GetString(), training.GetProperty("max_runtime").GetInt32()));
        Assert.Equal(new Dictionary<string, string?> { ["ChannelName"] = "train", ["ContentType"] = "csv", ["CompressionType"] = "None", ["RecordWrapperType"] = "None" },
            training.GetProperty("channel").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
        var expected = new Dictionary<string, string>
        {
            ["num_round"] = BlogXGBoostRun.NumRound.ToString(CultureInfo.InvariantCulture),
            ["eta"] = "0.1",
            ["objective"] = "reg:tweedie",
            ["tweedie_variance_power"] = "1.5",
            ["eval_metric"] = "rmse",
            ["rate_drop"] = "0.2",
            ["min_child_weight"] = "7",
            ["max_depth"] = "5",
            ["colsample_bytree"] = "0.7",
            ["subsample"] = "0.7",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), training.GetProperty("hyperparameters").EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key));
    }

    [Fact]
    public void Each_of_the_fifteen_hosts_has_its_log_stream()
    {
        var streams = Streams().Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var hosts = streams.Select(name => StreamName().Match(name)).ToList();
        Assert.All(hosts, m => Assert.True(m.Success && m.Groups["job"].Value == run.Job, $"stream {m.Value}"));
        Assert.Equal(Enumerable.Range(1, BlogXGBoostRun.Instances), hosts.Select(m => int.Parse(m.Groups["host"].Value, CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void Each_host_got_its_own_part_of_the_train_files_and_together_all_of_them()
    {
        var files = run.HostTrainFiles;
        Assert.Equal(BlogXGBoostRun.Instances, files.Count);
        Assert.All(files, host => Assert.NotEmpty(host));
        var all = files.SelectMany(f => f).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(run.Series.Select(s => s.FileName).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_hosts_log_says_it_got_and_read_the_files_of_its_part()
    {
        var byName = run.Series.ToDictionary(s => s.FileName);
        foreach (var (name, said) in Streams())
        {
            var host = int.Parse(StreamName().Match(name).Groups["host"].Value, CultureInfo.InvariantCulture);
            var files = run.HostTrainFiles[host - 1].Select(f => byName[f]).ToList();
            var bytes = files.Sum(f => f.TrainCsv().Length);
            Assert.Contains($"[LocalSageMaker] Channel train (ShardedByS3Key): {files.Count} objects, {bytes} bytes.", said);
            var rows = files.Sum(f => f.TrainRows.Count);
            Assert.Contains(said, line => line.StartsWith(
                $"algo-{host}: train has {rows} rows, {M5StoreItems.FeatureCount} features; {BlogXGBoostRun.Instances} hosts;", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_model_is_at_the_path_of_the_blogs_pattern_and_create_model_names_it()
    {
        var url = $"s3://{BlogXGBoostRun.Bucket}/{BlogXGBoostRun.Prefix}/{run.Job}/output/model.tar.gz";
        Assert.Equal(url, _seen.GetProperty("training").GetProperty("model").GetString());
        Assert.Equal(url, _seen.GetProperty("model_url").GetString());
        Assert.True(_seen.GetProperty("model_object_bytes").GetInt64() > 0);
        Assert.Equal((Image, url), (_seen.GetProperty("model").GetProperty("image").GetString(), _seen.GetProperty("model").GetProperty("data").GetString()));
        Assert.Equal(["xgboost-model"], run.ModelEntries.Keys);
    }

    [Fact]
    public void Debians_xgboost_opens_the_model_a_tweedie_model_of_a_tree_per_round()
    {
        Assert.Equal(BlogXGBoostRun.NumRound, run.Debian.GetProperty("rounds").GetInt32());
        Assert.Equal(BlogXGBoostRun.NumRound, run.Debian.GetProperty("trees").GetInt32());
        Assert.Equal(M5StoreItems.FeatureCount, run.Debian.GetProperty("features").GetInt32());
        Assert.Equal("reg:tweedie", run.Debian.GetProperty("objective").GetString());
        Assert.Equal(1.5, run.Debian.GetProperty("tweedie_variance_power").GetDouble());
    }

    [Fact]
    public void The_transform_loop_ends_with_Completed()
    {
        Assert.Equal("Transform job ended with status: Completed", run.Printed[^1]);
        Assert.All(run.Printed.Skip(2).SkipLast(1), line => Assert.Equal("Transform job is still in status: InProgress", line));
        Assert.All(_seen.GetProperty("sleeps").GetProperty("transform").EnumerateArray(), s => Assert.Equal(30, s.GetDouble()));
        var transform = _seen.GetProperty("transform");
        Assert.Equal(("Completed", "s3://path/to/inference/data/", "s3://path/for/predictions/"),
            (transform.GetProperty("status").GetString(), transform.GetProperty("input").GetString(), transform.GetProperty("output").GetString()));
    }

    [Fact]
    public void Each_inference_file_gets_an_out_object_with_a_prediction_per_line()
    {
        var expected = run.Scored.Select(s => BlogXGBoostRun.BatchOutputKey + s.FileName + ".out").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, run.Predictions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, _seen.GetProperty("outputs").EnumerateArray().Select(k => k.GetString()));
        foreach (var series in run.Scored)
        {
            var text = run.Predictions[BlogXGBoostRun.BatchOutputKey + series.FileName + ".out"];
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            Assert.Equal(series.InferenceRows.Count, Lines(text).Count);
        }
    }

    [Fact]
    public void The_predictions_are_Booster_predicts_of_the_same_rows()
    {
        var debian = run.Debian.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(run.Scored.Count, debian.Count);
        for (var f = 0; f < run.Scored.Count; f++)
        {
            var series = run.Scored[f];
            var scores = Scores(series);
            var expected = debian[f].EnumerateArray().Select(p => p.GetDouble()).ToList();
            Assert.Equal(expected.Count, scores.Count);
            for (var i = 0; i < expected.Count; i++)
                Assert.True(Math.Abs(scores[i] - expected[i]) <= 1e-6 * Math.Abs(expected[i]),
                    $"{series.FileName} row {i + 1}: {scores[i]} vs Booster.predict {expected[i]}");
        }
    }

    [Fact]
    public void The_predictions_are_non_negative_as_tweedie_means_are()
    {
        var scores = run.Scored.SelectMany(Scores).ToList();
        Assert.Equal(run.Scored.Sum(s => s.InferenceRows.Count), scores.Count);
        Assert.All(scores, s => Assert.True(double.IsFinite(s) && s >= 0, $"prediction {s}"));
    }

    private List<double> Scores(M5Series series) =>
        [.. Lines(run.Predictions[BlogXGBoostRun.BatchOutputKey + series.FileName + ".out"]).Select(l => double.Parse(l, CultureInfo.InvariantCulture))];

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private IEnumerable<(string Name, List<string> Said)> Streams() =>
        _seen.GetProperty("streams").EnumerateArray().Select(s =>
            (s.GetProperty("name").GetString()!, s.GetProperty("said").EnumerateArray().Select(l => l.GetString()!).ToList()));

    [GeneratedRegex(@"^(?<job>.+)/algo-(?<host>\d+)-\d+$")]
    private static partial Regex StreamName();
}
