using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Logs;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// Runs one training job from Starting to its end: waits for capacity (<see cref="LocalSageMakerOptions.MaxConcurrentTrainingJobs"/>),
/// lays out the hosts (folders, config files), downloads the channels, opens each host's log stream and runs the
/// algorithm on every host, packs and uploads the model, and records each step on the job. The job's
/// MaxRuntimeInSeconds counts from the start of Downloading (TrainingStartTime), so waiting for capacity does not count.
/// A stopped job still gets whatever its hosts saved in their model folders uploaded, as SageMaker does, except when
/// LocalSageMaker shuts down. A host's log stream starts when the algorithm starts, as a training container's does in
/// File mode (the data is downloaded before the container starts); it gets the engine's own lines (marked
/// [LocalSageMaker]) from then to the job's end, and what happened before is in the job's SecondaryStatusTransitions.
/// The job's folders are removed (unless kept by the options) before its end is recorded: once a job reads Completed,
/// Failed or Stopped, nothing of it is left running.
/// </summary>
public sealed partial class TrainingJobRunner(
    IObjectStore store,
    LogStore logs,
    TimeProvider time,
    IOptions<LocalSageMakerOptions> options,
    WorkFolders workFolders,
    ILogger<TrainingJobRunner> logger)
{
    /// <summary>SageMaker keeps the first 1024 characters of a failure reason.</summary>
    public const int MaxFailureReasonChars = 1024;

    private readonly LocalSageMakerOptions _options = options.Value;
    private readonly TrainingCapacity _capacity = new(options.Value.MaxConcurrentTrainingJobs);

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task RunAsync(TrainingJob job, ITrainingAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(algorithm);
        var jobFolder = workFolders.PathOf(_options.ResolvedWorkRoot, $"{job.Name}-{Guid.NewGuid().ToString("N")[..8]}");
        List<TrainingHost> hosts = [];
        List<HostLogStream> streams = [];
        var holdsCapacity = false;
        using var span = LocalSageMakerTelemetry.Source.StartActivity("training job");
        span?.SetTag("pipeline.training_job", job.Name);
        span?.SetTag("pipeline.instances", job.InstanceCount);
        try
        {
            var halted = job.Halted;
            await TakeCapacityAsync(job, halted).ConfigureAwait(false);
            holdsCapacity = true;
            hosts = StartHosts(job, jobFolder, streams);
            halted.ThrowIfCancellationRequested();

            job.Enter(SecondaryStatus.Downloading, "Downloading input data", Now);
            using var maxRuntime = new CancellationTokenSource(job.MaxRuntime, time);
            using var onMaxRuntime = maxRuntime.Token.Register(() => job.Halt(HaltCause.MaxRuntimeExceeded, Now));
            var (channels, downloaded) = await DownloadAsync(job, hosts, halted).ConfigureAwait(false);

            job.Enter(SecondaryStatus.Training, "Training image download completed. Training in progress.", Now);
            OpenStreams(job, streams, downloaded);
            var cluster = new TrainingCluster(
                job.Name, job.Arn, job.Request.AlgorithmSpecification!.TrainingImage!, job.Request.HyperParameters!, channels, hosts);
            await algorithm.TrainAsync(cluster, halted).ConfigureAwait(false);
            halted.ThrowIfCancellationRequested();
            if (FailureFileText(hosts) is { } failure)
                throw new AlgorithmErrorException(failure);
            Say(streams, "Training finished.");

            job.Enter(SecondaryStatus.Uploading, "Uploading generated training model", Now);
            var model = await UploadAsync(job, hosts, halted).ConfigureAwait(false);
            Say(streams, $"Training job completed; model uploaded to {model}.");
            RemoveFolder(jobFolder);
            job.Complete(model, Now);
            if (job.TrainingTimeInSeconds is { } seconds)
                LocalSageMakerTelemetry.TrainingSeconds.Record(seconds, new KeyValuePair<string, object?>("pipeline.instances", job.InstanceCount));
        }
        catch (Exception) when (job.HaltCause != HaltCause.None)
        {
            await EndHaltedAsync(job, hosts, streams, jobFolder).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AlgorithmErrorException or ClientErrorException)
        {
            Fail(job, streams, e.Message, jobFolder);
        }
        catch (Exception e)
        {
            LogUnexpectedFailure(logger, e, job.Name);
            Fail(job, streams, $"InternalServerError: {e.Message}", jobFolder);
        }
        finally
        {
            RemoveFolder(jobFolder); // when ending the job itself failed
            if (holdsCapacity)
                _capacity.Release();
        }
    }

    /// <summary>Takes one of the engine's job slots, waiting in Starting (and saying so) while every slot is taken.</summary>
    private async Task TakeCapacityAsync(TrainingJob job, CancellationToken halted)
    {
        if (_capacity.TryTake())
            return;
        var slots = _options.MaxConcurrentTrainingJobs;
        job.Note($"Launching requested ML instances: waiting for capacity (LocalSageMaker runs {slots} training job{(slots == 1 ? "" : "s")} at a time, "
            + "since the simulated instances share this machine's cores)", Now);
        await _capacity.TakeAsync(halted).ConfigureAwait(false);
        job.Note("Preparing the instances for training (after waiting for capacity)", Now);
    }

    private List<TrainingHost> StartHosts(TrainingJob job, string jobFolder, List<HostLogStream> streams)
    {
        var hosts = new List<TrainingHost>(job.InstanceCount);
        for (var n = 1; n <= job.InstanceCount; n++)
        {
            var name = $"algo-{n}";
            var folders = new HostFolders(Path.Combine(jobFolder, name));
            foreach (var folder in new[] { folders.InputConfig, folders.InputData, folders.Model, Path.Combine(folders.Output, "data") })
                Directory.CreateDirectory(folder);
            var log = new HostLogStream(logs, job.Name, name, job.Metrics);
            streams.Add(log);
            hosts.Add(new TrainingHost(name, folders, log));
        }

        return hosts;
    }

    /// <summary>Opens every host's stream as the algorithm starts, first saying what the host was given.</summary>
    private void OpenStreams(TrainingJob job, List<HostLogStream> streams, List<string>[] downloaded)
    {
        var now = Now;
        for (var h = 0; h < streams.Count; h++)
        {
            streams[h].Open(now);
            streams[h].Write($"[LocalSageMaker] Host algo-{h + 1} of {streams.Count} started training job {job.Name}.");
            foreach (var line in downloaded[h])
                streams[h].Write(line);
            streams[h].Write("[LocalSageMaker] Training started.");
        }
    }

    /// <summary>Downloads every channel; also returns, per host, a line per channel saying what it got.</summary>
    private async Task<(List<ChannelInput> Channels, List<string>[] Downloaded)> DownloadAsync(
        TrainingJob job, List<TrainingHost> hosts, CancellationToken cancellationToken)
    {
        foreach (var host in hosts)
            await HostConfigFiles.WriteAsync(host, hosts, job.Request, cancellationToken).ConfigureAwait(false);

        var downloader = new ChannelDownloader(store, _options.DownloadConcurrency);
        var channels = new List<ChannelInput>();
        var downloaded = hosts.ConvertAll(_ => new List<string>()).ToArray();
        foreach (var channel in job.Request.InputDataConfig!)
        {
            var distribution = channel.DataSource!.S3DataSource!.S3DataDistributionType!;
            var shares = await downloader.DownloadAsync(channel, hosts, cancellationToken).ConfigureAwait(false);
            for (var h = 0; h < hosts.Count; h++)
                downloaded[h].Add($"[LocalSageMaker] Channel {channel.ChannelName} ({distribution}): {shares[h].Objects} objects, {shares[h].Bytes} bytes.");
            channels.Add(new ChannelInput(channel.ChannelName!, channel.ContentType, distribution, channel.CompressionType!, channel.RecordWrapperType!));
        }

        return (channels, downloaded);
    }

    private async Task<string> UploadAsync(TrainingJob job, List<TrainingHost> hosts, CancellationToken cancellationToken)
    {
        var uri = ModelArchive.UriFor(job.Request.OutputDataConfig!.S3OutputPath!, job.Name);
        try
        {
            await store.WriteAsync(uri, (stream, ct) => ModelArchive.WriteAsync(stream, hosts, ct), cancellationToken).ConfigureAwait(false);
            return uri;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or Amazon.Runtime.AmazonServiceException)
        {
            throw new ClientErrorException($"ClientError: Could not upload the model to {uri}: {e.Message}", e);
        }
    }

    private async Task EndHaltedAsync(TrainingJob job, List<TrainingHost> hosts, List<HostLogStream> streams, string jobFolder)
    {
        string? model = null;
        if (job.HaltCause != HaltCause.Shutdown && ModelArchive.AnyModel(hosts))
        {
            try
            {
                model = await UploadAsync(job, hosts, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ClientErrorException e)
            {
                Say(streams, $"The model saved before the stop could not be uploaded: {e.Message}");
            }
        }

        Say(streams, job.HaltCause == HaltCause.MaxRuntimeExceeded
            ? $"Training job stopped: it exceeded MaxRuntimeInSeconds ({job.MaxRuntime.TotalSeconds:0})."
            : "Training job stopped.");
        RemoveFolder(jobFolder);
        job.EndHalted(model, Now);
    }

    private void Fail(TrainingJob job, List<HostLogStream> streams, string reason, string jobFolder)
    {
        var kept = reason.Length > MaxFailureReasonChars ? reason[..MaxFailureReasonChars] : reason;
        Say(streams, $"Training job failed: {kept}");
        RemoveFolder(jobFolder);
        job.Fail(kept, Now);
    }

    /// <summary>The first host's output/failure text, for algorithms that return normally after writing one.</summary>
    private static string? FailureFileText(List<TrainingHost> hosts)
    {
        foreach (var host in hosts)
            if (File.Exists(host.Folders.FailureFile) && File.ReadAllText(host.Folders.FailureFile).Trim() is { Length: > 0 } text)
                return text;
        return null;
    }

    /// <summary>An engine line in every host's stream that has been opened (none before the algorithm starts).</summary>
    private static void Say(List<HostLogStream> streams, string line)
    {
        foreach (var stream in streams)
            stream.WriteIfOpen("[LocalSageMaker] " + line);
    }

    private void RemoveFolder(string jobFolder)
    {
        if (_options.KeepJobFolders || !Directory.Exists(jobFolder))
            return;
        try
        {
            Directory.Delete(jobFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogFolderNotRemoved(logger, e, jobFolder);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Training job {JobName} failed inside LocalSageMaker")]
    private static partial void LogUnexpectedFailure(ILogger logger, Exception exception, string jobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the job folder {Folder}")]
    private static partial void LogFolderNotRemoved(ILogger logger, Exception exception, string folder);
}
