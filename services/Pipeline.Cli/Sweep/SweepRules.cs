using System.Globalization;
using Pipeline.Contracts;

namespace Pipeline.Cli.Sweep;

/// <summary>A SageMaker hosting resource the pipeline created, as the sweeper found it.</summary>
/// <param name="Kind">endpoint, endpoint config or model: the order they are deleted in.</param>
public sealed record Leftover(LeftoverKind Kind, string Name, DateTimeOffset CreationTime, IReadOnlyDictionary<string, string> Tags, string? Status = null)
{
    public Guid? ExperimentId => Tags.TryGetValue(PipelineTags.ExperimentId, out var id) && Guid.TryParse(id, out var guid) ? guid : null;
}

public enum LeftoverKind
{
    Endpoint,
    EndpointConfig,
    Model,
}

/// <param name="OlderThan">Anything older goes, whatever its experiment's status.</param>
/// <param name="UnknownAfter">A resource of an experiment nobody knows goes once it is this old (a run in another process may own it).</param>
public sealed record SweepLimits(TimeSpan OlderThan, TimeSpan UnknownAfter);

public sealed record SweepDecision(bool Sweep, string Reason);

/// <summary>Which leftovers go: those of finished or unknown experiments, and anything older than the limit.</summary>
public static class SweepRules
{
    /// <summary>Only what carries the pipeline's own tag is ever considered.</summary>
    public static bool IsOurs(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(PipelineTags.Pipeline, out var system) && system == PipelineTags.System;

    public static SweepDecision Decide(Leftover leftover, ExperimentStatus status, DateTimeOffset now, SweepLimits limits)
    {
        ArgumentNullException.ThrowIfNull(leftover);
        ArgumentNullException.ThrowIfNull(limits);
        var age = now - leftover.CreationTime;
        if (leftover.Status == "Deleting")
            return new(false, "already being deleted");
        if (age >= limits.OlderThan)
            return new(true, $"older than {Age(limits.OlderThan)} ({Age(age)})");
        return status switch
        {
            ExperimentStatus.Finished => new(true, "its experiment has finished"),
            ExperimentStatus.Running => new(false, "its experiment is still running"),
            _ when age >= limits.UnknownAfter => new(true, $"its experiment is unknown and it is {Age(age)} old"),
            _ => new(false, $"its experiment is unknown, but it is only {Age(age)} old (under {Age(limits.UnknownAfter)})"),
        };
    }

    private static string Age(TimeSpan age) => age.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.#} d")
        : age.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0.#} h")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalMinutes):0} min");
}
