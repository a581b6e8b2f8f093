using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>Where the HTTP front listens: section "LocalSageMaker:Server".</summary>
public sealed class LocalSageMakerServerOptions : IValidatableObject
{
    public const string Section = "LocalSageMaker:Server";

    /// <summary>An IP address to bind: 127.0.0.1 (only this machine) unless set, 0.0.0.0 or :: for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 takes a free port; the address actually bound is what the server reports.</summary>
    [Range(0, 65535, ErrorMessage = "LocalSageMaker:Server:Port must be between 0 (a free port) and 65535.")]
    public int Port { get; set; }

    public IPEndPoint EndPoint() => new(IPAddress.Parse(Host), Port);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(Host, out _))
            yield return new ValidationResult(
                $"LocalSageMaker:Server:Host '{Host}' is not an IP address (such as 127.0.0.1, 0.0.0.0 or ::1).", [nameof(Host)]);
    }
}
