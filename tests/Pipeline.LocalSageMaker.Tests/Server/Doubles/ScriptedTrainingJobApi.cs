using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.LocalSageMaker.Tests.Server.Doubles;

/// <summary>ITrainingJobApi as its test scripts it (see <see cref="ScriptedApi"/>).</summary>
public sealed class ScriptedTrainingJobApi : ScriptedApi, ITrainingJobApi
{
    public Func<CreateTrainingJobRequest, CreateTrainingJobResponse> OnCreate { get; set; } = _ => throw NotScripted("CreateTrainingJob");
    public Func<DescribeTrainingJobRequest, DescribeTrainingJobResponse> OnDescribe { get; set; } = _ => throw NotScripted("DescribeTrainingJob");
    public Action<StopTrainingJobRequest> OnStop { get; set; } = _ => throw NotScripted("StopTrainingJob");
    public Func<ListTrainingJobsRequest, ListTrainingJobsResponse> OnList { get; set; } = _ => throw NotScripted("ListTrainingJobs");

    public Task<CreateTrainingJobResponse> CreateTrainingJobAsync(CreateTrainingJobRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnCreate);

    public Task<DescribeTrainingJobResponse> DescribeTrainingJobAsync(DescribeTrainingJobRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnDescribe);

    public Task StopTrainingJobAsync(StopTrainingJobRequest request, CancellationToken cancellationToken) =>
        Answer(request, r =>
        {
            OnStop(r);
            return true;
        });

    public Task<ListTrainingJobsResponse> ListTrainingJobsAsync(ListTrainingJobsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnList);
}
