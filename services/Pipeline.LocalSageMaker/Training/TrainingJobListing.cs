using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Jobs;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// ListTrainingJobs over a snapshot of the jobs: filters (name contains, status, creation and last-modified time,
/// all bounds exclusive), order (SortBy Name | CreationTime | Status, default CreationTime; SortOrder default
/// Ascending) and pages of MaxResults (1-100, default 10). NextToken is the offset of the next page in that order.
/// </summary>
public static partial class TrainingJobListing
{
    private static readonly string[] SortBys = ["Name", "CreationTime", "Status"];
    private static readonly string[] SortOrders = ["Ascending", "Descending"];

    public static ListTrainingJobsResponse List(IEnumerable<TrainingJob> jobs, ListTrainingJobsRequest request)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var maxResults = request.MaxResults ?? 10;
        var start = 0;
        if (request.NextToken is { } token && (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
            throw new ValidationException("Invalid pagination token: the NextToken is not one this service gave.");

        var summaries = jobs.Select(j => j.Summary())
            .Where(s => request.NameContains is null || s.TrainingJobName!.Contains(request.NameContains, StringComparison.OrdinalIgnoreCase))
            .Where(s => request.StatusEquals is null || s.TrainingJobStatus == request.StatusEquals)
            .Where(s => request.CreationTimeAfter is null || s.CreationTime > request.CreationTimeAfter)
            .Where(s => request.CreationTimeBefore is null || s.CreationTime < request.CreationTimeBefore)
            .Where(s => request.LastModifiedTimeAfter is null || s.LastModifiedTime > request.LastModifiedTimeAfter)
            .Where(s => request.LastModifiedTimeBefore is null || s.LastModifiedTime < request.LastModifiedTimeBefore)
            .ToList();

        Comparison<TrainingJobSummary> byName = (a, b) => string.CompareOrdinal(a.TrainingJobName, b.TrainingJobName);
        Comparison<TrainingJobSummary> byCreation = (a, b) => Nullable.Compare(a.CreationTime, b.CreationTime) is var c and not 0 ? c : byName(a, b);
        Comparison<TrainingJobSummary> order = request.SortBy switch
        {
            "Name" => byName,
            "Status" => (a, b) => string.CompareOrdinal(a.TrainingJobStatus, b.TrainingJobStatus) is var c and not 0 ? c : byCreation(a, b),
            _ => byCreation,
        };
        summaries.Sort(request.SortOrder == "Descending" ? (a, b) => order(b, a) : order);

        var page = summaries.Skip(start).Take(maxResults).ToList();
        var next = start + page.Count;
        return new ListTrainingJobsResponse
        {
            TrainingJobSummaries = page,
            NextToken = next < summaries.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static void Validate(ListTrainingJobsRequest request)
    {
        var problems = new List<string>();
        if (request.MaxResults is < 1 or > 100)
            problems.Add($"Value '{request.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value {(request.MaxResults < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
        if (request.NameContains is { } name && (name.Length > 63 || !NameContainsPattern().IsMatch(name)))
            problems.Add($"Value '{name}' at 'nameContains' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9\\-]+ and have length less than or equal to 63");
        if (request.StatusEquals is { } status && !JobStatus.All.Contains(status))
            problems.Add($"Value '{status}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", JobStatus.All)}]");
        if (request.SortBy is { } sortBy && !SortBys.Contains(sortBy))
            problems.Add($"Value '{sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", SortBys)}]");
        if (request.SortOrder is { } sortOrder && !SortOrders.Contains(sortOrder))
            problems.Add($"Value '{sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", SortOrders)}]");
        if (problems.Count > 0)
            throw new ValidationException(CreateTrainingJobValidation.Message(problems));
    }

    [GeneratedRegex(@"^[a-zA-Z0-9\-]+$")]
    private static partial Regex NameContainsPattern();
}
