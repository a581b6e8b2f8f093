using System.Collections.Concurrent;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.LocalSageMaker.Tests.Server.Doubles;

/// <summary>Answers each operation as its test scripts it and records every request it receives, in order.</summary>
public sealed class ScriptedTrainingJobApi : ITrainingJobApi
{
    public Func<CreateTrainingJobRequest, CreateTrainingJobResponse> OnCreate { get; set; } = _ => throw NotScripted("CreateTrainingJob");
    public Func<DescribeTrainingJobRequest, DescribeTrainingJobResponse> OnDescribe { get; set; } = _ => throw NotScripted("DescribeTrainingJob");
    public Action<StopTrainingJobRequest> OnStop { get; set; } = _ => throw NotScripted("StopTrainingJob");
    public Func<ListTrainingJobsRequest, ListTrainingJobsResponse> OnList { get; set; } = _ => throw NotScripted("ListTrainingJobs");

    public ConcurrentQueue<object> Requests { get; } = new();

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

    private Task<TResponse> Answer<TRequest, TResponse>(TRequest request, Func<TRequest, TResponse> script)
        where TRequest : notnull
    {
        Requests.Enqueue(request);
        return Task.FromResult(script(request));
    }

    private static InvalidOperationException NotScripted(string operation) => new($"The test did not script {operation}.");
}
