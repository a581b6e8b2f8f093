using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.Storage;
using Pipeline.Storage.S3;
using Pipeline.Testing;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

[CollectionDefinition(BlogXGBoostRun.Collection)]
public sealed class BlogXGBoostCollection : ICollectionFixture<BlogXGBoostRun>;

/// <summary>
/// One run of the blog's code (blog_xgboost.py) for the collection. moto_server is the S3 of both boto3 and
/// LocalSageMaker (its object store, Storage:Kind S3); the buckets hold the blog's 40 training files under
/// s3://abn-distro/m5_store_items/train/ and 8 inference files under s3://path/to/inference/data/. Then what the test
/// checks is fetched from moto with the .NET SDK, the hosts' folders are read (kept: LocalSageMaker:KeepJobFolders), and
/// Debian's XGBoost opens the model and predicts the inference rows.
/// </summary>
public sealed class BlogXGBoostRun : IAsyncLifetime
{
    public const string Collection = "The blog's XGBoost code, run once";
    public const string Bucket = "abn-distro";
    public const string Prefix = "m5_store_items";
    public const string BatchBucket = "path";
    public const string BatchInputKey = "to/inference/data/";
    public const string BatchOutputKey = "for/predictions/";
    public const int Instances = 15;

    /// <summary>The blog's num_round: 3000 rounds on 15 hosts train in 20-50 s here (2 cores), the data having few distinct values.</summary>
    public const int NumRound = 3000;

    // The waiter's own limit (180 polls of 120 s, run 60 times faster) is 6 minutes.
    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromMinutes(8);

    private readonly MotoServer _moto = new();
    private readonly DirectoryInfo _downloads = Directory.CreateTempSubdirectory("blog-xgboost-");
    private LocalSageMakerServer? _server;

    public LocalSageMakerUnderTest? Local { get; private set; }

    /// <summary>Every training file, in key order.</summary>
    public IReadOnlyList<M5Series> Series { get; } = M5StoreItems.All();

    /// <summary>The series whose next 28 days are scored: every fifth.</summary>
    public IReadOnlyList<M5Series> Scored => [.. Series.Where((_, i) => i % 5 == 0)];

    /// <summary>The JSON line blog_xgboost.py ends with.</summary>
    public JsonElement Seen { get; private set; }

    /// <summary>The lines the blog's code printed.</summary>
    public IReadOnlyList<string> Printed { get; private set; } = [];

    public string Job => Seen.GetProperty("job").GetString()!;

    /// <summary>What the script took, training and transform together.</summary>
    public TimeSpan ScriptTime { get; private set; }

    /// <summary>Per host (algo-1 first), the names of the files in its train channel folder.</summary>
    public IReadOnlyList<string[]> HostTrainFiles { get; private set; } = [];

    /// <summary>The entries of the job's model.tar.gz, as moto holds it at the blog's path.</summary>
    public IReadOnlyDictionary<string, byte[]> ModelEntries { get; private set; } = new Dictionary<string, byte[]>();

    /// <summary>Every object under s3://path/for/predictions/: key to text.</summary>
    public IReadOnlyDictionary<string, string> Predictions { get; private set; } = new Dictionary<string, string>();

    /// <summary>What booster_predict.py said of the model: rounds, trees, objective, and a list of scores per <see cref="Scored"/> file.</summary>
    public JsonElement Debian { get; private set; }

    public async Task InitializeAsync()
    {
        await _moto.InitializeAsync();
        using var s3 = _moto.CreateS3Client();
        await s3.PutBucketAsync(Bucket);
        await s3.PutBucketAsync(BatchBucket);
        foreach (var series in Series)
            await PutAsync(s3, Bucket, $"{Prefix}/train/{series.FileName}", series.TrainCsv());
        foreach (var series in Scored)
            await PutAsync(s3, BatchBucket, BatchInputKey + series.FileName, series.InferenceCsv());

        Local = new LocalSageMakerUnderTest(TimeProvider.System, registerLinearLearner: false, settings: new()
        {
            ["Storage:Kind"] = "S3",
            ["Storage:S3:ServiceUrl"] = _moto.EndpointUrl,
            ["LocalSageMaker:KeepJobFolders"] = "true",
        }, services: services => services.AddKeyedSingleton<IAmazonS3>(ObjectStoreServiceCollectionExtensions.SignedClientKey,
            (provider, _) => S3ClientFactory.WithCredentials(provider.GetRequiredService<IOptions<StorageOptions>>().Value.S3, MotoServer.Credentials)));
        _server = new LocalSageMakerServer(Local.Services);
        var endpoint = await _server.StartAsync();

        var clock = Stopwatch.StartNew();
        var output = await Boto3Script.RunAsync("Conformance/blog_xgboost.py", endpoint, [], ScriptDeadline, environment: new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL_S3"] = _moto.EndpointUrl,
                ["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Conformance", "SageMakerSdkStandIn"),
            });
        ScriptTime = clock.Elapsed;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Seen = JsonDocument.Parse(lines[^1]).RootElement.Clone();
        Printed = lines[..^1];

        var jobFolder = Assert.Single(Directory.GetDirectories(Local.WorkRoot, Job + "-*"));
        HostTrainFiles = [.. Enumerable.Range(1, Instances).Select(n =>
            Directory.GetFiles(Path.Combine(jobFolder, $"algo-{n}", "input", "data", "train")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray())];

        ModelEntries = await TarEntriesAsync(await GetAsync(s3, Bucket, $"{Prefix}/{Job}/output/model.tar.gz"));
        var predictions = new Dictionary<string, string>(StringComparer.Ordinal);
        var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = BatchBucket, Prefix = BatchOutputKey });
        foreach (var found in listing.S3Objects ?? [])
            predictions[found.Key] = Encoding.UTF8.GetString(await GetAsync(s3, BatchBucket, found.Key));
        Predictions = predictions;

        Debian = await BoosterPredictAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (Local is not null)
            await Local.DisposeAsync();
        await _moto.DisposeAsync();
        _downloads.Delete(recursive: true);
    }

    /// <summary>Debian's Python opens xgboost-model and predicts each scored file's rows, as written to S3.</summary>
    private async Task<JsonElement> BoosterPredictAsync()
    {
        var model = Path.Combine(_downloads.FullName, "xgboost-model");
        await File.WriteAllBytesAsync(model, ModelEntries.TryGetValue("xgboost-model", out var bytes) ? bytes : []);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Conformance", "booster_predict.py"), model },
        };
        foreach (var series in Scored)
        {
            var path = Path.Combine(_downloads.FullName, series.FileName);
            await File.WriteAllBytesAsync(path, series.InferenceCsv());
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"booster_predict.py exited with {process.ExitCode} (Debian's python3-xgboost is needed):\n{errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static async Task PutAsync(IAmazonS3 s3, string bucket, string key, byte[] content)
    {
        using var body = new MemoryStream(content);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body });
    }

    private static async Task<byte[]> GetAsync(IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var content = new MemoryStream();
        await response.ResponseStream.CopyToAsync(content);
        return content.ToArray();
    }

    private static async Task<Dictionary<string, byte[]>> TarEntriesAsync(byte[] archive)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
                await entry.DataStream.CopyToAsync(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }
}
