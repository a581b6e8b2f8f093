using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Training;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>
/// `endpoint [--seconds n] [--body-mb n] [--features n]`: hosts a linear learner model on a LocalSageMaker endpoint
/// (one instance), posts CSV bodies of about 5 MB through the Runtime route over loopback, one request at a time on
/// one core, and prints rows/s for CSV in and JSON out against the 500 k rows/s target; also the instance's scoring
/// alone (parse, score, write; no HTTP) on the same bodies.
/// </summary>
internal static class EndpointBenchmark
{
    private const double TargetRowsPerSecond = 500_000;
    private const string Name = "benchmark";

    public static async Task<int> RunAsync(EndpointBenchmarkOptions options)
    {
        var pinning = SingleCore.Pin();
        var folder = Directory.CreateTempSubdirectory("pipeline-endpoint-benchmark-").FullName;
        try
        {
            Console.WriteLine($"Endpoint scoring benchmark: linear learner, {options.Features} features, CSV in / JSON out, one core ({pinning}).");
            var artifact = Artifact(options.Features);
            var body = CsvBody(options.Features, (long)(options.BodyMb * 1_000_000), out var rows);
            Console.WriteLine($"Body: {body.Length / 1e6:N2} MB, {rows:N0} rows ({body.Length / (double)rows:N0} bytes a row).");

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Kind"] = "Local",
                ["Storage:Root"] = Path.Combine(folder, "objects"),
                ["LocalSageMaker:WorkRoot"] = Path.Combine(folder, "work"),
            }).Build();
            var services = new ServiceCollection();
            services.AddLocalSageMakerHosting(configuration);
            services.AddSingleton<IEndpointLogs, CountingLogs>();
            await using var provider = services.BuildServiceProvider();
            var engine = provider.GetRequiredService<HostingEngine>();
            var url = $"s3://bucket/{Name}/model.tar.gz";
            await Upload(provider.GetRequiredService<IObjectStore>(), url, artifact, folder);
            var route = provider.GetRequiredService<InvokeEndpointRoute>();
            await using var server = new LocalSageMakerServer(s =>
            {
                s.AddSingleton<IHostingApi>(engine);
                s.AddSingleton(route);
            });
            var address = await server.StartAsync();
            await Deploy(engine, url);

            var inference = new LinearLearnerInference(new LinearLearnerModel(artifact));
            var scoring = Measure(options.Seconds / 2, () =>
            {
                using var output = new PooledBuffer(body.Length / 4);
                return inference.Invoke(body, "text/csv", "application/json", output).Rows;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Instance scoring alone (parse CSV, score, write JSON; no HTTP): {scoring.Rows / scoring.Seconds:N0} rows/s, {scoring.Bytes(body.Length) / 1e6 / scoring.Seconds:N0} MB/s over {scoring.Requests} bodies"));

            using var http = new HttpClient();
            var invocations = new Uri(address, $"endpoints/{Name}/invocations");
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var overHttp = await MeasureAsync(options.Seconds, async () =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                using var response = await http.PostAsync(invocations, content);
                var json = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"InvokeEndpoint answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(json)}");
                return Count(json);
            });
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (overHttp.Rows != (long)rows * overHttp.Requests)
                throw new InvalidOperationException($"{overHttp.Rows:N0} predictions came back for {(long)rows * overHttp.Requests:N0} rows.");

            var rate = overHttp.Rows / overHttp.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"InvokeEndpoint over loopback (client -> Runtime route -> instance): {overHttp.Requests} requests in {overHttp.Seconds:N2} s, {overHttp.Seconds / overHttp.Requests * 1000:N1} ms each"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {rate:N0} rows/s, {overHttp.Bytes(body.Length) / 1e6 / overHttp.Seconds:N0} MB/s of CSV; {allocated / 1e6 / overHttp.Requests:N1} MB allocated per request (whole process, client included)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Target {TargetRowsPerSecond:N0} rows/s: {(rate >= TargetRowsPerSecond ? "met" : "NOT met")} ({rate / TargetRowsPerSecond:P0})."));
            await engine.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = Name }, CancellationToken.None);
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

    /// <summary>
    /// Rows like the experiment's features: event codes and counts (integers), tone and Goldstein scale (one or two
    /// decimals), latitudes and longitudes (four decimals), one-hot flags.
    /// </summary>
    private static byte[] CsvBody(int features, long bytes, out int rows)
    {
        var random = new Random(9);
        var text = new StringBuilder();
        rows = 0;
        while (text.Length < bytes)
        {
            for (var d = 0; d < features; d++)
            {
                if (d > 0)
                    text.Append(',');
                text.Append((d % 5) switch
                {
                    0 => random.Next(10, 2000).ToString(CultureInfo.InvariantCulture),
                    1 => ((random.NextDouble() * 20) - 10).ToString("0.##", CultureInfo.InvariantCulture),
                    2 => ((random.NextDouble() * 180) - 90).ToString("0.0000", CultureInfo.InvariantCulture),
                    3 => ((random.NextDouble() * 360) - 180).ToString("0.0000", CultureInfo.InvariantCulture),
                    _ => random.Next(2).ToString(CultureInfo.InvariantCulture),
                });
            }

            text.Append('\n');
            rows++;
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task Upload(IObjectStore store, string url, ModelArtifact artifact, string folder)
    {
        var model = Path.Combine(folder, "model");
        artifact.Write(model);
        await store.WriteAsync(url, async (stream, ct) =>
        {
            await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
            await TarFile.CreateFromDirectoryAsync(model, gzip, includeBaseDirectory: false, ct);
        }, CancellationToken.None);
    }

    private static async Task Deploy(HostingEngine engine, string url)
    {
        await engine.CreateModelAsync(new CreateModelRequest
        {
            ModelName = Name,
            PrimaryContainer = new ContainerDefinition { Image = "linear-learner:1", ModelDataUrl = url },
        }, CancellationToken.None);
        await engine.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = Name,
            ProductionVariants = [new ProductionVariant { VariantName = "AllTraffic", ModelName = Name, InstanceType = "ml.m5.large", InitialInstanceCount = 1 }],
        }, CancellationToken.None);
        await engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = Name, EndpointConfigName = Name }, CancellationToken.None);
        while ((await engine.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = Name }, CancellationToken.None)).EndpointStatus is var status
               && status != HostedEndpoint.InService)
        {
            if (status == HostedEndpoint.Failed)
                throw new InvalidOperationException("The benchmark endpoint failed.");
            await Task.Delay(10);
        }
    }

    private static int Count(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("predictions").GetArrayLength();
    }

    private static Run Measure(double seconds, Func<int> request)
    {
        request(); // warm-up
        var clock = Stopwatch.StartNew();
        var run = new Run();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            run.Rows += request();
            run.Requests++;
        }

        run.Seconds = clock.Elapsed.TotalSeconds;
        return run;
    }

    private static async Task<Run> MeasureAsync(double seconds, Func<Task<int>> request)
    {
        for (var i = 0; i < 3; i++)
            await request(); // warm-up (JIT, connections)
        var clock = Stopwatch.StartNew();
        var run = new Run();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            run.Rows += await request();
            run.Requests++;
        }

        run.Seconds = clock.Elapsed.TotalSeconds;
        return run;
    }

    private sealed class Run
    {
        public long Rows { get; set; }
        public int Requests { get; set; }
        public double Seconds { get; set; }
        public double Bytes(long bodyBytes) => (double)bodyBytes * Requests;
    }

    private sealed class CountingLogs : IEndpointLogs
    {
        public IHostLog OpenStream(string logGroupName, string logStreamName) => new Counter();

        private sealed class Counter : IHostLog
        {
            public long Lines { get; private set; }

            public void Write(string line) => Lines++;
        }
    }
}
