using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// The credentials requests must be signed with (Signature Version 4), section "LocalSageMaker:Auth". Unset, every
/// request is served unsigned and LocalSageMaker says so when it starts.
/// </summary>
public sealed class LocalSageMakerAuthOptions : IValidatableObject
{
    public const string Section = "LocalSageMaker:Auth";

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(AccessKeyId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AccessKeyId) != string.IsNullOrEmpty(SecretAccessKey))
            yield return new ValidationResult(
                $"Set both {Section}:AccessKeyId and {Section}:SecretAccessKey (to require signed requests) or neither.",
                [nameof(AccessKeyId), nameof(SecretAccessKey)]);
    }
}
