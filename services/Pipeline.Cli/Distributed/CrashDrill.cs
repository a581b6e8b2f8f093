using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Cli.Progress;
using Pipeline.Contracts;

namespace Pipeline.Cli.Distributed;

/// <summary>What one chaos run found.</summary>
/// <param name="DuringExperiment">Whether the kill came before the experiment ended (a fast run can end first).</param>
/// <param name="DuplicateTrainingJobs">
/// Training jobs beyond one per variant. Job names are fixed per experiment and variant and SageMaker refuses a second
/// create of a name, so this catches a job created under another name, not a create that was retried.
/// </param>
public sealed record CrashDrillRun(string Killed, TimeSpan KilledAt, bool DuringExperiment, bool Completed, string Outcome, int EndpointsLeft,
    int DuplicateTrainingJobs);

/// <summary>
/// One chaos run: starts an experiment on the running system, kills a service process with SIGKILL at a random moment,
/// restarts it, follows the experiment to its end and checks what it left on LocalSageMaker.
/// </summary>
public sealed class CrashDrill(ProcessTopology topology, ExperimentRun run, Random random, TimeProvider clock)
{
    public async Task<CrashDrillRun> RunAsync(string victim, ExperimentSpec spec, TimeSpan killWithin, CancellationToken cancellationToken)
    {
        var experimentId = Guid.NewGuid();
        var started = clock.GetTimestamp();
        var following = run.RunAsync(experimentId, spec, cancellationToken);

        var killAt = TimeSpan.FromMilliseconds(random.Next(500, (int)killWithin.TotalMilliseconds));
        await Task.WhenAny(following, Task.Delay(killAt, cancellationToken));
        var killedAt = clock.GetElapsedTime(started);
        var duringExperiment = !following.IsCompleted;
        await topology.KillAndRestartAsync(victim, cancellationToken);

        var progress = await following;
        var completed = progress.Outcome is ExperimentCompleted;
        var outcome = progress.Outcome switch
        {
            ExperimentCompleted => "completed",
            ExperimentFailed f => $"failed in {f.Stage}: {f.Reason}",
            ExperimentCancelled c => $"cancelled: {c.Reason}",
            ExperimentRejected r => $"rejected: {string.Join("; ", r.Problems)}",
            _ => "no outcome",
        };

        var sageMaker = topology.SageMaker();
        var endpointsLeft = 0;
        foreach (var variant in spec.Variants)
        {
            var names = ResourceNames.For(experimentId, variant.Name);
            endpointsLeft += await ExistsAsync(() => sageMaker.DescribeEndpointAsync(new() { EndpointName = names.Endpoint }, cancellationToken))
                + await ExistsAsync(() => sageMaker.DescribeEndpointConfigAsync(new() { EndpointConfigName = names.EndpointConfig }, cancellationToken))
                + await ExistsAsync(() => sageMaker.DescribeModelAsync(new() { ModelName = names.Model }, cancellationToken));
        }

        var jobs = await sageMaker.ListTrainingJobsAsync(new() { NameContains = experimentId.ToString("N"), MaxResults = 100 }, cancellationToken);
        var duplicates = Math.Max(0, (jobs.TrainingJobSummaries?.Count ?? 0) - spec.Variants.Count);
        return new CrashDrillRun(victim, killedAt, duringExperiment, completed, outcome, endpointsLeft, duplicates);
    }

    private static async Task<int> ExistsAsync(Func<Task> describe)
    {
        try
        {
            await describe();
            return 1;
        }
        catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
        {
            return 0;
        }
    }
}
