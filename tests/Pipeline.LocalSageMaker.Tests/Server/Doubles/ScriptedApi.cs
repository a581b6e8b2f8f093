using System.Collections.Concurrent;

namespace Pipeline.LocalSageMaker.Tests.Server.Doubles;

/// <summary>What every scripted API double does: records each request it receives, in order, and answers it as its test scripted.</summary>
public abstract class ScriptedApi
{
    public ConcurrentQueue<object> Requests { get; } = new();

    protected Task<TResponse> Answer<TRequest, TResponse>(TRequest request, Func<TRequest, TResponse> script)
        where TRequest : notnull
    {
        Requests.Enqueue(request);
        return Task.FromResult(script(request));
    }

    protected static InvalidOperationException NotScripted(string operation) => new($"The test did not script {operation}.");
}
