using System.ComponentModel.DataAnnotations;

namespace Pipeline.ServiceDefaults;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Which transport carries the messages. Only InMemory exists so far; SQS comes with the distributed mode.</summary>
    [Required, AllowedValues("InMemory", ErrorMessage = "Messaging:Transport must be InMemory (the SQS transport is not built yet).")]
    public string Transport { get; set; } = "InMemory";
}
