using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Logs;
using Pipeline.LocalSageMaker.Training;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Tests.Support;

/// <summary>
/// LocalSageMaker as AddLocalSageMaker registers it, over a local-folder object store in a temporary folder, with a
/// scripted algorithm as the linear learner and (unless told otherwise) a manual clock.
/// </summary>
public sealed class LocalSageMakerUnderTest : IAsyncDisposable
{
    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("pipeline-localsagemaker-tests-");
    private readonly ServiceProvider _provider;

    /// <param name="services">Registrations after AddLocalSageMaker's, which replace its own (e.g. the S3 client of an S3 store).</param>
    public LocalSageMakerUnderTest(TimeProvider? time = null, bool registerLinearLearner = true, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        Time = time ?? new ManualClock();
        var values = new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = Path.Combine(_sandbox.FullName, "store"),
            ["LocalSageMaker:WorkRoot"] = WorkRoot,
        };
        foreach (var (key, value) in settings ?? [])
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton(Time);
        collection.AddLocalSageMaker(configuration);
        if (registerLinearLearner)
            collection.AddKeyedSingleton<ITrainingAlgorithm>(TrainingImages.LinearLearnerKey, Algorithm);
        services?.Invoke(collection);
        _provider = collection.BuildServiceProvider(validateScopes: true);
        Jobs = _provider.GetRequiredService<ITrainingJobApi>();
        Logs = _provider.GetRequiredService<ILogsApi>();
        Metrics = _provider.GetRequiredService<IMetricsApi>();
        Store = _provider.GetRequiredService<IObjectStore>();
    }

    public TimeProvider Time { get; }

    /// <summary>The engine's container, for serving it over HTTP (LocalSageMakerServer).</summary>
    public IServiceProvider Services => _provider;

    public ManualClock Clock => (ManualClock)Time;

    public ScriptedAlgorithm Algorithm { get; } = new();

    public ITrainingJobApi Jobs { get; }

    public ILogsApi Logs { get; }

    public IMetricsApi Metrics { get; }

    public IObjectStore Store { get; }

    public string WorkRoot => Path.Combine(_sandbox.FullName, "work");

    public async Task PutAsync(string uri, byte[] content) =>
        await Store.WriteAsync(uri, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), default);

    public async Task<byte[]> GetAsync(string uri)
    {
        await using var stream = await Store.OpenReadAsync(uri, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public Task<DescribeTrainingJobResponse> DescribeAsync(string name) =>
        Jobs.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = name }, default);

    /// <summary>
    /// Describes the job until it has ended (Completed, Failed or Stopped), for at most 120 seconds: a guard against a
    /// job that never ends, ample for real processes on a busy machine.
    /// </summary>
    public async Task<DescribeTrainingJobResponse> EndOfAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = await DescribeAsync(name);
            if (job.TrainingJobStatus is "Completed" or "Failed" or "Stopped")
                return job;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Training job {name} is still {job.TrainingJobStatus}/{job.SecondaryStatus}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Every entry of a tar.gz object: name to content (null for folders).</summary>
    public async Task<Dictionary<string, byte[]?>> ArchiveEntriesAsync(string uri)
    {
        var entries = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(new MemoryStream(await GetAsync(uri)), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            if (entry.EntryType == TarEntryType.Directory)
            {
                entries[entry.Name] = null;
                continue;
            }

            using var content = new MemoryStream();
            if (entry.DataStream is not null)
                await entry.DataStream.CopyToAsync(content);
            entries[entry.Name] = content.ToArray();
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        _sandbox.Delete(recursive: true);
    }
}
