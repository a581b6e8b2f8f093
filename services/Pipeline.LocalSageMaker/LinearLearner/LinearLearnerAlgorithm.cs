using System.Runtime.CompilerServices;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Training;

[assembly: InternalsVisibleTo("Pipeline.LocalSageMaker.Tests")]

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// The built-in linear learner (README.md beside this file): validates the hyperparameters once, then runs one
/// <see cref="HostTrainer"/> per host concurrently, synchronised through a <see cref="ClusterExchange"/>. The first host
/// to fail cancels the others, and its <see cref="AlgorithmErrorException"/> is the job's failure.
/// </summary>
public sealed class LinearLearnerAlgorithm(LinearLearnerOptions? options = null, TimeProvider? time = null) : ITrainingAlgorithm
{
    private readonly LinearLearnerOptions _options = options ?? new LinearLearnerOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IReadOnlyList<MetricDefinition> MetricDefinitions => LinearLearnerMetricDefinitions.All;

    public async Task TrainAsync(TrainingCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var hyperparameters = LinearLearnerHyperparameters.Parse(cluster.HyperParameters);
        if (!cluster.Channels.Any(c => c.Name == "train"))
            throw new AlgorithmErrorException("Linear learner needs a channel named train (and optionally validation).");
        if (cluster.Hosts.Count == 0)
            throw new AlgorithmErrorException("Linear learner needs at least one host.");

        var grid = ModelGrid.Build(hyperparameters);
        var exchange = new ClusterExchange(cluster.Hosts.Count);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hosts = new Task[cluster.Hosts.Count];
        for (var i = 0; i < hosts.Length; i++)
        {
            var trainer = new HostTrainer(cluster, i, hyperparameters, grid, exchange, _options, _time);
            var host = cluster.Hosts[i].Name;
            hosts[i] = Task.Run(async () =>
            {
                using var span = LocalSageMakerTelemetry.Source.StartActivity("train host");
                span?.SetTag("pipeline.training_job", cluster.JobName);
                span?.SetTag("pipeline.host", host);
                try
                {
                    await trainer.RunAsync(failed.Token);
                }
                catch (Exception e)
                {
                    span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
                    await failed.CancelAsync();
                    throw;
                }
            }, CancellationToken.None);
        }

        try
        {
            await Task.WhenAll(hosts);
        }
        catch
        {
            cancellationToken.ThrowIfCancellationRequested();
            var errors = hosts.Where(h => h.IsFaulted).SelectMany(h => h.Exception!.InnerExceptions).ToList();
            if (errors.OfType<AlgorithmErrorException>().FirstOrDefault() is { } failure)
                throw failure;
            if (errors.FirstOrDefault(e => e is not OperationCanceledException) is { } unexpected)
                throw new AlgorithmErrorException($"Linear learner failed: {unexpected.Message}", unexpected);
            throw;
        }
    }
}
