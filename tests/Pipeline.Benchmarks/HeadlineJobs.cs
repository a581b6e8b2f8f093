using System.Diagnostics;
using System.Globalization;
using Pipeline.Aws.SageMaker;
using Pipeline.Contracts;

namespace Pipeline.Benchmarks;

/// <summary>A headline job's figures: its log span, TrainingTimeInSeconds, billable seconds and final validation metric.</summary>
internal sealed record HeadlineJobFigures(double SpanSeconds, int? TrainingTimeInSeconds, int? BillableTimeInSeconds, double ValidationMetric);

/// <summary>
/// What both headline benchmarks do with their two jobs: create them at once, train channel FullyReplicated and
/// ShardedByS3Key, measure each once it has ended, and print their figures side by side.
/// </summary>
internal static class HeadlineJobs
{
    /// <param name="namePrefix">The jobs are &lt;prefix&gt;-replicated-&lt;HHmmss&gt; and &lt;prefix&gt;-sharded-&lt;HHmmss&gt;.</param>
    /// <param name="request">The CreateTrainingJob request for a job name and the train channel's distribution.</param>
    /// <param name="measure">The figures of a job, by name, once it has ended.</param>
    public static async Task<(HeadlineJobFigures Replicated, HeadlineJobFigures Sharded)> RunBothAsync(BenchmarkSageMaker sageMaker, string namePrefix,
        Func<string, string, CreateTrainingJobRequest> request, Func<string, Task<HeadlineJobFigures>> measure)
    {
        var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var replicatedName = $"{namePrefix}-replicated-{stamp}";
        var shardedName = $"{namePrefix}-sharded-{stamp}";
        var clock = Stopwatch.StartNew();
        // Both at once, as the notebook starts them; LocalSageMaker runs them as its capacity allows.
        await sageMaker.Jobs.CreateTrainingJobAsync(request(replicatedName, DistributionTypes.FullyReplicated), CancellationToken.None);
        await sageMaker.Jobs.CreateTrainingJobAsync(request(shardedName, DistributionTypes.ShardedByS3Key), CancellationToken.None);
        var replicated = await measure(replicatedName);
        var sharded = await measure(shardedName);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Both jobs ended {clock.Elapsed.TotalSeconds:N1} s after their creation."));
        Console.WriteLine();
        return (replicated, sharded);
    }

    /// <summary>Prints the figures as a table with a last column <paramref name="metric"/> of <paramref name="metricWidth"/> characters, then an empty line.</summary>
    /// <returns>The ratio of the log spans, sharded/replicated.</returns>
    public static double Print(string metric, int metricWidth, HeadlineJobFigures replicated, HeadlineJobFigures sharded)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-16}{"log span s",12}{"TrainingTime s",16}{"Billable s",12}{metric.PadLeft(metricWidth)}"));
        foreach (var (label, job) in new[] { ("FullyReplicated", replicated), ("ShardedByS3Key", sharded) })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-16}{job.SpanSeconds,12:N2}{job.TrainingTimeInSeconds,16}{job.BillableTimeInSeconds,12}{job.ValidationMetric.ToString("G6", CultureInfo.InvariantCulture).PadLeft(metricWidth)}"));
        Console.WriteLine();
        return sharded.SpanSeconds / replicated.SpanSeconds;
    }
}
