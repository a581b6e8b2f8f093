using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.Benchmarks;

/// <summary>
/// `linear-learner`: generates 25-feature linear data, trains LocalSageMaker's linear learner on it (one host, 32
/// models, pinned to one core), then scikit-learn's SGDRegressor on the same rows with the same 32 settings, and
/// prints both throughputs (records per second: rows × epochs over training seconds), both validation MSEs and the ratio.
/// </summary>
internal static partial class LinearLearnerBenchmark
{
    public const string Requirements = "apt-get update && apt-get install -y python3-sklearn";

    public static async Task<int> RunAsync(LinearLearnerBenchmarkOptions options)
    {
        if (!options.SkipReference && DebianPython.Lacks("sklearn, numpy", Requirements) is { } missing)
            return BenchmarkCommandLine.Refuse($"The reference cannot run: {missing}\nInstall it or pass --skip-reference.");

        var pinning = SingleCore.Pin();
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), $"pipeline-linear-learner-benchmark-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"One core: {pinning}.");
            var host = new HostFolders(Path.Combine(work, "algo-1"));
            var trainRaw = Path.Combine(work, "train.f32");
            var validationRaw = Path.Combine(work, "validation.f32");
            var clock = Stopwatch.StartNew();
            var data = new LinearBenchmarkData(options.Seed);
            data.Write(Path.Combine(host.Channel("train"), "train.data"), trainRaw, options.TrainRows);
            data.Write(Path.Combine(host.Channel("validation"), "validation.data"), validationRaw, options.ValidationRows);
            Console.WriteLine($"Generated {options.TrainRows:N0} train and {options.ValidationRows:N0} validation rows of {LinearBenchmarkData.Features} features " +
                              $"(noise variance {LinearBenchmarkData.NoiseVariance}, the lowest MSE possible) in {clock.Elapsed.TotalSeconds:N1} s.");

            var ours = await RunOursAsync(host, options);
            Console.WriteLine($"Ours: {ours.RecordsPerSecond:N0} records/s in training passes (best epoch {ours.BestEpochRecordsPerSecond:N0}), " +
                              $"{ours.WallSeconds:N2} s for the whole job (reading included); validation MSE {ours.ValidationMse:G5}.");

            Reference? reference = null;
            if (!options.SkipReference)
            {
                Console.WriteLine("Reference: scikit-learn SGDRegressor, the same 32 settings, one fit each ...");
                reference = await RunReferenceAsync(work, trainRaw, validationRaw, options, ours.Settings);
            }

            Console.WriteLine();
            Console.WriteLine($"Linear learner benchmark: {options.TrainRows:N0} train rows x {options.Epochs} epochs, 32 models, 25 features, " +
                              $"mini_batch_size {options.MiniBatchSize}, one core");
            Console.WriteLine($"{"",-40}{"ours",18}{"scikit-learn",18}");
            Row("records/s (rows x epochs / train s)", ours.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                reference?.RecordsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            Row("training seconds (all 32 models)", ours.TrainSeconds.ToString("N2", CultureInfo.InvariantCulture),
                reference?.Seconds.ToString("N2", CultureInfo.InvariantCulture));
            Row("validation MSE (best of 32)", ours.ValidationMse.ToString("G5", CultureInfo.InvariantCulture),
                reference?.BestMse.ToString("G5", CultureInfo.InvariantCulture));
            Row("chosen (learning rate, wd, l1)", ours.Chosen, reference?.BestSetting);
            if (reference is not null)
            {
                Console.WriteLine($"Ratio ours/scikit-learn: {ours.RecordsPerSecond / reference.RecordsPerSecond:N1}x records/s; " +
                                  $"MSE ours/scikit-learn {ours.ValidationMse / reference.BestMse:N4} (targets: >= 10x, <= 1).");
            }

            Console.WriteLine($"Target >= 1,000,000 records/s per core: {(ours.RecordsPerSecond >= 1_000_000 ? "met" : "NOT met")}.");
            return 0;
        }
        finally
        {
            if (!options.Keep && options.Work is null)
                Directory.Delete(work, recursive: true);
        }

        static void Row(string name, string ours, string? reference) => Console.WriteLine($"{name,-40}{ours,18}{reference ?? "",18}");
    }

    private sealed record Ours(double RecordsPerSecond, double BestEpochRecordsPerSecond, double TrainSeconds, double WallSeconds,
        double ValidationMse, string Chosen, IReadOnlyList<CandidateModel> Settings);

    private static async Task<Ours> RunOursAsync(HostFolders host, LinearLearnerBenchmarkOptions options)
    {
        var log = new ConsoleHostLog();
        var hyperparameters = new Dictionary<string, string>
        {
            ["predictor_type"] = "regressor",
            ["feature_dim"] = "25",
            ["num_models"] = "32",
            ["loss"] = "squared_loss",
            ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
            ["mini_batch_size"] = options.MiniBatchSize.ToString(CultureInfo.InvariantCulture),
            // Every epoch is measured: no early stop.
            ["early_stopping_patience"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
        };
        var channels = new[]
        {
            new ChannelInput("train", "application/x-recordio-protobuf", "FullyReplicated", "None", "None"),
            new ChannelInput("validation", "application/x-recordio-protobuf", "FullyReplicated", "None", "None"),
        };
        var cluster = new TrainingCluster("benchmark", "arn:aws:sagemaker:local:000000000000:training-job/benchmark",
            "local/linear-learner:1", hyperparameters, channels, [new TrainingHost("algo-1", host, log)]);

        var clock = Stopwatch.StartNew();
        await new LinearLearnerAlgorithm().TrainAsync(cluster, CancellationToken.None);
        var wall = clock.Elapsed.TotalSeconds;

        var throughputs = log.Lines.Select(l => ThroughputLine().Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var trainSeconds = throughputs.Sum(t => options.TrainRows / t);
        var mse = log.Lines.Select(l => MseLine().Match(l)).Last(m => m.Success).Groups[1].Value;
        var artifact = ModelArtifact.Read(host.Model);
        return new Ours(options.TrainRows * (double)throughputs.Count / trainSeconds, throughputs.Max(), trainSeconds, wall,
            double.Parse(mse, CultureInfo.InvariantCulture),
            $"{artifact.Model.LearningRate:G3}, {artifact.Model.Wd:G3}, {artifact.Model.L1:G3}", artifact.Candidates);
    }

    private sealed record Reference(double Seconds, double RecordsPerSecond, double BestMse, string BestSetting);

    private static async Task<Reference> RunReferenceAsync(string work, string trainRaw, string validationRaw,
        LinearLearnerBenchmarkOptions options, IReadOnlyList<CandidateModel> settings)
    {
        var settingsPath = Path.Combine(work, "settings.json");
        await File.WriteAllTextAsync(settingsPath, JsonSerializer.Serialize(
            settings.Select(s => new { learningRate = s.LearningRate, wd = s.Wd, l1 = s.L1 })));
        using var json = await DebianPython.RunAsync(Script, trainRaw, validationRaw, LinearBenchmarkData.Features.ToString(CultureInfo.InvariantCulture),
            options.Epochs.ToString(CultureInfo.InvariantCulture), settingsPath);
        var seconds = json.RootElement.GetProperty("seconds").GetDouble();
        var fits = json.RootElement.GetProperty("fits").EnumerateArray()
            .Where(f => f.GetProperty("validationMse").ValueKind == JsonValueKind.Number)
            .Select(f => (Mse: f.GetProperty("validationMse").GetDouble(),
                Setting: $"{f.GetProperty("learningRate").GetDouble():G3}, {f.GetProperty("wd").GetDouble():G3}, {f.GetProperty("l1").GetDouble():G3}"))
            .OrderBy(f => f.Mse).ToList();
        var best = fits.Count > 0 ? fits[0] : (Mse: double.NaN, Setting: "all diverged");
        return new Reference(seconds, options.TrainRows * (double)options.Epochs / seconds, best.Mse, best.Setting);
    }

    private static string Script => NotebookReference.BenchmarkScript("reference_linear_learner.py");

    [GeneratedRegex(@"train throughput=([0-9.]+) records/second")]
    private static partial Regex ThroughputLine();

    [GeneratedRegex(@"validation mse <loss>=(\S+)$")]
    private static partial Regex MseLine();

    private sealed class ConsoleHostLog : IHostLog
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                    return [.. _lines];
            }
        }

        public void Write(string line)
        {
            lock (_lines)
                _lines.Add(line);
            Console.WriteLine($"  [algo-1] {line}");
        }
    }
}
