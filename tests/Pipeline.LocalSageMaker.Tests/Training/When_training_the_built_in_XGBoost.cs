using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Tests.Hosting;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Tests.Transform;

namespace Pipeline.LocalSageMaker.Tests.Training;

/// <summary>
/// The built-in XGBoost: real XGBoost 1.7 (Debian's python3-xgboost for /usr/bin/python3, which tests/run installs), real
/// processes, real time. Without the package these tests fail; they never skip.
/// </summary>
public sealed partial class When_training_the_built_in_XGBoost : IAsyncDisposable
{
    private const string Image = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1";
    private const string Group = "/aws/sagemaker/TrainingJobs";
    private const int TrainFiles = 4;
    private const int RowsPerFile = 150;
    private const int Rounds = 30;

    private readonly LocalSageMakerUnderTest _local;

    public When_training_the_built_in_XGBoost() : this(null)
    {
    }

    private When_training_the_built_in_XGBoost(Dictionary<string, string?>? settings) =>
        _local = new LocalSageMakerUnderTest(TimeProvider.System, settings: settings);

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task A_three_host_sharded_job_trains_one_model_that_predicts_the_truth()
    {
        await PutDataAsync();

        var job = await TrainAsync("xgb-sharded", Hyperparameters());

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        var entries = await _local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!);
        Assert.Equal(["xgboost-model"], entries.Keys);
        var points = new (double X1, double X2)[] { (0.5, 0.2), (-0.3, 0.4), (0.8, -0.7), (-0.6, -0.1) };
        var predictions = await PredictAsync(entries["xgboost-model"]!, points);
        for (var i = 0; i < points.Length; i++)
            Assert.True(Math.Abs(predictions[i] - Truth(points[i].X1, points[i].X2)) < 0.25,
                $"prediction {predictions[i]} at {points[i]}, truth {Truth(points[i].X1, points[i].X2)}");

        // Each host read its own shard (fewer rows than the whole), and the shards add up to the whole.
        var shards = new List<int>();
        for (var h = 1; h <= 3; h++)
        {
            var rows = await MessagesAsync("xgb-sharded", h);
            var said = rows.Select(m => ShardLine().Match(m)).Single(m => m.Success);
            shards.Add(int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        Assert.Equal(TrainFiles * RowsPerFile, shards.Sum());
        Assert.All(shards, rows => Assert.InRange(rows, 1, TrainFiles * RowsPerFile - 1));
    }

    [Fact]
    public async Task Its_model_is_served_by_a_batch_transform_with_the_scores_Booster_predict_gives()
    {
        await PutDataAsync();
        var job = await TrainAsync("xgb-served", Hyperparameters());
        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        var points = new (double X1, double X2)[] { (0.5, 0.2), (-0.3, 0.4), (0.8, -0.7), (-0.6, -0.1), (0.12345, -0.98765) };
        await _local.PutAsync("s3://data/xgb/score/points.csv",
            Encoding.UTF8.GetBytes(string.Concat(points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X1},{p.X2}\n")))));
        await _local.Services.GetRequiredService<HostingEngine>().CreateModelAsync(new CreateModelRequest
        {
            ModelName = "xgb-served",
            ExecutionRoleArn = HostingHarness.Role,
            PrimaryContainer = new ContainerDefinition { Image = Image, ModelDataUrl = job.ModelArtifacts!.S3ModelArtifacts },
        }, default);
        var transforms = _local.Services.GetRequiredService<ITransformJobApi>();

        await transforms.CreateTransformJobAsync(
            TransformHarness.Request("xgb-served", "s3://data/xgb/score/", "s3://data/xgb/scored/", accept: "text/csv") with { ModelName = "xgb-served" }, default);
        DescribeTransformJobResponse transform;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            await Task.Delay(20);
            transform = await transforms.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = "xgb-served" }, default);
        }
        while (transform.TransformJobStatus is "InProgress" or "Stopping" && DateTime.UtcNow < deadline);

        Assert.True(transform.TransformJobStatus == "Completed", transform.FailureReason ?? $"still {transform.TransformJobStatus} after 120 s");
        var scores = Encoding.UTF8.GetString(await _local.GetAsync("s3://data/xgb/scored/points.csv.out"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var expected = await PredictAsync((await _local.ArchiveEntriesAsync(job.ModelArtifacts.S3ModelArtifacts!))["xgboost-model"]!, points);
        Assert.Equal(expected.Length, scores.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(scores[i] - expected[i]) <= 1e-6 * Math.Abs(expected[i]), $"point {points[i]}: {scores[i]} vs Booster.predict {expected[i]}");
    }

    [Fact]
    public async Task Each_hosts_OpenMP_runs_on_the_hosts_share_of_the_cores()
    {
        // OpenMP's own default is every core for every host, whose idle threads spin: past the core count they starve
        // the hosts' exchanges (a 15-host job on 2 cores trained ten times slower).
        await PutDataAsync();

        var job = await TrainAsync("xgb-threads", Hyperparameters());

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        for (var h = 1; h <= 3; h++)
        {
            var said = (await MessagesAsync("xgb-threads", h)).Select(m => ThreadsLine().Match(m)).Single(m => m.Success);
            var cores = int.Parse(said.Groups["cores"].Value, CultureInfo.InvariantCulture);
            Assert.Equal(Math.Max(1, cores / 3), int.Parse(said.Groups["threads"].Value, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Every_host_logs_each_rounds_metrics_as_CloudWatch_shows_them()
    {
        await PutDataAsync();

        var job = await TrainAsync("xgb-rounds", Hyperparameters());

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        for (var h = 1; h <= 3; h++)
        {
            var rounds = (await MessagesAsync("xgb-rounds", h)).Where(m => RoundLine().IsMatch(m)).ToList();
            Assert.Equal(Rounds, rounds.Count);
            for (var round = 0; round < Rounds; round++)
                Assert.StartsWith($"[{round}]#011train-rmse:", rounds[round], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_final_validation_rmse_is_the_last_logged_value()
    {
        await PutDataAsync();

        var job = await TrainAsync("xgb-metrics", Hyperparameters());

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        var last = (await MessagesAsync("xgb-metrics", 1)).Last(m => RoundLine().IsMatch(m));
        var logged = RoundLine().Match(last);
        var final = job.FinalMetricDataList!.ToDictionary(m => m.MetricName!, m => m.Value);
        Assert.Equal((float)double.Parse(logged.Groups["validation"].Value, CultureInfo.InvariantCulture), final["validation:rmse"]);
        Assert.Equal((float)double.Parse(logged.Groups["train"].Value, CultureInfo.InvariantCulture), final["train:rmse"]);
        Assert.True(final["validation:rmse"] < 0.3, $"validation:rmse {final["validation:rmse"]}");
        Assert.Contains(job.AlgorithmSpecification!.MetricDefinitions!, d => d.Name == "validation:rmse");
    }

    [Theory]
    [InlineData("max_depth", "-1", "ClientError: Hyperparameter max_depth: -1 is not in [0, +inf)")]
    [InlineData("eta", "1.5", "ClientError: Hyperparameter eta: 1.5 is not in [0, 1]")]
    [InlineData("num_round", "ten", "ClientError: Hyperparameter num_round: could not parse value (caused by ValueError)")]
    [InlineData("subsample", "0", "ClientError: Hyperparameter subsample: 0.0 is not in (0, 1]")]
    [InlineData("mini_batch_size", "500", "ClientError: Extraneous hyperparameter found: mini_batch_size")]
    [InlineData("objective", "multi:softmax", "ClientError: Require input for parameter 'num_class' for multi-classification")]
    [InlineData("tree_method", "fastest", "ClientError: Hyperparameter tree_method: fastest is not in ['auto', 'exact', 'approx', 'hist', 'gpu_hist']")]
    [InlineData("eval_metric", "rmse,auc", "ClientError: Metric 'auc' can only be applied for classification and ranking problems.")]
    public async Task A_bad_hyperparameter_fails_the_job_with_a_ClientError_naming_it(string name, string value, string reason)
    {
        await PutDataAsync();
        var hyperparameters = Hyperparameters();
        hyperparameters[name] = value;

        var job = await TrainAsync("xgb-bad", hyperparameters);

        Assert.Equal(("Failed", reason), (job.TrainingJobStatus, job.FailureReason));
    }

    [Fact]
    public async Task A_job_without_num_round_fails_as_the_container_says()
    {
        await PutDataAsync();
        var hyperparameters = Hyperparameters();
        hyperparameters.Remove("num_round");

        var job = await TrainAsync("xgb-no-rounds", hyperparameters);

        Assert.Equal(("Failed", "ClientError: Missing required hyperparameter: num_round"), (job.TrainingJobStatus, job.FailureReason));
    }

    [Fact]
    public async Task A_libsvm_channel_trains_too()
    {
        var rows = Rows(new Random(3), 300).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Y} 1:{r.X1} 2:{r.X2}"));
        await _local.PutAsync("s3://data/xgb-libsvm/train/part-0.libsvm", Encoding.UTF8.GetBytes(string.Join('\n', rows) + "\n"));
        var request = Requests.Valid("xgb-libsvm", instances: 1, image: "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1",
            channels: Requests.Channel("train", "s3://data/xgb-libsvm/train/", contentType: "libsvm")) with { HyperParameters = Hyperparameters() };

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("xgb-libsvm");

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        Assert.Contains(job.FinalMetricDataList!, m => m.MetricName == "train:rmse" && m.Value < 0.3);
    }

    [Fact]
    public async Task A_host_whose_shard_is_empty_sits_the_training_out()
    {
        var random = new Random(11);
        for (var f = 0; f < 2; f++)
            await _local.PutAsync($"s3://data/xgb-few/train/part-{f}.csv", Csv(Rows(random, RowsPerFile)));
        var request = Requests.Valid("xgb-few", instances: 3, image: Image,
            channels: Requests.Channel("train", "s3://data/xgb-few/train/", distribution: "ShardedByS3Key", contentType: "csv"))
            with { HyperParameters = Hyperparameters() };

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("xgb-few");

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        Assert.Contains("algo-3: no train data in its shard; not taking part in training", await MessagesAsync("xgb-few", 3));
        Assert.Equal(Rounds, (await MessagesAsync("xgb-few", 2)).Count(m => m.Contains("]#011train-rmse:", StringComparison.Ordinal)));
        Assert.Equal(["xgboost-model"], (await _local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!)).Keys);
    }

    [Fact]
    public async Task Unreadable_data_on_one_host_fails_the_job_without_leaving_the_others_waiting()
    {
        await PutDataAsync();
        await _local.PutAsync("s3://data/xgb/train/part-9.csv", Encoding.UTF8.GetBytes("1.0,two,3.0\n"));
        var clock = Stopwatch.StartNew();

        var job = await TrainAsync("xgb-unreadable", Hyperparameters());

        Assert.Equal("Failed", job.TrainingJobStatus);
        Assert.StartsWith("ClientError: Channel train: part-9.csv is not CSV of numbers", job.FailureReason, StringComparison.Ordinal);
        // A guard against hosts left waiting for the failed one, not a speed test: three Pythons start well within it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Stopping_the_job_stops_every_host()
    {
        await PutDataAsync();
        var hyperparameters = Hyperparameters();
        hyperparameters["num_round"] = "1000000";
        var request = Requests.Valid("xgb-stop", instances: 3, image: Image,
            channels: Requests.Channel("train", "s3://data/xgb/train/", distribution: "ShardedByS3Key", contentType: "text/csv"))
            with { HyperParameters = hyperparameters };
        await _local.Jobs.CreateTrainingJobAsync(request, default);
        await WaitForRoundAsync("xgb-stop", 5);
        var clock = Stopwatch.StartNew();

        await _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "xgb-stop" }, default);
        var job = await _local.EndOfAsync("xgb-stop");

        Assert.Equal(("Stopped", "Stopped"), (job.TrainingJobStatus, job.SecondaryStatus));
        // A guard against a host left running its endless rounds, not a speed test.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Without_XGBoost_the_job_fails_with_a_ClientError_saying_how_to_install_it()
    {
        // Debian's Python without its site packages: a Python that has no xgboost, whatever this machine has installed.
        var folder = Directory.CreateTempSubdirectory("pipeline-no-xgboost-");
        try
        {
            var python = Path.Combine(folder.FullName, "python3");
            await File.WriteAllTextAsync(python, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(python, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var local = new When_training_the_built_in_XGBoost(new() { ["LocalSageMaker:XGBoost:Python"] = python });
            await local.PutDataAsync();

            var job = await local.TrainAsync("xgb-missing", Hyperparameters());

            Assert.Equal("Failed", job.TrainingJobStatus);
            Assert.StartsWith("ClientError: XGBoost is not installed", job.FailureReason, StringComparison.Ordinal);
            Assert.Contains("apt-get install python3-xgboost", job.FailureReason, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task What_runs_is_LocalSageMakers_own_program_whatever_the_request_puts_in_its_environment()
    {
        await PutDataAsync();
        // A Python that obeyed PYTHONPATH or PYTHONSTARTUP would run this file's code before the training script.
        var planted = Directory.CreateTempSubdirectory("xgb-planted-");
        var marker = Path.Combine(planted.FullName, "ran");
        // A JSON string is a Python string literal too.
        await File.WriteAllTextAsync(Path.Combine(planted.FullName, "sitecustomize.py"), $"open({System.Text.Json.JsonSerializer.Serialize(marker)}, 'w').close()\n");
        try
        {
            var request = Requests.Valid("xgb-env", instances: 2, image: Image, channels:
            [
                Requests.Channel("train", "s3://data/xgb/train/", distribution: "ShardedByS3Key", contentType: "text/csv"),
            ]) with
            {
                HyperParameters = Hyperparameters(),
                Environment = new() { ["PYTHONPATH"] = planted.FullName, ["PYTHONSTARTUP"] = Path.Combine(planted.FullName, "sitecustomize.py") },
            };

            await _local.Jobs.CreateTrainingJobAsync(request, default);
            var job = await _local.EndOfAsync("xgb-env");

            Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
            Assert.False(File.Exists(marker), "the request's PYTHONPATH reached the training processes");
        }
        finally
        {
            planted.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_jobs_tracker_listens_on_loopback_only()
    {
        await using var tracker = await XGBoost.RabitTrackerProcess.StartAsync("/usr/bin/python3",
            Path.Combine(AppContext.BaseDirectory, "XGBoost", "xgboost_tracker.py"), workers: 1, default);

        Assert.Equal("127.0.0.1", tracker.WorkerEnvironment["DMLC_TRACKER_URI"]);
        var port = int.Parse(tracker.WorkerEnvironment["DMLC_TRACKER_PORT"], CultureInfo.InvariantCulture);
        Assert.True(await Pipeline.Testing.ThisMachine.AcceptsConnectionsAsync("127.0.0.1", port));
        Assert.False(await Pipeline.Testing.ThisMachine.AcceptsConnectionsAsync(Pipeline.Testing.ThisMachine.NonLoopbackAddress().ToString(), port));
    }

    private static Dictionary<string, string> Hyperparameters() => new()
    {
        ["num_round"] = Rounds.ToString(CultureInfo.InvariantCulture),
        ["max_depth"] = "4",
        ["eta"] = "0.3",
        ["objective"] = "reg:squarederror",
        ["eval_metric"] = "rmse",
    };

    private static double Truth(double x1, double x2) => 3 * x1 - 2 * x2;

    private static IEnumerable<(double Y, double X1, double X2)> Rows(Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (x1, x2) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            yield return (Math.Round(Truth(x1, x2) + (random.NextDouble() - 0.5) * 0.1, 5), Math.Round(x1, 5), Math.Round(x2, 5));
        }
    }

    private static byte[] Csv(IEnumerable<(double Y, double X1, double X2)> rows) =>
        Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Y},{r.X1},{r.X2}\n"))));

    private async Task PutDataAsync()
    {
        var random = new Random(7);
        for (var f = 0; f < TrainFiles; f++)
            await _local.PutAsync($"s3://data/xgb/train/part-{f}.csv", Csv(Rows(random, RowsPerFile)));
        await _local.PutAsync("s3://data/xgb/validation/part-0.csv", Csv(Rows(random, 200)));
    }

    private async Task<DescribeTrainingJobResponse> TrainAsync(string name, Dictionary<string, string> hyperparameters)
    {
        var request = Requests.Valid(name, instances: 3, image: Image, channels:
        [
            Requests.Channel("train", "s3://data/xgb/train/", distribution: "ShardedByS3Key", contentType: "text/csv"),
            Requests.Channel("validation", "s3://data/xgb/validation/", contentType: "text/csv"),
        ]) with { HyperParameters = hyperparameters };
        await _local.Jobs.CreateTrainingJobAsync(request, default);
        return await _local.EndOfAsync(name);
    }

    private async Task<List<string>> MessagesAsync(string job, int host)
    {
        var streams = (await _local.Logs.DescribeLogStreamsAsync(
            new DescribeLogStreamsRequest { LogGroupName = Group, LogStreamNamePrefix = $"{job}/algo-{host}-" }, default)).LogStreams!;
        var events = await _local.Logs.GetLogEventsAsync(
            new GetLogEventsRequest { LogGroupName = Group, LogStreamName = Assert.Single(streams).LogStreamName, StartFromHead = true }, default);
        return [.. events.Events!.Select(e => e.Message!)];
    }

    private async Task WaitForRoundAsync(string job, int round)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await MessagesAsync(job, 1)).Any(m => m.StartsWith($"[{round}]#011", StringComparison.Ordinal)))
                    return;
            }
            catch (Exception e) when (e is Aws.ResourceNotFoundException or Xunit.Sdk.XunitException)
            {
                // The stream is not there yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{job} never logged round {round}.");
    }

    /// <summary>Debian's XGBoost loads the model as SageMaker users do (Booster().load_model("xgboost-model")) and predicts.</summary>
    private static async Task<double[]> PredictAsync(byte[] model, (double X1, double X2)[] points)
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-xgboost-model-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "xgboost-model"), model);
            const string Script = "import sys, json, numpy, xgboost\n"
                + "booster = xgboost.Booster()\nbooster.load_model('xgboost-model')\n"
                + "print(json.dumps(booster.predict(xgboost.DMatrix(numpy.array(json.loads(sys.argv[1])))).tolist()))\n";
            var rows = "[" + string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.X1},{p.X2}]"))) + "]";
            var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script, rows])
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"Debian's xgboost could not load the model (apt-get install -y python3-xgboost): {errors}");
            return System.Text.Json.JsonSerializer.Deserialize<double[]>(await output)!;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^algo-\d: train has (\d+) rows")]
    private static partial Regex ShardLine();

    [GeneratedRegex(@"^algo-\d: train has \d+ rows, \d+ features; 3 hosts; (?<cores>\d+) cores here, (?<threads>\d+) OpenMP threads for this host$")]
    private static partial Regex ThreadsLine();

    [GeneratedRegex(@"^\[\d+\]#011train-rmse:(?<train>\S+)#011validation-rmse:(?<validation>\S+)$")]
    private static partial Regex RoundLine();
}
