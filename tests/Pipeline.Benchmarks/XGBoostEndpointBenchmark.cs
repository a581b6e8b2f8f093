using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.LocalSageMaker.XGBoost;

namespace Pipeline.Benchmarks;

/// <summary>
/// `endpoint --algorithm xgboost`: trains an XGBoost model with Debian's python3-xgboost (<see cref="XGBoostBenchmarkModel"/>),
/// hosts it on a LocalSageMaker endpoint and scores the same CSV body (CSV out) three ways, on one core: over HTTP
/// through the Runtime route, by the instance's inference alone (parse, score, write; no HTTP), and by the reference,
/// python3-xgboost parsing the bytes and calling Booster.predict (<see cref="XGBoostReference"/>). The three alternate
/// in rounds, so a busy machine slows them alike. Ours must give Booster.predict's scores within 1e-6 relative, and
/// at least its rows/s over HTTP.
/// </summary>
internal static class XGBoostEndpointBenchmark
{
    private const string Image = "sagemaker-xgboost:1.7-1";
    private const int Rounds = 5;
    private const double Tolerance = 1e-6;

    /// <summary>
    /// The reference's ways that read each decimal as the nearest float, as ours does (xgboost-csv does not: it is
    /// reported, not counted); the first one's predictions are Booster.predict's for the check.
    /// </summary>
    private static readonly string[] ExactWays = ["pandas", "numpy"];

    public static async Task<int> RunAsync(EndpointBenchmarkOptions options)
    {
        if (DebianPython.Lacks(XGBoostReference.Modules, XGBoostReference.Requirements) is { } missing)
            return BenchmarkCommandLine.Refuse(missing);
        var pinning = SingleCore.Pin();
        var folder = Directory.CreateTempSubdirectory("pipeline-endpoint-benchmark-").FullName;
        try
        {
            Console.WriteLine($"Endpoint scoring benchmark: XGBoost, {options.Features} features, CSV in / CSV out, one core ({pinning}).");
            var body = EndpointCsvBody.Create(options.Features, (long)(options.BodyMb * 1_000_000), out var rows);
            var bodyPath = Path.Combine(folder, "body.csv");
            await File.WriteAllBytesAsync(bodyPath, body);
            Console.WriteLine($"Body: {body.Length / 1e6:N2} MB, {rows:N0} rows ({body.Length / (double)rows:N0} bytes a row), no missing values.");

            var trained = await XGBoostBenchmarkModel.TrainAsync(Path.Combine(folder, "model"), options.Features);
            Console.WriteLine($"Model: {trained.Description}.");
            var inference = new XGBoostInference(XGBoostModel.Load(trained.Path), batchTransform: false);
            await using var endpoint = await LoopbackEndpoint.StartAsync(folder, Path.GetDirectoryName(trained.Path)!, Image);
            var predictions = Directory.CreateDirectory(Path.Combine(folder, "predictions")).FullName;
            await using var reference = await XGBoostReference.StartAsync(trained.Path, bodyPath, predictions);
            if (SingleCore.Cpu is { } cpu && !reference.Cpus.SequenceEqual([cpu]))
                throw new InvalidOperationException($"python3 may run on CPUs {string.Join(',', reference.Cpus)}, not on CPU {cpu} alone.");
            Console.WriteLine($"Reference: python3 ({reference.Setting}), nthread=1 and OMP_NUM_THREADS=1, on CPU {string.Join(',', reference.Cpus)} (inherited affinity).");

            using var output = new PooledBuffer(body.Length / 4);
            int Score()
            {
                output.Clear();
                return inference.Invoke(body, "text/csv", "text/csv", output).Rows;
            }

            using var http = new HttpClient();
            byte[] answer = [];
            async Task<int> Post()
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Invocations) { Content = content };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
                using var response = await http.SendAsync(request);
                answer = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"InvokeEndpoint answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
                return answer.AsSpan().Count((byte)',') + 1;
            }

            Score(); // warm-up
            for (var i = 0; i < 3; i++)
                await Post(); // warm-up (JIT, connections)
            var alone = new ScoringRun();
            var overHttp = new ScoringRun();
            var referenceRuns = reference.Ways.ToDictionary(w => w, _ => new ScoringRun());
            long allocated = 0;
            for (var round = 0; round < Rounds; round++)
            {
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                await overHttp.ContinueAsync(options.Seconds / Rounds, Post);
                allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                alone.Continue(options.Seconds / 2 / Rounds, Score);
                foreach (var (way, run) in referenceRuns)
                    await reference.ContinueAsync(way, options.Seconds / 2 / Rounds, run);
            }

            if (overHttp.Rows != (long)rows * overHttp.Requests || alone.Rows != (long)rows * alone.Requests)
                throw new InvalidOperationException($"{overHttp.Rows:N0} scores came back for {(long)rows * overHttp.Requests:N0} rows.");
            var sameAnswer = answer.AsSpan().SequenceEqual(output.Written.Span);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Rounds} rounds, each: {options.Seconds / Rounds:0.##} s over HTTP, {options.Seconds / 2 / Rounds:0.##} s of inference alone, {options.Seconds / 2 / Rounds:0.##} s of each way of the reference."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"InvokeEndpoint over loopback (client -> Runtime route -> instance): {overHttp.RowsPerSecond:N0} rows/s, {overHttp.Bytes(body.Length) / 1e6 / overHttp.Seconds:N0} MB/s of CSV, {overHttp.Seconds / overHttp.Requests * 1000:N1} ms a body over {overHttp.Requests} bodies; {allocated / 1e6 / overHttp.Requests:N1} MB allocated per request (whole process, client included)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Inference alone (parse CSV, score, write CSV; no HTTP): {alone.RowsPerSecond:N0} rows/s, {alone.Seconds / alone.Requests * 1000:N1} ms a body over {alone.Requests} bodies"));

            var ours = Scores(output.Written.Span);
            var booster = ReadPredictions(predictions, ExactWays[0]);
            var fair = new List<string>();
            foreach (var (way, run) in referenceRuns)
            {
                var theirs = ReadPredictions(predictions, way);
                var versusBooster = MaxRelativeDifference(theirs, booster);
                var counted = versusBooster <= Tolerance;
                if (counted)
                    fair.Add(way);
                var note = counted ? "" : string.Create(CultureInfo.InvariantCulture,
                    $" (not counted: its scores differ from Booster.predict on exactly parsed rows by up to {versusBooster:E2} relative, on {Differing(theirs, booster):N0} rows; its CSV reader does not round every value to the nearest float)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Reference {way} (parse + DMatrix + Booster.predict): {run.RowsPerSecond:N0} rows/s, {run.Seconds / run.Requests * 1000:N1} ms a body over {run.Requests} bodies; ours/reference: HTTP {overHttp.RowsPerSecond / run.RowsPerSecond:N2}, alone {alone.RowsPerSecond / run.RowsPerSecond:N2}{note}"));
            }

            var fastest = fair.MaxBy(w => referenceRuns[w].RowsPerSecond)!;
            var referenceRate = referenceRuns[fastest].RowsPerSecond;
            var httpRatio = overHttp.RowsPerSecond / referenceRate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Against the fastest exact reference ({fastest}, {referenceRate:N0} rows/s): HTTP {httpRatio:N2}, inference alone {alone.RowsPerSecond / referenceRate:N2}. Target >= 1.00 over HTTP: {(httpRatio >= 1 ? "met" : "NOT met")}."));

            var worst = ExactWays.Select(w => (Way: w, Difference: MaxRelativeDifference(ours, ReadPredictions(predictions, w)))).ToList();
            var exact = worst.All(w => w.Difference <= Tolerance) && sameAnswer;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scores of the {ours.Length:N0} rows against Booster.predict: max relative difference {string.Join(", ", worst.Select(w => $"{w.Difference:E2} ({w.Way})"))}; HTTP answer {(sameAnswer ? "identical to" : "DIFFERENT from")} inference alone's. Within {Tolerance:E0}: {(exact ? "yes" : "NO")}."));
            return exact && httpRatio >= 1 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static float[] Scores(ReadOnlySpan<byte> csv) =>
        [.. Encoding.ASCII.GetString(csv).Split(',').Select(s => (float)double.Parse(s, CultureInfo.InvariantCulture))];

    private static float[] ReadPredictions(string folder, string way) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, way + ".f32"))).ToArray();

    private static double MaxRelativeDifference(float[] ours, float[] theirs)
    {
        if (ours.Length != theirs.Length)
            return double.PositiveInfinity;
        var worst = 0.0;
        for (var i = 0; i < ours.Length; i++)
            worst = Math.Max(worst, RelativeDifference(ours[i], theirs[i]));
        return worst;
    }

    private static int Differing(float[] ours, float[] theirs) =>
        ours.Length != theirs.Length ? Math.Max(ours.Length, theirs.Length) : ours.Zip(theirs).Count(p => RelativeDifference(p.First, p.Second) > Tolerance);

    private static double RelativeDifference(double ours, double theirs) =>
        Math.Abs(ours - theirs) / Math.Max(Math.Abs(theirs), 1e-30);
}
