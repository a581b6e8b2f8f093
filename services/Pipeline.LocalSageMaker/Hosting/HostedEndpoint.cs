using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// An endpoint as hosting keeps it: its status and the variants it serves (copied from the endpoint configuration and
/// models at CreateEndpoint or UpdateEndpoint, so deleting those later does not change it). While Updating, the new
/// configuration's variants start beside the serving ones, which keep taking traffic until the new ones all serve.
/// </summary>
public sealed class HostedEndpoint(string name, string arn, string configName, IReadOnlyList<HostedVariant> variants, DateTimeOffset now)
{
    public const string Creating = "Creating";
    public const string Updating = "Updating";
    public const string InService = "InService";
    public const string Failed = "Failed";
    public const string Deleting = "Deleting";

    private readonly Lock _gate = new();
    private string _status = Creating;
    private string? _failureReason;
    private DateTimeOffset _lastModified = now;
    private Deployment _serving = new(configName, variants, now);
    private Deployment? _pending;

    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public DateTimeOffset CreationTime { get; } = now;

    public string ConfigName => Volatile.Read(ref _serving).ConfigName;

    /// <summary>The variants that take the traffic.</summary>
    public IReadOnlyList<HostedVariant> Variants => Volatile.Read(ref _serving).Variants;

    /// <summary>Every variant with instances: the serving ones and, while Updating, the new ones.</summary>
    public IReadOnlyList<HostedVariant> AllVariants
    {
        get
        {
            lock (_gate)
                return _pending is null ? _serving.Variants : [.. _serving.Variants, .. _pending.Variants];
        }
    }

    /// <summary>Stops the launch when the endpoint is deleted while Creating.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    /// <summary>The launch or teardown under way, awaited when the engine stops.</summary>
    public Task? Transition { get; set; }

    public string Status
    {
        get
        {
            lock (_gate)
                return _status;
        }
    }

    /// <summary>Moves to <paramref name="status"/> unless the endpoint is already being deleted (deletion wins).</summary>
    public bool TryMove(string status, DateTimeOffset now, string? failureReason = null)
    {
        lock (_gate)
        {
            if (_status == Deleting && status != Deleting)
                return false;
            _status = status;
            _failureReason = failureReason ?? _failureReason;
            _lastModified = now;
            return true;
        }
    }

    /// <summary>Starts an update to <paramref name="configName"/>: only an InService endpoint can; false otherwise.</summary>
    public bool TryBeginUpdate(string configName, IReadOnlyList<HostedVariant> variants, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status != InService)
                return false;
            _status = Updating;
            _pending = new Deployment(configName, variants, now);
            _lastModified = now;
            return true;
        }
    }

    /// <summary>
    /// Ends an update: on success the new variants take the traffic and the old ones are returned to be stopped; on
    /// failure the old ones keep serving, the reason is kept, and the new ones are returned. Null when the endpoint was
    /// deleted meanwhile (its teardown stops every variant).
    /// </summary>
    public IReadOnlyList<HostedVariant>? EndUpdate(bool succeeded, DateTimeOffset now, string? failureReason = null)
    {
        lock (_gate)
        {
            if (_status != Updating || _pending is not { } pending)
                return null;
            var retired = succeeded ? _serving.Variants : pending.Variants;
            if (succeeded)
                Volatile.Write(ref _serving, pending);
            _pending = null;
            _status = InService;
            _failureReason = succeeded ? null : failureReason;
            _lastModified = now;
            return retired;
        }
    }

    public DescribeEndpointResponse Describe()
    {
        lock (_gate)
        {
            return new DescribeEndpointResponse
            {
                EndpointName = Name,
                EndpointArn = Arn,
                EndpointConfigName = _serving.ConfigName,
                EndpointStatus = _status,
                FailureReason = _failureReason,
                CreationTime = CreationTime,
                LastModifiedTime = _lastModified,
                ProductionVariants = [.. _serving.Variants.Select(v => v.Describe())],
                PendingDeploymentSummary = _pending is { } pending
                    ? new PendingDeploymentSummary
                    {
                        EndpointConfigName = pending.ConfigName,
                        ProductionVariants = [.. pending.Variants.Select(v => v.Describe())],
                        StartTime = pending.Since,
                    }
                    : null,
            };
        }
    }

    /// <summary>The variant an invocation goes to: the one named, or one drawn by weight.</summary>
    public HostedVariant? Route(string? targetVariant)
    {
        var variants = Variants;
        if (targetVariant is not null)
            return variants.FirstOrDefault(v => v.Name == targetVariant);
        if (variants.Count == 1)
            return variants[0];
        var total = variants.Sum(v => v.Weight);
        if (total <= 0)
            return variants[Random.Shared.Next(variants.Count)];
        var draw = Random.Shared.NextDouble() * total;
        foreach (var variant in variants)
        {
            if ((draw -= variant.Weight) < 0)
                return variant;
        }

        return variants[^1];
    }

    private sealed record Deployment(string ConfigName, IReadOnlyList<HostedVariant> Variants, DateTimeOffset Since);
}

/// <summary>A production variant of an endpoint and its instances, which share its traffic in turn.</summary>
public sealed class HostedVariant(string name, string modelName, string image, string modelDataUrl, string instanceType, int desiredCount, float weight)
{
    private readonly List<EndpointInstance> _instances = [];
    private EndpointInstance[] _serving = [];
    private int _next = -1;
    private DateTimeOffset? _resolutionTime;

    public string Name { get; } = name;
    public string ModelName { get; } = modelName;
    public string Image { get; } = image;
    public string ModelDataUrl { get; } = modelDataUrl;
    public string InstanceType { get; } = instanceType;
    public int DesiredCount { get; } = desiredCount;
    public float Weight { get; } = weight;

    /// <summary>Every instance started, loaded or not (to stop them all).</summary>
    public IReadOnlyList<EndpointInstance> Instances
    {
        get
        {
            lock (_instances)
                return [.. _instances];
        }
    }

    public void Add(EndpointInstance instance)
    {
        lock (_instances)
            _instances.Add(instance);
    }

    /// <summary>The instance passed its health check: it takes its share of the traffic from now on.</summary>
    public void Serve(EndpointInstance instance, DateTimeOffset now)
    {
        lock (_instances)
        {
            _serving = [.. _serving, instance];
            _resolutionTime ??= now;
        }
    }

    /// <summary>The next instance in turn (round robin), or null when none serves.</summary>
    public EndpointInstance? Next()
    {
        var serving = Volatile.Read(ref _serving);
        if (serving.Length == 0)
            return null;
        var turn = (uint)Interlocked.Increment(ref _next);
        return serving[turn % (uint)serving.Length];
    }

    public ProductionVariantSummary Describe()
    {
        lock (_instances)
        {
            return new ProductionVariantSummary
            {
                VariantName = Name,
                DeployedImages = _resolutionTime is null ? null : [new DeployedImage { SpecifiedImage = Image, ResolvedImage = Image, ResolutionTime = _resolutionTime }],
                CurrentWeight = Weight,
                DesiredWeight = Weight,
                CurrentInstanceCount = _serving.Length,
                DesiredInstanceCount = DesiredCount,
            };
        }
    }
}
