using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.Storage;

namespace Pipeline.Benchmarks;

/// <summary>
/// LocalSageMaker's engines in the benchmark's process over a local-folder object store, both under one folder, and
/// how the headline benchmarks wait for a job: polling DescribeTrainingJob until it has ended.
/// </summary>
internal sealed class BenchmarkSageMaker(ServiceProvider provider) : IAsyncDisposable
{
    public const string TrainingLogGroup = "/aws/sagemaker/TrainingJobs";

    public IObjectStore Store { get; } = provider.GetRequiredService<IObjectStore>();
    public ITrainingJobApi Jobs { get; } = provider.GetRequiredService<ITrainingJobApi>();
    public ILogsApi Logs { get; } = provider.GetRequiredService<ILogsApi>();

    public static BenchmarkSageMaker Start(string folder, int maxConcurrentJobs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = Path.Combine(folder, "objects"),
            ["LocalSageMaker:WorkRoot"] = Path.Combine(folder, "work"),
            ["LocalSageMaker:MaxConcurrentTrainingJobs"] = maxConcurrentJobs.ToString(CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddLocalSageMaker(configuration);
        return new BenchmarkSageMaker(services.BuildServiceProvider());
    }

    /// <summary>The job's description once it has completed.</summary>
    /// <exception cref="InvalidOperationException">It ended otherwise.</exception>
    public async Task<DescribeTrainingJobResponse> CompletedAsync(string name)
    {
        DescribeTrainingJobResponse job;
        while ((job = await Jobs.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = name }, CancellationToken.None))
               .TrainingJobStatus is "InProgress" or "Stopping")
            await Task.Delay(100);
        return job.TrainingJobStatus == "Completed"
            ? job
            : throw new InvalidOperationException($"Training job {name} ended {job.TrainingJobStatus}: {job.FailureReason}");
    }

    /// <summary>An S3-prefix channel in File mode, uncompressed; a null content type is the algorithm's default.</summary>
    public static Channel Channel(string name, string prefix, string distribution, string? contentType = null) => new()
    {
        ChannelName = name,
        ContentType = contentType,
        DataSource = new DataSource
        {
            S3DataSource = new S3DataSource { S3DataType = "S3Prefix", S3Uri = prefix, S3DataDistributionType = distribution },
        },
        CompressionType = "None",
        RecordWrapperType = "None",
    };

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
