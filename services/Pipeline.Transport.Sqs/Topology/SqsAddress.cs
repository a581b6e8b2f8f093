namespace Pipeline.Transport.Sqs;

/// <summary>
/// Where a message goes: a queue (<c>amazonsqs://{region}/{queue}</c>) or a topic
/// (<c>amazonsqs://{region}/{topic}?type=topic</c>), the name being the entity's full name (scope included).
/// <c>queue:{name}</c> and <c>topic:{name}</c> are read under the host's scope.
/// </summary>
internal sealed record SqsAddress(string EntityName, bool IsTopic)
{
    public const string Scheme = "amazonsqs";

    public static Uri HostAddress(string region) => new($"{Scheme}://{region}/");

    public Uri ToUri(Uri hostAddress) => new(hostAddress, IsTopic ? $"{EntityName}?type=topic" : EntityName);

    public static SqsAddress Parse(Uri address, SqsEntityNames names)
    {
        ArgumentNullException.ThrowIfNull(address);
        switch (address.Scheme)
        {
            case "queue":
                return new(names.Scoped(address.OriginalString["queue:".Length..].Trim('/')), false);
            case "topic":
                return new(names.Scoped(address.OriginalString["topic:".Length..].Trim('/')), true);
            case Scheme:
                var name = address.AbsolutePath.Trim('/');
                if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
                    throw new ArgumentException($"The address '{address}' names no queue or topic (expected {Scheme}://region/name).", nameof(address));
                return new(name, address.Query.Contains("type=topic", StringComparison.OrdinalIgnoreCase));
            default:
                throw new ArgumentException($"The address '{address}' is not an SQS address (queue:name, topic:name or {Scheme}://region/name).",
                    nameof(address));
        }
    }
}
