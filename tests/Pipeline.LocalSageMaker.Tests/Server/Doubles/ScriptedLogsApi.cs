using System.Collections.Concurrent;
using Pipeline.Aws.Logs;
using Pipeline.LocalSageMaker.Api;

namespace Pipeline.LocalSageMaker.Tests.Server.Doubles;

/// <summary>Answers each operation as its test scripts it and records every request it receives, in order.</summary>
public sealed class ScriptedLogsApi : ILogsApi
{
    public Func<DescribeLogStreamsRequest, DescribeLogStreamsResponse> OnDescribeLogStreams { get; set; } = _ => throw NotScripted("DescribeLogStreams");
    public Func<GetLogEventsRequest, GetLogEventsResponse> OnGetLogEvents { get; set; } = _ => throw NotScripted("GetLogEvents");
    public Func<FilterLogEventsRequest, FilterLogEventsResponse> OnFilterLogEvents { get; set; } = _ => throw NotScripted("FilterLogEvents");

    public ConcurrentQueue<object> Requests { get; } = new();

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnDescribeLogStreams);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnGetLogEvents);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken) =>
        Answer(request, OnFilterLogEvents);

    private Task<TResponse> Answer<TRequest, TResponse>(TRequest request, Func<TRequest, TResponse> script)
        where TRequest : notnull
    {
        Requests.Enqueue(request);
        return Task.FromResult(script(request));
    }

    private static InvalidOperationException NotScripted(string operation) => new($"The test did not script {operation}.");
}
