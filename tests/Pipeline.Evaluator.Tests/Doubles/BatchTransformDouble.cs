using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Pipeline.Aws;
using Pipeline.Storage;

namespace Pipeline.Evaluator.Tests.Doubles;

/// <summary>
/// Batch transform over an object store: a started job reads its input CSV, scores each line with
/// <c>model</c> and writes <c>{"score":x}</c> lines to <c>&lt;OutputPath&gt;/&lt;input name&gt;.out</c>, then
/// reports Completed after <see cref="DescribesInProgress"/> InProgress answers; or Failed with <see cref="FailWith"/>.
/// </summary>
public sealed class BatchTransformDouble(IObjectStore store, Func<IReadOnlyList<double>, double> model) : IBatchTransform
{
    private readonly ConcurrentDictionary<string, int> _describes = new(StringComparer.Ordinal);

    public List<BatchTransformJob> Started { get; } = [];

    public int DescribesInProgress { get; init; } = 2;

    public string? FailWith { get; init; }

    public int Describes => _describes.Values.Sum();

    public async Task StartAsync(BatchTransformJob job, CancellationToken cancellationToken)
    {
        lock (Started)
        {
            if (Started.Any(j => j.JobName == job.JobName))
                throw new ResourceInUseException("Job name must be unique within an AWS account and region.");
            Started.Add(job);
        }

        if (FailWith is not null)
            return;
        await using var input = await store.OpenReadAsync(job.InputUri, cancellationToken);
        using var reader = new StreamReader(input);
        var output = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
                continue;
            var x = line.Split(',').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            output.Append(CultureInfo.InvariantCulture, $"{{\"score\":{(float)model(x)}}}\n");
        }

        var name = job.InputUri[(job.InputUri.LastIndexOf('/') + 1)..];
        await store.WriteAsync($"{job.OutputPath.TrimEnd('/')}/{name}.out",
            (stream, ct) => stream.WriteAsync(Encoding.UTF8.GetBytes(output.ToString()), ct).AsTask(), cancellationToken);
    }

    public Task<BatchTransformState> DescribeAsync(string jobName, CancellationToken cancellationToken)
    {
        var count = _describes.AddOrUpdate(jobName, 1, (_, n) => n + 1);
        if (count <= DescribesInProgress)
            return Task.FromResult(new BatchTransformState(BatchTransformState.InProgress));
        return Task.FromResult(FailWith is null
            ? new BatchTransformState(BatchTransformState.Completed)
            : new BatchTransformState(BatchTransformState.Failed, FailWith));
    }

    public Task StopAsync(string jobName, CancellationToken cancellationToken) => Task.CompletedTask;
}
