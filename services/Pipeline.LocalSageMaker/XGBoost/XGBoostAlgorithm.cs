using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// The built-in XGBoost algorithm, trained by real XGBoost 1.7 (Python) as SageMaker's container trains it in
/// distributed mode: one Rabit tracker per job (<see cref="RabitTrackerProcess"/>), one worker process per host
/// (xgboost_train.py, run as a bring-your-own program is, with the container contract's folders and environment)
/// reading its own channel files, the trees agreed through the collective. Hyperparameters and channels are checked
/// before any process starts. algo-1 saves <c>xgboost-model</c>.
/// </summary>
public sealed class XGBoostAlgorithm(XGBoostOptions options) : ITrainingAlgorithm
{
    private static readonly string ScriptsFolder = Path.Combine(AppContext.BaseDirectory, "XGBoost");
    private static readonly string[] ContentTypes = ["text/csv", "csv", "text/libsvm", "libsvm"];

    public IReadOnlyList<MetricDefinition> MetricDefinitions => XGBoostMetricDefinitions.All;

    public async Task TrainAsync(TrainingCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        XGBoostHyperparameters.Validate(cluster.HyperParameters);
        ValidateChannels(cluster.Channels);

        // As the container does, hosts whose train shard is empty (more hosts than objects) sit the training out.
        var workers = cluster.Hosts.Count(HasTrainData);
        if (!HasTrainData(cluster.Hosts[0]))
            throw new ClientErrorException($"ClientError: Channel train has no data on {cluster.Hosts[0].Name}: every object under its prefix is empty.");

        var tracker = await RabitTrackerProcess.StartAsync(
            options.Python, Path.Combine(ScriptsFolder, "xgboost_tracker.py"), workers, cancellationToken).ConfigureAwait(false);
        await using (tracker.ConfigureAwait(false))
        {
            var hosts = LocalCommandAlgorithm.Program(options.Python, [Path.Combine(ScriptsFolder, "xgboost_train.py")], tracker.WorkerEnvironment);
            await hosts.TrainAsync(cluster, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Any non-empty file in the host's train folder (xgboost_train.py decides by the same rule).</summary>
    private static bool HasTrainData(TrainingHost host)
    {
        var folder = new DirectoryInfo(host.Folders.Channel("train"));
        return folder.Exists && folder.EnumerateFiles("*", SearchOption.AllDirectories).Any(f =>
            f.Length > 0 && !Path.GetRelativePath(folder.FullName, f.FullName).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')));
    }

    /// <summary>The container's channels: train (required) and validation, CSV or LIBSVM (its default), File mode.</summary>
    private static void ValidateChannels(IReadOnlyList<ChannelInput> channels)
    {
        if (!channels.Any(c => c.Name == "train"))
            throw new ClientErrorException("ClientError: Missing required channel: train");
        foreach (var channel in channels)
        {
            if (channel.Name is not ("train" or "validation"))
                throw new ClientErrorException($"ClientError: Extraneous channel found: {channel.Name}");
            var contentType = channel.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "text/libsvm";
            if (!ContentTypes.Contains(contentType) || channel.CompressionType != "None" || channel.RecordWrapperType != "None")
                throw new ClientErrorException(
                    $"ClientError: Channel configuration for '{channel.Name}' channel is not supported: {{'ContentType': '{channel.ContentType ?? "text/libsvm"}', "
                    + $"'TrainingInputMode': 'File', 'S3DistributionType': '{channel.DistributionType}', 'CompressionType': '{channel.CompressionType}', "
                    + $"'RecordWrapperType': '{channel.RecordWrapperType}'}}");
        }
    }
}
