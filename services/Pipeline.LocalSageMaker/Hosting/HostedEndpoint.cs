using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// An endpoint as hosting keeps it: its status and the variants it was created with (copied from the endpoint
/// configuration and models at CreateEndpoint, so deleting those later does not change it).
/// </summary>
public sealed class HostedEndpoint(string name, string arn, string configName, IReadOnlyList<HostedVariant> variants, DateTimeOffset now)
{
    public const string Creating = "Creating";
    public const string InService = "InService";
    public const string Failed = "Failed";
    public const string Deleting = "Deleting";

    private readonly Lock _gate = new();
    private string _status = Creating;
    private string? _failureReason;
    private DateTimeOffset _lastModified = now;

    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public string ConfigName { get; } = configName;
    public IReadOnlyList<HostedVariant> Variants { get; } = variants;
    public DateTimeOffset CreationTime { get; } = now;

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

    public DescribeEndpointResponse Describe()
    {
        lock (_gate)
        {
            return new DescribeEndpointResponse
            {
                EndpointName = Name,
                EndpointArn = Arn,
                EndpointConfigName = ConfigName,
                EndpointStatus = _status,
                FailureReason = _failureReason,
                CreationTime = CreationTime,
                LastModifiedTime = _lastModified,
                ProductionVariants = [.. Variants.Select(v => v.Describe())],
            };
        }
    }

    /// <summary>The variant an invocation goes to: the one named, or one drawn by weight.</summary>
    public HostedVariant? Route(string? targetVariant)
    {
        if (targetVariant is not null)
            return Variants.FirstOrDefault(v => v.Name == targetVariant);
        if (Variants.Count == 1)
            return Variants[0];
        var total = Variants.Sum(v => v.Weight);
        if (total <= 0)
            return Variants[Random.Shared.Next(Variants.Count)];
        var draw = Random.Shared.NextDouble() * total;
        foreach (var variant in Variants)
        {
            if ((draw -= variant.Weight) < 0)
                return variant;
        }

        return Variants[^1];
    }
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
