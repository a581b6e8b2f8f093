using System.Collections.Concurrent;
using Pipeline.Aws;

namespace Pipeline.Deployer.Tests.Doubles;

/// <summary>
/// Remembers which models, endpoint configs and endpoints exist and answers like SageMaker does: a create of an
/// existing one is a ValidationException "Cannot create already existing ...", a delete of a missing one a
/// ValidationException "Could not find ...". DescribeEndpoint plays a script of answers; with none queued, a deleted
/// endpoint is not found (SageMaker's own answer) and any other gets the last answer again.
/// </summary>
public sealed class EndpointHostingDouble : IEndpointHosting
{
    private readonly ConcurrentQueue<Func<EndpointDescription>> _describeScript = new();
    private readonly ConcurrentDictionary<string, bool> _deletedEndpoints = new();
    private Func<EndpointDescription> _lastAnswer = () => new EndpointDescription(EndpointStatuses.InService);

    public ConcurrentDictionary<string, bool> Models { get; } = new();
    public ConcurrentDictionary<string, bool> EndpointConfigs { get; } = new();
    public ConcurrentDictionary<string, bool> Endpoints { get; } = new();

    /// <summary>Every call in order, as "Operation name".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<CreateModelCall> CreatedModels { get; } = new();
    public ConcurrentQueue<CreateEndpointConfigCall> CreatedEndpointConfigs { get; } = new();
    public ConcurrentQueue<CreateEndpointCall> CreatedEndpoints { get; } = new();

    /// <summary>How "already exists" is reported; SageMaker's own answer by default.</summary>
    public Func<string, string, Exception> AlreadyExists { get; set; } =
        (kind, name) => new ValidationException($"Cannot create already existing {kind} \"arn:aws:sagemaker:us-east-1:123456789012:{kind.Replace(' ', '-')}/{name}\".");

    /// <summary>How "not found" is reported; SageMaker's own answer by default.</summary>
    public Func<string, string, Exception> NotFound { get; set; } =
        (kind, name) => new ValidationException($"Could not find {kind} \"arn:aws:sagemaker:us-east-1:123456789012:{kind.Replace(' ', '-')}/{name}\".");

    /// <summary>Thrown by the next create or delete of any kind instead of doing it.</summary>
    public Exception? FailEveryCall { get; set; }

    public int DescribeCount => Calls.Count(c => c.StartsWith("DescribeEndpoint ", StringComparison.Ordinal));

    /// <summary>Answers for the next DescribeEndpoint calls, in order; the last one repeats.</summary>
    public void ScriptDescribe(params Func<EndpointDescription>[] answers)
    {
        foreach (var answer in answers)
            _describeScript.Enqueue(answer);
    }

    public static Func<EndpointDescription> Status(string status, string? reason = null) => () => new EndpointDescription(status, reason);

    public static Func<EndpointDescription> Throws(Exception exception) => () => throw exception;

    public Task CreateModelAsync(string modelName, string image, string modelDataUrl, string roleArn,
        IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        Record("CreateModel", modelName);
        CreatedModels.Enqueue(new CreateModelCall(modelName, image, modelDataUrl, roleArn, tags));
        return Create(Models, "model", modelName);
    }

    public Task CreateEndpointConfigAsync(string endpointConfigName, string modelName, string variantName, string instanceType,
        int initialInstanceCount, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        Record("CreateEndpointConfig", endpointConfigName);
        CreatedEndpointConfigs.Enqueue(new CreateEndpointConfigCall(endpointConfigName, modelName, variantName, instanceType, initialInstanceCount, tags));
        return Create(EndpointConfigs, "endpoint configuration", endpointConfigName);
    }

    public Task CreateEndpointAsync(string endpointName, string endpointConfigName, IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken)
    {
        Record("CreateEndpoint", endpointName);
        CreatedEndpoints.Enqueue(new CreateEndpointCall(endpointName, endpointConfigName, tags));
        return Create(Endpoints, "endpoint", endpointName);
    }

    public Task<EndpointDescription> DescribeEndpointAsync(string endpointName, CancellationToken cancellationToken)
    {
        Record("DescribeEndpoint", endpointName);
        if (_describeScript.TryDequeue(out var next))
            _lastAnswer = next;
        else if (_deletedEndpoints.ContainsKey(endpointName))
            throw NotFound("endpoint", endpointName);
        return Task.FromResult(_lastAnswer());
    }

    public Task DeleteEndpointAsync(string endpointName, CancellationToken cancellationToken)
    {
        Record("DeleteEndpoint", endpointName);
        if (FailEveryCall is null)
            _deletedEndpoints[endpointName] = true;
        return Delete(Endpoints, "endpoint", endpointName);
    }

    public Task DeleteEndpointConfigAsync(string endpointConfigName, CancellationToken cancellationToken)
    {
        Record("DeleteEndpointConfig", endpointConfigName);
        return Delete(EndpointConfigs, "endpoint configuration", endpointConfigName);
    }

    public Task DeleteModelAsync(string modelName, CancellationToken cancellationToken)
    {
        Record("DeleteModel", modelName);
        return Delete(Models, "model", modelName);
    }

    /// <summary>
    /// Transform jobs still running, by name; StopTransformJob on any other answers as SageMaker does (FailEveryCall,
    /// which is about creates and deletes, does not apply).
    /// </summary>
    public ConcurrentDictionary<string, bool> RunningTransformJobs { get; } = new();

    public Task StopTransformJobAsync(string transformJobName, CancellationToken cancellationToken)
    {
        Record("StopTransformJob", transformJobName);
        if (!RunningTransformJobs.TryRemove(transformJobName, out _))
            throw new ValidationException($"Could not find job to update with name {transformJobName}");
        return Task.CompletedTask;
    }

    private void Record(string operation, string name) => Calls.Enqueue($"{operation} {name}");

    private Task Create(ConcurrentDictionary<string, bool> existing, string kind, string name)
    {
        if (FailEveryCall is { } failure)
            throw failure;
        if (!existing.TryAdd(name, true))
            throw AlreadyExists(kind, name);
        return Task.CompletedTask;
    }

    private Task Delete(ConcurrentDictionary<string, bool> existing, string kind, string name)
    {
        if (FailEveryCall is { } failure)
            throw failure;
        if (!existing.TryRemove(name, out _))
            throw NotFound(kind, name);
        return Task.CompletedTask;
    }
}

public sealed record CreateModelCall(string ModelName, string Image, string ModelDataUrl, string RoleArn, IReadOnlyDictionary<string, string> Tags);

public sealed record CreateEndpointConfigCall(string EndpointConfigName, string ModelName, string VariantName, string InstanceType,
    int InitialInstanceCount, IReadOnlyDictionary<string, string> Tags);

public sealed record CreateEndpointCall(string EndpointName, string EndpointConfigName, IReadOnlyDictionary<string, string> Tags);
