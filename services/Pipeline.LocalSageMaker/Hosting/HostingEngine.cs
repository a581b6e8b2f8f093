using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Tagging;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// Models, endpoint configurations and endpoints, answering as SageMaker does: names unique per kind (a second
/// create is a ValidationException "Cannot create already existing ..."), unknown names a ValidationException
/// "Could not find ...". An endpoint is Creating until every instance serves, then InService (or Failed with the
/// reason); UpdateEndpoint makes it Updating while another configuration's instances start beside the serving ones;
/// DeleteEndpoint makes it Deleting until its instances have stopped, then it is gone.
/// </summary>
public sealed class HostingEngine(IObjectStore store, EndpointLauncher launcher, ResourceTags tags, IOptions<HostingOptions> options,
    IOptions<LocalSageMakerOptions> localOptions, TimeProvider time)
    : IHostingApi, IAsyncDisposable
{
    private readonly HostingOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredEndpointConfig> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostedEndpoint> _endpoints = new(StringComparer.Ordinal);
    private bool _disposed;

    public async Task<CreateModelResponse> CreateModelAsync(CreateModelRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HostingValidation.CreateModel(request);
        var name = request.ModelName!;
        var container = HostingValidation.Container(request)!;
        lock (_gate)
        {
            if (_models.ContainsKey(name))
                throw AlreadyExists(ResourceKind.Model, name);
        }

        await RequireObjectAsync(container.ModelDataUrl!, cancellationToken).ConfigureAwait(false);
        var model = new StoredModel(name, Arn(ResourceKind.Model, name), request, container, time.GetUtcNow());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_models.TryAdd(name, model))
                throw AlreadyExists(ResourceKind.Model, name);
            tags.Register(model.Arn, request.Tags);
        }

        return new CreateModelResponse { ModelArn = model.Arn };
    }

    public Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken)
    {
        var model = Find(_models, ResourceKind.Model, HostingValidation.Required(request?.ModelName, "modelName"));
        return Task.FromResult(new DescribeModelResponse
        {
            ModelName = model.Name,
            ModelArn = model.Arn,
            PrimaryContainer = model.Request.PrimaryContainer,
            Containers = model.Request.Containers,
            ExecutionRoleArn = model.Request.ExecutionRoleArn,
            EnableNetworkIsolation = model.Request.EnableNetworkIsolation ?? false,
            CreationTime = model.CreationTime,
        });
    }

    public Task DeleteModelAsync(DeleteModelRequest request, CancellationToken cancellationToken) =>
        Delete(_models, ResourceKind.Model, HostingValidation.Required(request?.ModelName, "modelName"));

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HostingValidation.CreateEndpointConfig(request);
        var name = request.EndpointConfigName!;
        var config = new StoredEndpointConfig(name, Arn(ResourceKind.EndpointConfig, name), request, time.GetUtcNow());
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_configs.ContainsKey(name))
                throw AlreadyExists(ResourceKind.EndpointConfig, name);
            foreach (var variant in request.ProductionVariants!)
            {
                if (!_models.ContainsKey(variant.ModelName!))
                    throw NotFound(ResourceKind.Model, variant.ModelName!);
            }

            _configs.Add(name, config);
            tags.Register(config.Arn, request.Tags);
        }

        return Task.FromResult(new CreateEndpointConfigResponse { EndpointConfigArn = config.Arn });
    }

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken)
    {
        var config = Find(_configs, ResourceKind.EndpointConfig, HostingValidation.Required(request?.EndpointConfigName, "endpointConfigName"));
        return Task.FromResult(new DescribeEndpointConfigResponse
        {
            EndpointConfigName = config.Name,
            EndpointConfigArn = config.Arn,
            ProductionVariants = config.Request.ProductionVariants,
            KmsKeyId = config.Request.KmsKeyId,
            CreationTime = config.CreationTime,
        });
    }

    public Task DeleteEndpointConfigAsync(DeleteEndpointConfigRequest request, CancellationToken cancellationToken) =>
        Delete(_configs, ResourceKind.EndpointConfig, HostingValidation.Required(request?.EndpointConfigName, "endpointConfigName"));

    public Task<CreateEndpointResponse> CreateEndpointAsync(CreateEndpointRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HostingValidation.CreateEndpoint(request);
        var name = request.EndpointName!;
        HostedEndpoint endpoint;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_endpoints.ContainsKey(name))
                throw AlreadyExists(ResourceKind.Endpoint, name);
            var config = _configs.GetValueOrDefault(request.EndpointConfigName!)
                ?? throw NotFound(ResourceKind.EndpointConfig, request.EndpointConfigName!);
            endpoint = new HostedEndpoint(name, Arn(ResourceKind.Endpoint, name), config.Name, Variants(config), time.GetUtcNow());
            _endpoints.Add(name, endpoint);
            tags.Register(endpoint.Arn, request.Tags);
            endpoint.Transition = Task.Run(() => launcher.LaunchAsync(endpoint), CancellationToken.None);
        }

        return Task.FromResult(new CreateEndpointResponse { EndpointArn = endpoint.Arn });
    }

    /// <summary>
    /// Moves an InService endpoint to another configuration, blue/green: Updating while the new variants start beside
    /// the old ones (which keep serving), then InService on the new ones; if they cannot start, InService on the old
    /// ones with the reason. RetainAllVariantProperties and deployment configs are not modelled.
    /// </summary>
    public Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HostingValidation.UpdateEndpoint(request);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var endpoint = _endpoints.GetValueOrDefault(request.EndpointName!)
                ?? throw NotFound(ResourceKind.Endpoint, request.EndpointName!);
            var config = _configs.GetValueOrDefault(request.EndpointConfigName!)
                ?? throw NotFound(ResourceKind.EndpointConfig, request.EndpointConfigName!);
            var variants = Variants(config);
            if (!endpoint.TryBeginUpdate(config.Name, variants, time.GetUtcNow()))
                throw new ValidationException($"Cannot update in-progress endpoint \"{endpoint.Arn}\".");
            endpoint.Transition = Task.Run(() => launcher.UpdateAsync(endpoint, variants), CancellationToken.None);
            return Task.FromResult(new UpdateEndpointResponse { EndpointArn = endpoint.Arn });
        }
    }

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Find(_endpoints, ResourceKind.Endpoint, HostingValidation.Required(request?.EndpointName, "endpointName")).Describe());

    public Task<ListModelsResponse> ListModelsAsync(ListModelsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (page, next) = List(_models, m => new Listed<ModelSummary>(m.Name, m.CreationTime,
                new ModelSummary { ModelName = m.Name, ModelArn = m.Arn, CreationTime = m.CreationTime }),
            new ListQuery(request.SortBy, request.SortOrder, request.NextToken, request.MaxResults, request.NameContains,
                request.CreationTimeBefore, request.CreationTimeAfter));
        return Task.FromResult(new ListModelsResponse { Models = page, NextToken = next });
    }

    public Task<ListEndpointConfigsResponse> ListEndpointConfigsAsync(ListEndpointConfigsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (page, next) = List(_configs, c => new Listed<EndpointConfigSummary>(c.Name, c.CreationTime,
                new EndpointConfigSummary { EndpointConfigName = c.Name, EndpointConfigArn = c.Arn, CreationTime = c.CreationTime }),
            new ListQuery(request.SortBy, request.SortOrder, request.NextToken, request.MaxResults, request.NameContains,
                request.CreationTimeBefore, request.CreationTimeAfter));
        return Task.FromResult(new ListEndpointConfigsResponse { EndpointConfigs = page, NextToken = next });
    }

    public Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (page, next) = List(_endpoints, Listed,
            new ListQuery(request.SortBy, request.SortOrder, request.NextToken, request.MaxResults, request.NameContains,
                request.CreationTimeBefore, request.CreationTimeAfter, request.LastModifiedTimeBefore, request.LastModifiedTimeAfter,
                request.StatusEquals),
            ["Name", "CreationTime", "Status"], EndpointStatuses);
        return Task.FromResult(new ListEndpointsResponse { Endpoints = page, NextToken = next });
    }

    private static Listed<EndpointSummary> Listed(HostedEndpoint endpoint)
    {
        var d = endpoint.Describe();
        return new Listed<EndpointSummary>(d.EndpointName!, d.CreationTime!.Value, new EndpointSummary
        {
            EndpointName = d.EndpointName, EndpointArn = d.EndpointArn, CreationTime = d.CreationTime,
            LastModifiedTime = d.LastModifiedTime, EndpointStatus = d.EndpointStatus,
        }, d.EndpointStatus, d.LastModifiedTime);
    }

    /// <summary>A page of one kind of resource, listed from a snapshot taken under the lock.</summary>
    private (List<T> Page, string? NextToken) List<TStored, T>(Dictionary<string, TStored> stored, Func<TStored, Listed<T>> listed,
        ListQuery query, string[]? sortBys = null, IReadOnlyCollection<string>? statuses = null)
    {
        List<Listed<T>> all;
        lock (_gate)
            all = [.. stored.Values.Select(listed)];
        return ResourceListing.List(all, query, sortBys ?? NameOrCreationTime, statuses);
    }

    private static readonly string[] NameOrCreationTime = ["Name", "CreationTime"];

    /// <summary>Every status SageMaker's model allows in StatusEquals; LocalSageMaker's endpoints take four of them.</summary>
    private static readonly string[] EndpointStatuses =
        ["OutOfService", "Creating", "Updating", "SystemUpdating", "RollingBack", "InService", "Deleting", "Failed", "UpdateRollbackFailed"];

    public Task DeleteEndpointAsync(DeleteEndpointRequest request, CancellationToken cancellationToken)
    {
        var endpoint = Find(_endpoints, ResourceKind.Endpoint, HostingValidation.Required(request?.EndpointName, "endpointName"));
        lock (_gate)
        {
            if (endpoint.Status == HostedEndpoint.Deleting)
                return Task.CompletedTask;
            endpoint.TryMove(HostedEndpoint.Deleting, time.GetUtcNow());
            var launch = endpoint.Transition ?? Task.CompletedTask;
            endpoint.Transition = Task.Run(() => TearDownAsync(endpoint, launch), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>The model data URL of the model of that name (for batch transform, which runs models, not endpoints).</summary>
    /// <exception cref="ValidationException">There is no such model, with the message SageMaker gives.</exception>
    public string ModelDataUrl(string modelName) => Find(_models, ResourceKind.Model, modelName).Container.ModelDataUrl!;

    /// <summary>The endpoint of that name when it takes traffic (InService, or Updating on its old variants), for the Runtime route.</summary>
    public HostedEndpoint? FindServing(string name)
    {
        lock (_gate)
            return _endpoints.GetValueOrDefault(name) is { Status: HostedEndpoint.InService or HostedEndpoint.Updating } endpoint ? endpoint : null;
    }

    /// <summary>Stops every endpoint's instances (the process is stopping); nothing is left listening.</summary>
    public async ValueTask DisposeAsync()
    {
        List<HostedEndpoint> endpoints;
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            endpoints = [.. _endpoints.Values];
        }

        foreach (var endpoint in endpoints)
        {
            await endpoint.Lifetime.CancelAsync().ConfigureAwait(false);
            try
            {
                await (endpoint.Transition ?? Task.CompletedTask).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cut short on purpose.
            }

            await launcher.StopAsync(endpoint).ConfigureAwait(false);
        }
    }

    private async Task TearDownAsync(HostedEndpoint endpoint, Task launch)
    {
        await endpoint.Lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await launch.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The launch stopped because of this deletion.
        }

        try
        {
            await Task.Delay(_options.Hosting.TransitionDelay, time).ConfigureAwait(false);
            await launcher.StopAsync(endpoint).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
                _endpoints.Remove(endpoint.Name);
            tags.Forget(endpoint.Arn);
            endpoint.Lifetime.Dispose();
        }
    }

    private async Task RequireObjectAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await store.OpenReadAsync(url, cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException or FormatException)
        {
            throw new ValidationException($"Could not find model data at {url}.");
        }
    }

    private T Find<T>(Dictionary<string, T> items, ResourceKind kind, string name)
        where T : class
    {
        lock (_gate)
            return items.GetValueOrDefault(name) ?? throw NotFound(kind, name);
    }

    private Task Delete<T>(Dictionary<string, T> items, ResourceKind kind, string name)
    {
        lock (_gate)
        {
            if (!items.Remove(name))
                throw NotFound(kind, name);
            tags.Forget(Arn(kind, name));
        }

        return Task.CompletedTask;
    }

    /// <summary>The variants a configuration describes, each with its model as it is now (under the caller's lock).</summary>
    private List<HostedVariant> Variants(StoredEndpointConfig config)
    {
        var variants = new List<HostedVariant>();
        foreach (var variant in config.Request.ProductionVariants!)
        {
            var model = _models.GetValueOrDefault(variant.ModelName!) ?? throw NotFound(ResourceKind.Model, variant.ModelName!);
            variants.Add(new HostedVariant(variant.VariantName!, model.Name, model.Container.Image!, model.Container.ModelDataUrl!,
                variant.InstanceType!, variant.InitialInstanceCount!.Value, variant.InitialVariantWeight ?? 1f));
        }

        return variants;
    }

    private string Arn(ResourceKind kind, string name) =>
        $"arn:aws:sagemaker:{localOptions.Value.Region}:{localOptions.Value.AccountId}:{kind.ArnResourceType}/{name}";

    private ValidationException AlreadyExists(ResourceKind kind, string name) => new($"Cannot create already existing {kind.Noun} \"{Arn(kind, name)}\".");

    private ValidationException NotFound(ResourceKind kind, string name) => new($"Could not find {kind.Noun} \"{Arn(kind, name)}\".");

    /// <summary>A kind of hosting resource: how SageMaker's messages name it and the resource type in its ARN.</summary>
    private sealed record ResourceKind(string Noun, string ArnResourceType)
    {
        public static readonly ResourceKind Model = new("model", "model");
        public static readonly ResourceKind EndpointConfig = new("endpoint configuration", "endpoint-config");
        public static readonly ResourceKind Endpoint = new("endpoint", "endpoint");
    }

    private sealed record StoredModel(string Name, string Arn, CreateModelRequest Request, ContainerDefinition Container, DateTimeOffset CreationTime);

    private sealed record StoredEndpointConfig(string Name, string Arn, CreateEndpointConfigRequest Request, DateTimeOffset CreationTime);
}
