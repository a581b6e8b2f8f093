using Pipeline.LocalSageMaker.Logs;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// A host's CloudWatch stream, which exists from the moment the algorithm starts on the host, as a training container's
/// does on SageMaker (File mode downloads the data before the container starts, so neither the instances' launch nor
/// the download is in the container's log). <see cref="Open"/> creates it, named <c>&lt;job&gt;/algo-&lt;n&gt;-&lt;epoch
/// seconds of the opening&gt;</c>; lines written before that are an error, lines the engine says before it are dropped
/// (<see cref="WriteIfOpen"/>). Each line the algorithm writes is also offered to the job's <see cref="TrainingMetrics"/>.
/// </summary>
internal sealed class HostLogStream(LogStore logs, string jobName, string hostName, TrainingMetrics metrics) : IHostLog
{
    private StoredLogStream? _stream;

    public void Open(DateTimeOffset now) =>
        _stream ??= logs.CreateStream(LogStore.TrainingJobsGroup, $"{jobName}/{hostName}-{now.ToUnixTimeSeconds()}");

    public void Write(string line)
    {
        var stream = _stream ?? throw new InvalidOperationException($"The log stream of {hostName} is opened when the algorithm starts.");
        metrics.Observe(hostName, line, stream.Append(line));
    }

    /// <summary>The engine's own lines: written once the stream exists, dropped before (the job's status messages say it).</summary>
    public void WriteIfOpen(string line) => _stream?.Write(line);
}
