using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pipeline.ServiceDefaults;

/// <summary>Which transport carries the messages (<c>Messaging:Transport</c>) and, for SQS, where it answers.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";
    public const string InMemory = "InMemory";
    public const string Sqs = "Sqs";

    /// <summary>InMemory (every service in one process: `pipeline run`) or Sqs (services in processes of their own).</summary>
    [Required, AllowedValues(InMemory, Sqs, ErrorMessage = "Messaging:Transport must be InMemory or Sqs.")]
    public string Transport { get; set; } = InMemory;

    [ValidateObjectMembers]
    public SqsTransportOptions SqsTransport { get; set; } = new();
}

/// <summary><c>Messaging:SqsTransport</c>: the SQS transport's host settings; credentials come from the AWS SDK's standard chain.</summary>
public sealed class SqsTransportOptions
{
    public string Region { get; set; } = "us-east-1";

    /// <summary>SQS's endpoint (moto_server's, say); empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>SNS's endpoint; empty for the same as <see cref="ServiceUrl"/>, or AWS when that is empty too.</summary>
    public string? SnsServiceUrl { get; set; }

    /// <summary>Prefix of every queue and topic, so several systems can share one account.</summary>
    [RegularExpression("^[A-Za-z0-9_-]*$", ErrorMessage = "Messaging:SqsTransport:Scope may hold only letters, digits, '-' and '_'.")]
    public string? Scope { get; set; } = "pipeline";

    [Range(0, 20, ErrorMessage = "Messaging:SqsTransport:WaitTimeSeconds must be 0-20.")]
    public int WaitTimeSeconds { get; set; } = 20;

    [Range(1, 43200, ErrorMessage = "Messaging:SqsTransport:VisibilityTimeoutSeconds must be 1-43200.")]
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How many messages each of this process's queues fetches ahead of its consumers; unset, MassTransit's default
    /// (an endpoint that sets its own, as the Ingestor's 1, keeps it). With several tasks of a service, a low number
    /// leaves the queue's work to the task that is free instead of one task holding it.
    /// </summary>
    [Range(1, 1000, ErrorMessage = "Messaging:SqsTransport:PrefetchCount must be 1-1000.")]
    public int? PrefetchCount { get; set; }
}
