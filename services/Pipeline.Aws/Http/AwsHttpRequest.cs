using System.Net;

namespace Pipeline.Aws.Http;

/// <summary>
/// One POST to an AWS service (every operation of these clients is a POST). <see cref="ResourcePath"/> may hold
/// <c>{Name}</c> placeholders that <see cref="PathResources"/> fill in, escaped.
/// </summary>
public sealed record AwsHttpRequest(string Operation, string ResourcePath, ReadOnlyMemory<byte> Body, string ContentType)
{
    public IReadOnlyDictionary<string, string> PathResources { get; init; } = new Dictionary<string, string>();

    /// <summary>Headers besides Content-Type, all signed.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The resource the call is about (a job, endpoint or topic name), for its span; null when none.</summary>
    public string? Resource { get; init; }
}

/// <summary>A successful answer. <see cref="Headers"/> are case-insensitive, multiple values joined with commas.</summary>
public sealed record AwsHttpResponse(HttpStatusCode StatusCode, byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
