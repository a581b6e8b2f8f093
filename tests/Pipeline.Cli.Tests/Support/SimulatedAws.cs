using Pipeline.Aws.SageMaker;
using Pipeline.Data.RecordIO;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pipeline.Aws;
using Pipeline.Contracts;
using Pipeline.Deployer;
using Pipeline.Evaluator;
using Pipeline.Ingestor;
using Pipeline.JobWatcher;
using Pipeline.Trainer;

namespace Pipeline.Cli.Tests.Support;

/// <summary>
/// Stands in for every outside system at once (object store, SageMaker, CloudWatch Logs, Runtime) so the embedded
/// host can run a whole experiment in a test. Jobs run for a few polls; each variant's log span and each endpoint's
/// model are set by the test, so the report's figures can be checked against values computed independently.
/// </summary>
internal sealed class SimulatedAws :
    IDatasetBuilder, ITrainingJobControl, ITrainingJobDescriber, ITrainingLogReader, IEndpointHosting, IEndpointInvoker, ITestSetReader
{
    private const string LogGroup = "/aws/sagemaker/TrainingJobs";
    private static readonly DateTimeOffset Epoch = new(1984, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly ConcurrentDictionary<string, int> _endpointPolls = new();
    private readonly ConcurrentDictionary<string, string> _endpointConfigs = new();
    private readonly ConcurrentDictionary<string, string> _models = new();

    /// <summary>Log span per variant (the prefix of the job name), in seconds.</summary>
    public required IReadOnlyDictionary<string, double> LogSpans { get; init; }

    /// <summary>Each variant's model: score = weights . features.</summary>
    public required IReadOnlyDictionary<string, float[]> Models { get; init; }

    public required IReadOnlyList<DenseRow> TestRows { get; init; }

    public int JobsCreated => _jobs.Count;
    public IReadOnlyCollection<string> LiveEndpoints => (IReadOnlyCollection<string>)_endpointPolls.Keys;
    public int LiveModels => _models.Count;
    public int LiveEndpointConfigs => _endpointConfigs.Count;

    private sealed record Job(string Name, string Variant, int InstanceCount)
    {
        public int Describes;
    }

    private static string VariantOf(string resourceName) => resourceName[..resourceName.LastIndexOf('-')];

    public Task<IngestedDataset> BuildAsync(IngestDataset request, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        var root = $"s3://{request.Bucket}/{request.Prefix}";
        return Task.FromResult(new IngestedDataset
        {
            TrainPrefix = $"{root}/train/",
            ValidationPrefix = $"{root}/validation/",
            TestObject = $"{root}/test/{request.Source.TestYear}.data",
            FeatureDim = 25,
            Counts = new IngestionCounts
            {
                RowsRead = 100,
                RowsKept = 90,
                Dropped = new Dictionary<string, long> { ["zero-coordinates"] = 10 },
                TrainRows = 72,
                ValidationRows = 8,
                TestRows = TestRows.Count,
            },
        });
    }

    public Task<string> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken)
    {
        var job = new Job(request.TrainingJobName!, VariantOf(request.TrainingJobName!), request.ResourceConfig!.InstanceCount!.Value);
        if (!_jobs.TryAdd(job.Name, job))
            throw new ResourceInUseException($"Training job {job.Name} already exists");
        return Task.FromResult(Arn(job.Name));
    }

    public Task<string> DescribeTrainingJobArnAsync(string trainingJobName, CancellationToken cancellationToken) =>
        Task.FromResult(Arn(trainingJobName));

    public Task StopTrainingJobAsync(string trainingJobName, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("nothing in this experiment should be stopped");

    public Task<TrainingJobDescription> DescribeTrainingJobAsync(string name, CancellationToken cancellationToken)
    {
        if (!_jobs.TryGetValue(name, out var job))
            throw new ResourceNotFoundException($"Requested resource not found: {name}");
        var polls = Interlocked.Increment(ref job.Describes);
        var done = polls >= 3;
        return Task.FromResult(new TrainingJobDescription
        {
            TrainingJobName = name,
            TrainingJobStatus = done ? TrainingJobStatuses.Completed : TrainingJobStatuses.InProgress,
            SecondaryStatus = done ? "Completed" : polls == 1 ? "Downloading" : "Training",
            ModelArtifacts = done ? $"s3://bucket/output/{name}/output/model.tar.gz" : null,
            TrainingTimeInSeconds = done ? (int)LogSpans[job.Variant] + 60 : null,
            BillableTimeInSeconds = done ? (int)LogSpans[job.Variant] + 50 : null,
            InstanceCount = job.InstanceCount,
        });
    }

    public Task<IReadOnlyList<string>> DescribeLogStreamsAsync(string logGroup, string streamPrefix, CancellationToken cancellationToken)
    {
        var job = _jobs.Values.SingleOrDefault(j => streamPrefix == $"{j.Name}/");
        IReadOnlyList<string> streams = logGroup != LogGroup || job is null
            ? []
            : Enumerable.Range(1, job.InstanceCount).Select(host => $"{job.Name}/algo-{host}-1700000000").ToList();
        return Task.FromResult(streams);
    }

    public async IAsyncEnumerable<LogEventRecord> GetLogEventsAsync(string logGroup, string logStream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var job = _jobs[logStream[..logStream.IndexOf('/')]];
        var host = int.Parse(logStream.Split('/')[1].Split('-')[1], CultureInfo.InvariantCulture);
        // Hosts start a second apart; the first starts at Epoch and the last ends at Epoch + span.
        var span = LogSpans[job.Variant];
        var start = Epoch.AddSeconds(host - 1);
        var end = host == job.InstanceCount ? Epoch.AddSeconds(span) : start.AddSeconds(span / 2);
        yield return new LogEventRecord(start.ToUnixTimeMilliseconds(), "Starting training");
        yield return new LogEventRecord(end.ToUnixTimeMilliseconds(), "#quality_metric: host=algo-1, epoch=1, train absolute_loss_objective <loss>=0.5");
    }

    public Task CreateModelAsync(string modelName, string image, string modelDataUrl, string roleArn,
        IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        _models[modelName] = modelDataUrl;
        return Task.CompletedTask;
    }

    public Task CreateEndpointConfigAsync(string endpointConfigName, string modelName, string variantName, string instanceType,
        int initialInstanceCount, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        _endpointConfigs[endpointConfigName] = modelName;
        return Task.CompletedTask;
    }

    public Task CreateEndpointAsync(string endpointName, string endpointConfigName, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken)
    {
        _endpointPolls[endpointName] = 0;
        return Task.CompletedTask;
    }

    public Task<EndpointDescription> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken)
    {
        if (!_endpointPolls.ContainsKey(endpointName))
            throw new ValidationException($"Could not find endpoint \"{endpointName}\".");
        var polls = _endpointPolls.AddOrUpdate(endpointName, 1, (_, n) => n + 1);
        return Task.FromResult(new EndpointDescription(polls >= 2 ? EndpointStatuses.InService : EndpointStatuses.Creating));
    }

    public Task DeleteEndpointAsync(string endpointName, CancellationToken cancellationToken) => Delete(_endpointPolls, endpointName, "endpoint");

    public Task DeleteEndpointConfigAsync(string endpointConfigName, CancellationToken cancellationToken) =>
        Delete(_endpointConfigs, endpointConfigName, "endpoint configuration");

    public Task DeleteModelAsync(string modelName, CancellationToken cancellationToken) => Delete(_models, modelName, "model");

    /// <summary>This world scores through endpoints only: there is never a transform job to stop.</summary>
    public Task StopTransformJobAsync(string transformJobName, CancellationToken cancellationToken) =>
        throw new ValidationException($"Could not find job to update with name {transformJobName}");

    private static Task Delete<T>(ConcurrentDictionary<string, T> resources, string name, string kind) =>
        resources.TryRemove(name, out _) ? Task.CompletedTask : throw new ValidationException($"Could not find {kind} \"{name}\".");

    public Task<EndpointResponse> InvokeEndpointAsync(string endpointName, string contentType, string accept, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        if (!_endpointPolls.ContainsKey(endpointName))
            throw new ValidationException($"Endpoint {endpointName} not found.");
        var weights = Models[VariantOf(endpointName)];
        var scores = Encoding.ASCII.GetString(body.Span).Split('\n').Select(line =>
            line.Split(',').Select((x, i) => double.Parse(x, CultureInfo.InvariantCulture) * weights[i]).Sum());
        var json = "{\"predictions\":[" + string.Join(",", scores.Select(s => $"{{\"score\":{s.ToString("R", CultureInfo.InvariantCulture)}}}")) + "]}";
        return Task.FromResult(new EndpointResponse(Encoding.UTF8.GetBytes(json), "application/json"));
    }

    public async IAsyncEnumerable<DenseRow> ReadAsync(string testObjectUri, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in TestRows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static string Arn(string name) => $"arn:aws:sagemaker:us-east-1:000000000000:training-job/{name}";
}
