using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.LocalSageMaker.LinearLearner;

namespace Pipeline.Benchmarks;

/// <summary>
/// `endpoint [--seconds n] [--body-mb n] [--features n]`: hosts a linear learner model on a LocalSageMaker endpoint
/// (one instance), posts CSV bodies of about 5 MB through the Runtime route over loopback, one request at a time on
/// one core, and prints rows/s for CSV in and JSON out against the 500 k rows/s target; also the instance's scoring
/// alone (parse, score, write; no HTTP) on the same bodies. With `--algorithm xgboost`, <see cref="XGBoostEndpointBenchmark"/>.
/// </summary>
internal static class EndpointBenchmark
{
    private const double TargetRowsPerSecond = 500_000;

    public static Task<int> RunAsync(EndpointBenchmarkOptions options) =>
        options.Algorithm == Contracts.Algorithms.XGBoost ? XGBoostEndpointBenchmark.RunAsync(options) : RunLinearLearnerAsync(options);

    private static async Task<int> RunLinearLearnerAsync(EndpointBenchmarkOptions options)
    {
        var pinning = SingleCore.Pin();
        var folder = Directory.CreateTempSubdirectory("pipeline-endpoint-benchmark-").FullName;
        try
        {
            Console.WriteLine($"Endpoint scoring benchmark: linear learner, {options.Features} features, CSV in / JSON out, one core ({pinning}).");
            var artifact = Artifact(options.Features);
            var body = EndpointCsvBody.Create(options.Features, (long)(options.BodyMb * 1_000_000), out var rows);
            Console.WriteLine($"Body: {body.Length / 1e6:N2} MB, {rows:N0} rows ({body.Length / (double)rows:N0} bytes a row).");

            var model = Path.Combine(folder, "model");
            artifact.Write(model);
            await using var endpoint = await LoopbackEndpoint.StartAsync(folder, model, "linear-learner:1");

            var inference = new LinearLearnerInference(new LinearLearnerModel(artifact));
            var scoring = ScoringRun.Measure(options.Seconds / 2, () =>
            {
                using var output = new PooledBuffer(body.Length / 4);
                return inference.Invoke(body, "text/csv", "application/json", output).Rows;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Instance scoring alone (parse CSV, score, write JSON; no HTTP): {scoring.RowsPerSecond:N0} rows/s, {scoring.Bytes(body.Length) / 1e6 / scoring.Seconds:N0} MB/s over {scoring.Requests} bodies"));

            using var http = new HttpClient();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var overHttp = await ScoringRun.MeasureAsync(options.Seconds, async () =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                using var response = await http.PostAsync(endpoint.Invocations, content);
                var json = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"InvokeEndpoint answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(json)}");
                return Count(json);
            });
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (overHttp.Rows != (long)rows * overHttp.Requests)
                throw new InvalidOperationException($"{overHttp.Rows:N0} predictions came back for {(long)rows * overHttp.Requests:N0} rows.");

            var rate = overHttp.RowsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"InvokeEndpoint over loopback (client -> Runtime route -> instance): {overHttp.Requests} requests in {overHttp.Seconds:N2} s, {overHttp.Seconds / overHttp.Requests * 1000:N1} ms each"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {rate:N0} rows/s, {overHttp.Bytes(body.Length) / 1e6 / overHttp.Seconds:N0} MB/s of CSV; {allocated / 1e6 / overHttp.Requests:N1} MB allocated per request (whole process, client included)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Target {TargetRowsPerSecond:N0} rows/s: {(rate >= TargetRowsPerSecond ? "met" : "NOT met")} ({rate / TargetRowsPerSecond:P0})."));
            return rate >= TargetRowsPerSecond ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ModelArtifact Artifact(int features)
    {
        var random = new Random(5);
        return new ModelArtifact
        {
            PredictorType = PredictorType.Regressor,
            FeatureDim = features,
            Weights = [.. Enumerable.Range(0, features).Select(_ => (float)(random.NextDouble() - 0.5))],
            Bias = 0.25f,
            FeatureMean = [.. Enumerable.Range(0, features).Select(_ => (float)(random.NextDouble() * 10))],
            FeatureStd = [.. Enumerable.Range(0, features).Select(_ => (float)(1 + random.NextDouble()))],
            LabelMean = 2.5f,
            LabelStd = 1.5f,
            Model = new ChosenModel(0, 0.1f, 0, 0, "adam", "squared_loss", 1000, 1, "train", 0, 0),
            Candidates = [],
        };
    }

    private static int Count(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions").GetArrayLength();
    }
}
