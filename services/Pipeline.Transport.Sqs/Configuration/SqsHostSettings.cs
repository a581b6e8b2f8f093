using Amazon.Runtime;

namespace Pipeline.Transport.Sqs;

/// <summary>What <c>cfg.Host(...)</c> sets: where SQS and SNS answer, whose credentials, and the scope every entity is named under.</summary>
public sealed class SqsHostSettings
{
    /// <summary>The region queues and topics live in (and requests are signed for).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>SQS's endpoint, e.g. moto_server's; empty for AWS itself.</summary>
    public string? SqsServiceUrl { get; set; }

    /// <summary>SNS's endpoint, e.g. moto_server's; empty for AWS itself.</summary>
    public string? SnsServiceUrl { get; set; }

    /// <summary>Prefix of every queue and topic name ("{Scope}_{name}"), so several systems can share one account; empty for none.</summary>
    public string? Scope { get; set; }

    /// <summary>Given credentials; null for the SDK's standard chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>How long one ReceiveMessage call waits for messages (long polling), 0 to 20 s.</summary>
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>How long a received message stays invisible to others; renewed while its consumer runs.</summary>
    public int VisibilityTimeoutSeconds { get; set; } = 30;

    /// <summary>The longest single DelaySeconds; a message due later is re-delayed in hops of at most this. SQS allows 900 s.</summary>
    public int MaxDelaySeconds { get; set; } = SqsLimits.MaxDelaySeconds;

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Region))
            yield return "Sqs Host: Region must be set.";
        if (WaitTimeSeconds is < 0 or > 20)
            yield return $"Sqs Host: WaitTimeSeconds must be from 0 to 20 (was {WaitTimeSeconds}).";
        if (VisibilityTimeoutSeconds is < 1 or > 43200)
            yield return $"Sqs Host: VisibilityTimeoutSeconds must be from 1 to 43200 (was {VisibilityTimeoutSeconds}).";
        if (MaxDelaySeconds is < 1 or > SqsLimits.MaxDelaySeconds)
            yield return $"Sqs Host: MaxDelaySeconds must be from 1 to {SqsLimits.MaxDelaySeconds} (was {MaxDelaySeconds}).";
        if (Scope is { Length: > 0 } scope && !SqsEntityNames.IsValid(scope))
            yield return $"Sqs Host: Scope '{scope}' may hold only letters, digits, '-' and '_'.";
        foreach (var (name, url) in new[] { ("SqsServiceUrl", SqsServiceUrl), ("SnsServiceUrl", SnsServiceUrl) })
            if (!string.IsNullOrEmpty(url) && !Uri.TryCreate(url, UriKind.Absolute, out _))
                yield return $"Sqs Host: {name} '{url}' is not an absolute URL.";
    }
}
