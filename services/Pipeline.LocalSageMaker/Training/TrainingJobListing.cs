using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Jobs;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// ListTrainingJobs over a snapshot of the jobs (<see cref="ResourceListing"/>): SortBy Name | CreationTime | Status,
/// oldest first unless SortOrder says Descending, StatusEquals one of the job statuses.
/// </summary>
public static class TrainingJobListing
{
    private static readonly string[] SortBys = ["Name", "CreationTime", "Status"];

    public static ListTrainingJobsResponse List(IEnumerable<TrainingJob> jobs, ListTrainingJobsRequest request)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(request);
        var summaries = jobs.Select(j => j.Summary()).Select(s => new Listed<TrainingJobSummary>(
            s.TrainingJobName!, s.CreationTime!.Value, s, s.TrainingJobStatus, s.LastModifiedTime));
        var (page, next) = ResourceListing.List(summaries, new ListQuery(request.SortBy, request.SortOrder, request.NextToken,
                request.MaxResults, request.NameContains, request.CreationTimeBefore, request.CreationTimeAfter,
                request.LastModifiedTimeBefore, request.LastModifiedTimeAfter, request.StatusEquals),
            SortBys, JobStatus.All, defaultSortOrder: "Ascending");
        return new ListTrainingJobsResponse { TrainingJobSummaries = page, NextToken = next };
    }
}
