using System.CommandLine;
using Amazon.Runtime;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Cli.Checks;
using Pipeline.Cli.Distributed;
using Pipeline.Cli.Hosting;
using Pipeline.Cli.Output;
using Pipeline.Cli.Progress;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>
/// `pipeline chaos`: the distributed system of `pipeline up`, experiments one after another, and in each a service
/// process killed with SIGKILL at a random moment and restarted; then what survived is checked.
/// </summary>
internal sealed class ChaosCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _clock;

    private readonly Option<int> _runs = new("--runs") { Description = "Experiments to run, one service killed in each.", DefaultValueFactory = _ => 6 };

    private readonly Option<long> _rowsPerYear = new("--rows-per-year") { Description = "Rows per generated year.", DefaultValueFactory = _ => 5000 };

    private readonly Option<int?> _seed = new("--seed") { Description = "Seed of the random choices (which service, when), to replay a tally." };

    private readonly Option<string> _folder = new("--folder")
    {
        Description = "Where the processes' logs go.",
        DefaultValueFactory = _ => Path.Combine("runs", "chaos"),
    };

    public ChaosCommand(IAnsiConsole console, TimeProvider clock)
        : base("chaos", "Starts the distributed system (as `pipeline up`), runs experiments one after another and in each kills "
            + "a service process (SIGKILL) at a random moment and restarts it; checks every experiment completed, nothing is "
            + "left on LocalSageMaker, no training job was created twice and every message was consumed or sits in an _error queue.")
    {
        _console = console;
        _clock = clock;
        Options.Add(_runs);
        Options.Add(_rowsPerYear);
        Options.Add(_seed);
        Options.Add(_folder);
        SetAction((parseResult, stop) => ChaosAsync(parseResult, stop));
    }

    private async Task<int> ChaosAsync(ParseResult parseResult, CancellationToken stop)
    {
        var runs = parseResult.GetValue(_runs);
        var rows = parseResult.GetValue(_rowsPerYear);
        if (runs is < 1 or > 1000 || rows is < 1000 or > 10_000_000)
        {
            _console.WriteUnwrapped("chaos: --runs must be 1-1000 and --rows-per-year 1000-10000000.");
            return ExitCodes.InvalidSpec;
        }

        var folder = parseResult.GetValue(_folder)!;
        if (WritableFolder.Problem(folder) is { } unwritable)
        {
            _console.WriteUnwrapped($"Cannot start: the folder {unwritable}");
            return ExitCodes.InvalidConfiguration;
        }

        var seed = parseResult.GetValue(_seed) ?? Random.Shared.Next();
        var random = new Random(seed);
        var defaults = DefaultSpec.Create();
        var spec = defaults with { Data = defaults.Data with { RowsPerYear = rows } };
        _console.WriteUnwrapped($"chaos: {runs} runs, {rows:N0} rows a year, seed {seed}");

        var (topology, cannotStart) = await ProcessTopology.StartOnConsoleAsync(folder, _console, stop);
        if (topology is null)
            return cannotStart;

        await using (topology)
        {
            var builder = EmbeddedHost.CreatePublisherBuilder($"{ExperimentEventObserverDefinition.DefaultQueue}-chaos-{Guid.NewGuid():N}",
                topology.PublisherSettings);
            builder.Services.AddSingleton(topology.Credentials);
            using var host = builder.Build();
            await host.StartAsync(stop);
            try
            {
                var run = new ExperimentRun(host.Services.GetRequiredService<IBus>(), host.Services.GetRequiredService<ExperimentEvents>(), new QuietProgressView(), _clock);
                var drill = new CrashDrill(topology, run, random, _clock);
                // Every kind killed once before any is killed twice, in a random order each round.
                var victims = Enumerable.Range(0, (runs + ProcessTopology.Services.Count - 1) / ProcessTopology.Services.Count)
                    .SelectMany(_ => ProcessTopology.Services.OrderBy(_ => random.Next()))
                    .ToList();
                var results = new List<CrashDrillRun>();
                for (var i = 0; i < runs && !stop.IsCancellationRequested; i++)
                {
                    var started = _clock.GetTimestamp();
                    var result = await drill.RunAsync(victims[i], spec, KillWithin(rows), stop);
                    results.Add(result);
                    _console.WriteUnwrapped($"run {i + 1}/{runs}: killed {result.Killed} at {result.KilledAt.TotalSeconds:0.0} s"
                        + $"{(result.DuringExperiment ? "" : " (after the experiment had ended)")}; {result.Outcome} "
                        + $"in {_clock.GetElapsedTime(started).TotalSeconds:0} s; endpoints left {result.EndpointsLeft}, duplicate training jobs {result.DuplicateTrainingJobs}");
                }

                var (unconsumed, delayed, inError) = await topology.QueueTallyAsync(TimeSpan.FromMinutes(1), stop);
                var completed = results.Count(r => r.Completed);
                var endpointsLeft = results.Sum(r => r.EndpointsLeft);
                var duplicates = results.Sum(r => r.DuplicateTrainingJobs);
                if (delayed > 0)
                    _console.WriteUnwrapped($"chaos: {delayed} message(s) wait on a delay (stage timeouts of finished experiments, ignored when they arrive)");
                if (unconsumed > 0)
                    _console.WriteUnwrapped($"chaos: {unconsumed} message(s) neither consumed nor in an _error queue after a minute of quiet");
                _console.WriteUnwrapped($"chaos: {results.Count(r => r.DuringExperiment)} of {results.Count} kills came while the experiment ran");
                _console.WriteUnwrapped($"chaos: {completed} of {runs} completed, endpoints left {endpointsLeft}, duplicate training jobs {duplicates}, in _error {inError}");
                return completed == runs && endpointsLeft == 0 && duplicates == 0 && unconsumed == 0 ? ExitCodes.Completed : ExitCodes.Failed;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Kills land while the experiment is under way: within the time a run of this size takes here.</summary>
    private static TimeSpan KillWithin(long rowsPerYear) => TimeSpan.FromSeconds(Math.Clamp(10 + rowsPerYear / 20_000, 10, 120));

    private sealed class QuietProgressView : IProgressView
    {
        public Task FollowAsync(ExperimentProgress progress, Func<Action<string?>, Task> follow) => follow(_ => { });
    }
}
