using System.CommandLine;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Cli.Checks;
using Pipeline.Cli.Hosting;
using Pipeline.Cli.Output;
using Pipeline.Cli.Output.Report;
using Pipeline.Cli.Progress;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;
using Spectre.Console;

namespace Pipeline.Cli.Commands;

/// <summary>`pipeline run`: one experiment, all services in this process, followed live to its report.</summary>
internal sealed class RunCommand : Command
{
    private readonly IAnsiConsole _console;
    private readonly Action<IServiceCollection>? _addAdapters;
    private readonly TimeProvider _clock;

    private readonly Option<string?> _spec = new("--spec")
    {
        Description = "Experiment spec (JSON, see `pipeline spec`). Without it: the notebook's experiment on "
            + $"{DefaultSpec.RowsPerYear:N0} generated rows per year, 1979-1983 + test year 1984, bucket '{DefaultSpec.Bucket}' "
            + $"and the placeholder role {DefaultSpec.RoleArn} (LocalSageMaker ignores roles).",
    };

    private readonly Option<string?> _data = new("--data") { Description = "A folder of GDELT year files (<year>.csv[.gz|.zip]) to use instead of the spec's data source." };

    private readonly Option<YearSelection?> _years = new("--years")
    {
        Description = $"Years to use: {YearSelection.Format}. Example: 1979-1984.",
        CustomParser = result =>
        {
            if (YearSelection.TryParse(result.Tokens[0].Value, out var selection, out var error))
                return selection;
            result.AddError(error!);
            return null;
        },
    };

    private readonly Option<long?> _rowsPerYear = new("--rows-per-year") { Description = "Rows per generated year (generated data only)." };

    private readonly Option<IReadOnlyList<int>?> _instances = new("--instances")
    {
        Description = "Training instances of every variant; several (1,2,5,10) run a scaling sweep: every variant at every count, "
            + "named <variant>-<count>.",
        // Only the numbers are read here; their range and repeats are the spec validation's, which names them as a spec file's.
        CustomParser = result =>
        {
            var counts = new List<int>();
            foreach (var part in result.Tokens[0].Value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var count))
                {
                    result.AddError($"--instances: '{part}' is not a whole number of instances.");
                    return null;
                }

                counts.Add(count);
            }

            return counts;
        },
    };

    private readonly Option<string?> _variants = new("--variants") { Description = SpecOverrides.VariantsHelp };

    private readonly Option<string> _transport = new("--transport")
    {
        Description = "inmemory (the default): every service in this process. sqs: publish to a running system (`pipeline up`, "
            + "or AWS) reached through the Messaging:SqsTransport:* settings (Messaging__SqsTransport__ServiceUrl=...), and follow it.",
        DefaultValueFactory = _ => "inmemory",
    };

    private readonly Option<string?> _out = new("--out") { Description = "Folder for spec.json, report.json and report.html (default ./runs/<experiment id>)." };

    public RunCommand(IAnsiConsole console, Action<IServiceCollection>? addAdapters, TimeProvider clock)
        : base("run", "Runs one experiment with every service in this process and prints the comparison. " + ExitCodes.Help)
    {
        _console = console;
        _addAdapters = addAdapters;
        _clock = clock;
        Options.Add(_spec);
        Options.Add(_data);
        Options.Add(_years);
        Options.Add(_rowsPerYear);
        Options.Add(_instances);
        Options.Add(_variants);
        Options.Add(_out);
        _transport.AcceptOnlyFromAmong("inmemory", "sqs");
        Options.Add(_transport);
        SetAction((parseResult, cancelRequested) => RunAsync(parseResult, cancelRequested));
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancelRequested)
    {
        var spec = BuildSpec(parseResult);
        if (spec is null)
            return ExitCodes.InvalidSpec;

        var experimentId = Guid.NewGuid();
        var toRunningSystem = parseResult.GetValue(_transport) == "sqs";
        var builder = toRunningSystem
            ? EmbeddedHost.CreatePublisherBuilder($"{ExperimentEventObserverDefinition.DefaultQueue}-{experimentId:N}")
            : EmbeddedHost.CreateBuilder(_addAdapters);
        var outFolder = parseResult.GetValue(_out) ?? Path.Combine("runs", experimentId.ToString());
        // Before anything runs: a report that cannot be written is an experiment lost.
        if (WritableFolder.Problem(outFolder) is { } unwritable)
        {
            _console.WriteUnwrapped($"Cannot run: the report folder {unwritable}");
            return ExitCodes.InvalidConfiguration;
        }

        // The data and the jobs' folders are on the running system's machines, not this one.
        if (!toRunningSystem && DiskRoom.OfThisMachine.Problem(spec, Path.GetTempPath(), StoreFolder(builder), WorkRoot(builder)) is { } tooBig)
        {
            _console.WriteUnwrapped(tooBig);
            return ExitCodes.InvalidSpec;
        }

        await File.WriteAllTextAsync(Path.Combine(outFolder, "spec.json"), JsonSerializer.Serialize(spec, SpecJson.Options), CancellationToken.None);

        // Disposed after the host: the workers' last calls (teardown) still reach it.
        EmbeddedLocalSageMaker? localSageMaker = null;
        IHost? host = null;
        try
        {
            try
            {
                if (!toRunningSystem)
                    localSageMaker = await EmbeddedLocalSageMaker.StartAsync(builder, CancellationToken.None);
                host = builder.Build();
                await host.StartAsync(CancellationToken.None);
            }
            catch (Exception e) when (ConfigurationProblems.Of(e) is { } problems)
            {
                _console.WriteUnwrapped("Cannot run: the configuration is not valid:");
                foreach (var problem in problems)
                    _console.WriteUnwrapped($"  - {problem}");
                return ExitCodes.InvalidConfiguration;
            }
            catch (MissingAdapterException e)
            {
                _console.WriteUnwrapped(e.Message);
                return ExitCodes.Failed;
            }

            return await FollowAsync(host, experimentId, spec, outFolder, cancelRequested);
        }
        finally
        {
            host?.Dispose();
            if (localSageMaker is not null)
                await localSageMaker.DisposeAsync();
        }
    }

    private async Task<int> FollowAsync(IHost host, Guid experimentId, ExperimentSpec spec, string outFolder, CancellationToken cancelRequested)
    {
        ExperimentProgress progress;
        try
        {
            var run = new ExperimentRun(host.Services.GetRequiredService<IBus>(), host.Services.GetRequiredService<ExperimentEvents>(), ProgressView(), _clock);
            progress = await run.RunAsync(experimentId, spec, cancelRequested);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        var outcome = new OutcomeView(_console);
        outcome.Show(progress.Outcome!);
        outcome.ShowStageTimes(progress.Stages);
        if (progress.Outcome is ExperimentCompleted completed)
            return await WriteReportAsync(outFolder, completed.Report, spec);
        return ExitCodes.For(progress.Outcome);
    }

    /// <summary>report.json and report.html; when the disk refuses them late (full, gone read-only), the report on the console instead.</summary>
    private async Task<int> WriteReportAsync(string outFolder, ExperimentReport report, ExperimentSpec spec)
    {
        try
        {
            var reportFile = await ReportFile.WriteAsync(outFolder, report);
            var reportPage = await ReportPage.WriteAsync(outFolder, report, spec.Data);
            _console.WriteUnwrapped($"Report written to {reportFile}");
            _console.WriteUnwrapped($"Charts and table in {reportPage} (open it in a browser)");
            return ExitCodes.Completed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _console.WriteUnwrapped($"The experiment completed but its report could not be written to {Path.GetFullPath(outFolder)}: {e.Message}");
            _console.WriteUnwrapped($"Here is {ReportFile.Name}:");
            _console.WriteUnwrapped(JsonSerializer.Serialize(report, SpecJson.Options));
            return ExitCodes.Failed;
        }
    }

    /// <summary>The local object store's folder (where the dataset goes); the working folder when the store is S3.</summary>
    private static string StoreFolder(HostApplicationBuilder builder) =>
        builder.Configuration["Storage:Kind"] is "Local" or "local" && builder.Configuration["Storage:Root"] is { Length: > 0 } root ? root : ".";

    private static string WorkRoot(HostApplicationBuilder builder) =>
        builder.Configuration["LocalSageMaker:WorkRoot"] is { Length: > 0 } root ? root : Path.GetTempPath();

    /// <summary>The spec to run (file or defaults, then the options); null after printing why there is none.</summary>
    private ExperimentSpec? BuildSpec(ParseResult parseResult)
    {
        var spec = DefaultSpec.Create();
        if (parseResult.GetValue(_spec) is { } path)
        {
            var file = SpecFile.Read(path);
            if (file.Spec is null)
            {
                _console.WriteUnwrapped(file.Error!);
                return null;
            }

            spec = file.Spec;
        }

        var overrides = new SpecOverrides
        {
            DataFolder = parseResult.GetValue(_data),
            Years = parseResult.GetValue(_years),
            RowsPerYear = parseResult.GetValue(_rowsPerYear),
            Instances = parseResult.GetValue(_instances),
            Variants = parseResult.GetValue(_variants)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
        var (result, problems) = overrides.ApplyTo(spec);
        problems = [.. problems, .. result.Validate()];
        if (problems.Count == 0)
            return result.WithSweepExpanded();

        _console.WriteUnwrapped("The experiment spec is not valid:");
        foreach (var problem in problems)
            _console.WriteUnwrapped($"  - {problem}");
        return null;
    }

    private IProgressView ProgressView() =>
        _console.Profile.Capabilities.Interactive && _console.Profile.Capabilities.Ansi
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? new LiveProgressView(_console)
            : new PlainProgressView(_console, _clock);
}
