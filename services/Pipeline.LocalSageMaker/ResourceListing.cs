using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Aws;
namespace Pipeline.LocalSageMaker;

/// <summary>One resource as the List operations filter and sort it.</summary>
internal sealed record Listed<T>(string Name, DateTimeOffset CreationTime, T Summary, string? Status = null, DateTimeOffset? LastModifiedTime = null);

/// <summary>The parameters every List operation shares.</summary>
internal sealed record ListQuery(
    string? SortBy, string? SortOrder, string? NextToken, int? MaxResults, string? NameContains,
    DateTimeOffset? CreationTimeBefore, DateTimeOffset? CreationTimeAfter,
    DateTimeOffset? LastModifiedTimeBefore = null, DateTimeOffset? LastModifiedTimeAfter = null, string? StatusEquals = null);

/// <summary>
/// SageMaker's List operations (training jobs, models, endpoint configs, endpoints) as it answers them: name-contains
/// (case-insensitive), time bounds (exclusive) and status filters; SortBy CreationTime (default), Name or Status where
/// the operation has it; the operation's default SortOrder (Ascending for training jobs, Descending for the hosting
/// resources); pages of MaxResults (1-100, default 10) whose NextToken is the next page's offset.
/// </summary>
internal static partial class ResourceListing
{
    private static readonly string[] SortOrders = ["Ascending", "Descending"];

    public static (List<T> Page, string? NextToken) List<T>(IEnumerable<Listed<T>> items, ListQuery query, string[] sortBys,
        IReadOnlyCollection<string>? statuses = null, string defaultSortOrder = "Descending")
    {
        Validate(query, sortBys, statuses);
        var start = Offset(query.NextToken);

        var matching = items
            .Where(i => query.NameContains is null || i.Name.Contains(query.NameContains, StringComparison.OrdinalIgnoreCase))
            .Where(i => query.CreationTimeBefore is null || i.CreationTime < query.CreationTimeBefore)
            .Where(i => query.CreationTimeAfter is null || i.CreationTime > query.CreationTimeAfter)
            .Where(i => query.LastModifiedTimeBefore is null || i.LastModifiedTime < query.LastModifiedTimeBefore)
            .Where(i => query.LastModifiedTimeAfter is null || i.LastModifiedTime > query.LastModifiedTimeAfter)
            .Where(i => query.StatusEquals is null || i.Status == query.StatusEquals)
            .ToList();

        Comparison<Listed<T>> byName = (a, b) => string.CompareOrdinal(a.Name, b.Name);
        Comparison<Listed<T>> byCreation = (a, b) => a.CreationTime.CompareTo(b.CreationTime) is var c and not 0 ? c : byName(a, b);
        Comparison<Listed<T>> order = query.SortBy switch
        {
            "Name" => byName,
            "Status" => (a, b) => string.CompareOrdinal(a.Status, b.Status) is var c and not 0 ? c : byCreation(a, b),
            _ => byCreation,
        };
        matching.Sort((query.SortOrder ?? defaultSortOrder) == "Ascending" ? order : (a, b) => order(b, a));

        var maxResults = query.MaxResults ?? 10;
        var page = matching.Skip(start).Take(maxResults).Select(i => i.Summary).ToList();
        var next = start + page.Count;
        return (page, next < matching.Count ? next.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Where a page starts: 0 without a token; a token this service did not give is a ValidationException.</summary>
    public static int Offset(string? nextToken)
    {
        var start = 0;
        if (nextToken is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
            throw new ValidationException("Invalid pagination token: the NextToken is not one this service gave.");
        return start;
    }

    private static void Validate(ListQuery query, string[] sortBys, IReadOnlyCollection<string>? statuses)
    {
        var problems = new List<string>();
        if (query.MaxResults is < 1 or > 100)
            problems.Add($"Value '{query.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value {(query.MaxResults < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
        if (query.NameContains is { } name && (name.Length > 63 || !NameContainsPattern().IsMatch(name)))
            problems.Add($"Value '{name}' at 'nameContains' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9\\-]+ and have length less than or equal to 63");
        if (query.StatusEquals is { } status && statuses is not null && !statuses.Contains(status))
            problems.Add($"Value '{status}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", statuses)}]");
        if (query.SortBy is { } sortBy && !sortBys.Contains(sortBy))
            problems.Add($"Value '{sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", sortBys)}]");
        if (query.SortOrder is { } sortOrder && !SortOrders.Contains(sortOrder))
            problems.Add($"Value '{sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", SortOrders)}]");
        ConstraintProblems.ThrowIfAny(problems);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9\-]+$")]
    private static partial Regex NameContainsPattern();
}
