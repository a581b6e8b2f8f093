using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// Hosting's own settings, under "LocalSageMaker:Hosting". Region, AccountId and WorkRoot are
/// <see cref="LocalSageMakerOptions"/>', shared with the training engine so both agree on ARNs and folders.
/// </summary>
public sealed class HostingOptions : IValidatableObject
{
    public const string Section = "LocalSageMaker";

    public EndpointHostingOptions Hosting { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not look into nested objects.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Hosting, new ValidationContext(Hosting), results, validateAllProperties: true);
        if (!System.Net.IPAddress.TryParse(Hosting.InstanceHost, out _))
            results.Add(new ValidationResult($"LocalSageMaker:Hosting:InstanceHost '{Hosting.InstanceHost}' is not an IP address such as 127.0.0.1."));
        return results;
    }
}

/// <summary>Section "LocalSageMaker:Hosting".</summary>
public sealed class EndpointHostingOptions
{
    /// <summary>The IP address endpoint instances listen on (each on a free port of its own).</summary>
    public string InstanceHost { get; set; } = "127.0.0.1";

    /// <summary>
    /// Time an endpoint stays Creating before its instances start, and Deleting before they stop: zero by default
    /// (SageMaker takes minutes; nothing here needs to), longer to watch the transitions.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "LocalSageMaker:Hosting:TransitionDelay must be between 0 and 1 hour.")]
    public TimeSpan TransitionDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long an instance has to answer /ping with 200 after it starts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "LocalSageMaker:Hosting:PingTimeout must be between 1 second and 1 hour.")]
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>SageMaker gives a container 60 s to answer an invocation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "LocalSageMaker:Hosting:InvocationTimeout must be between 1 second and 1 hour.")]
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
