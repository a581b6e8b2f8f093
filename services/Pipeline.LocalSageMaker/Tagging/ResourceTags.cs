using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.LocalSageMaker.Tagging;

/// <summary>
/// The tags of every resource LocalSageMaker creates (training jobs, models, endpoint configurations, endpoints,
/// transform jobs), by ARN: each engine registers a resource with the tags of its Create request and forgets it when
/// it is deleted, and AddTags, ListTags and DeleteTags work on what is registered. Rules as SageMaker's: at most 50
/// tags a resource, keys of 1-128 and values of up to 256 letters, digits, spaces and <c>_.:/=+-@</c>, keys starting
/// <c>aws:</c> reserved; adding an existing key replaces its value. Thread-safe.
/// </summary>
public sealed partial class ResourceTags : ITagsApi
{
    public const int MaxTagsPerResource = 50;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 256;
    private const int DefaultPageSize = 50;

    private readonly Dictionary<string, List<Tag>> _tags = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>What is wrong with the tags of a Create request, worded as SageMaker's validation errors.</summary>
    public static List<string> Problems(IReadOnlyList<Tag>? tags)
    {
        var problems = new List<string>();
        if (tags is null)
            return problems;
        if (tags.Count > MaxTagsPerResource)
            problems.Add($"Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to {MaxTagsPerResource}");
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            var at = $"tags.{i + 1}.member";
            if (tag?.Key is not { Length: > 0 } key)
                problems.Add($"Value null at '{at}.key' failed to satisfy constraint: Member must not be null");
            else if (key.Length > MaxKeyLength || !Allowed().IsMatch(key))
                problems.Add($"Value '{key}' at '{at}.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ([\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]*) and have length between 1 and {MaxKeyLength}");
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                problems.Add($"Tag key '{key}' uses the reserved prefix 'aws:'.");
            if (tag?.Value is { } value && (value.Length > MaxValueLength || !Allowed().IsMatch(value)))
                problems.Add($"Value '{value}' at '{at}.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ([\\p{{L}}\\p{{Z}}\\p{{N}}_.:/=+\\-@]*) and have length less than or equal to {MaxValueLength}");
        }

        return problems;
    }

    /// <summary>A resource now exists with these tags (already checked by <see cref="Problems"/>); a later key wins.</summary>
    public void Register(string arn, IReadOnlyList<Tag>? tags)
    {
        lock (_gate)
        {
            var stored = new List<Tag>();
            Merge(stored, tags ?? []);
            _tags[arn] = stored;
        }
    }

    /// <summary>The resource is gone, and its tags with it.</summary>
    public void Forget(string arn)
    {
        lock (_gate)
            _tags.Remove(arn);
    }

    public Task<AddTagsResponse> AddTagsAsync(AddTagsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Problems(request.Tags);
        if (request.Tags is null)
            problems.Add("Value null at 'tags' failed to satisfy constraint: Member must not be null");
        ConstraintProblems.ThrowIfAny(problems);
        lock (_gate)
        {
            var stored = Stored(request.ResourceArn);
            var merged = new List<Tag>(stored);
            Merge(merged, request.Tags!);
            if (merged.Count > MaxTagsPerResource)
                throw new ValidationException(
                    $"Resource {request.ResourceArn} would have {merged.Count} tags: a resource can have at most {MaxTagsPerResource}.");
            stored.Clear();
            stored.AddRange(merged);
        }

        return Task.FromResult(new AddTagsResponse { Tags = [.. request.Tags!] });
    }

    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxResults is < DefaultPageSize)
            throw new ValidationException(ConstraintProblems.Message(
                [$"Value '{request.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to {DefaultPageSize}"]));
        var start = ResourceListing.Offset(request.NextToken);
        List<Tag> page;
        int total;
        lock (_gate)
        {
            var stored = Stored(request.ResourceArn);
            total = stored.Count;
            page = [.. stored.Skip(start).Take(request.MaxResults ?? DefaultPageSize).Select(t => t with { })];
        }

        var next = start + page.Count;
        return Task.FromResult(new ListTagsResponse
        {
            Tags = page,
            NextToken = next < total ? next.ToString(CultureInfo.InvariantCulture) : null,
        });
    }

    public Task DeleteTagsAsync(DeleteTagsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TagKeys is not { Count: >= 1 and <= MaxTagsPerResource } keys)
            throw new ValidationException(ConstraintProblems.Message(
                [$"Value at 'tagKeys' failed to satisfy constraint: Member must have length between 1 and {MaxTagsPerResource}"]));
        lock (_gate)
            Stored(request.ResourceArn).RemoveAll(t => keys.Contains(t.Key!));
        return Task.CompletedTask;
    }

    private List<Tag> Stored(string? arn)
    {
        if (string.IsNullOrEmpty(arn))
            throw new ValidationException(ConstraintProblems.Message(["Value null at 'resourceArn' failed to satisfy constraint: Member must not be null"]));
        return _tags.GetValueOrDefault(arn) ?? throw new ValidationException($"Resource Arn {arn} was not found.");
    }

    private static void Merge(List<Tag> stored, IEnumerable<Tag> tags)
    {
        foreach (var tag in tags)
        {
            var copy = new Tag { Key = tag.Key, Value = tag.Value ?? "" };
            var existing = stored.FindIndex(t => t.Key == tag.Key);
            if (existing >= 0)
                stored[existing] = copy;
            else
                stored.Add(copy);
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex Allowed();
}
