using Pipeline.Cli.Sweep;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;

namespace Pipeline.Cli.Tests.Sweep;

public sealed class When_sweeping_leftovers
{
    private static readonly Guid Finished = Guid.NewGuid();
    private static readonly Guid Running = Guid.NewGuid();
    private static readonly Guid Forgotten = Guid.NewGuid();
    private static readonly SweepLimits Limits = new(OlderThan: TimeSpan.FromDays(3), UnknownAfter: TimeSpan.Zero);

    private sealed class KnownExperiments : IExperimentStatusSource
    {
        public string Description => "the test's list";

        public Task<ExperimentStatus> StatusOfAsync(Guid experimentId, CancellationToken cancellationToken) => Task.FromResult(
            experimentId == Finished ? ExperimentStatus.Finished : experimentId == Running ? ExperimentStatus.Running : ExperimentStatus.Unknown);
    }

    private static async Task PlantAllAsync(LocalSageMakerWithLeftovers local)
    {
        await local.PlantAsync("finished", LocalSageMakerWithLeftovers.TagsOf(Finished));
        await local.PlantAsync("running", LocalSageMakerWithLeftovers.TagsOf(Running));
        await local.PlantAsync("forgotten", LocalSageMakerWithLeftovers.TagsOf(Forgotten), endpoint: false);
        await local.PlantAsync("someone-elses", new Dictionary<string, string> { ["team"] = "search" });
        await local.PlantAsync("another-system", new Dictionary<string, string> { [PipelineTags.Pipeline] = "not-ours", [PipelineTags.ExperimentId] = Finished.ToString() },
            endpoint: false);
    }

    [Fact]
    public async Task A_dry_run_names_the_leftovers_of_finished_and_unknown_experiments_and_deletes_nothing()
    {
        await using var local = await LocalSageMakerWithLeftovers.StartAsync();
        await PlantAllAsync(local);

        var swept = await new LeftoverSweeper(local.SageMaker, new KnownExperiments(), TimeProvider.System).SweepAsync(Limits, delete: false, default);

        // Only what carries the pipeline's tag is looked at.
        Assert.Equal(["finished", "finished", "finished", "forgotten", "running", "running", "running"],
            swept.Select(s => s.Resource.Name).Order(StringComparer.Ordinal));
        Assert.Equal([(LeftoverKind.Endpoint, "finished"), (LeftoverKind.EndpointConfig, "finished"), (LeftoverKind.Model, "finished"), (LeftoverKind.Model, "forgotten")],
            swept.Where(s => s.Decision.Sweep).Select(s => (s.Resource.Kind, s.Resource.Name)));
        Assert.All(swept.Where(s => s.Resource.Name == "running"), s => Assert.Equal("its experiment is still running", s.Decision.Reason));
        Assert.All(swept, s => Assert.False(s.Deleted));
        Assert.Equal(["another-system", "finished", "forgotten", "running", "someone-elses"], await local.ModelsAsync());
    }

    [Fact]
    public async Task Deleting_removes_the_leftovers_endpoints_first_and_leaves_everything_else()
    {
        await using var local = await LocalSageMakerWithLeftovers.StartAsync();
        await PlantAllAsync(local);

        var swept = await new LeftoverSweeper(local.SageMaker, new KnownExperiments(), TimeProvider.System).SweepAsync(Limits, delete: true, default);

        Assert.All(swept.Where(s => s.Decision.Sweep), s => Assert.True(s.Deleted, s.Error));
        // An endpoint goes before the configuration it uses, a configuration before its model.
        Assert.Equal([LeftoverKind.Endpoint, LeftoverKind.EndpointConfig, LeftoverKind.Model, LeftoverKind.Model],
            swept.Where(s => s.Deleted).Select(s => s.Resource.Kind));
        Assert.Equal(["another-system", "running", "someone-elses"], await local.ModelsAsync());
        Assert.Equal(["running", "someone-elses"], await local.EndpointConfigsAsync());
        Assert.Equal(["running", "someone-elses"], await local.EndpointsAsync());
        // A second sweep finds nothing more to do.
        var again = await new LeftoverSweeper(local.SageMaker, new KnownExperiments(), TimeProvider.System).SweepAsync(Limits, delete: true, default);
        Assert.DoesNotContain(again, s => s.Decision.Sweep);
    }

    [Fact]
    public async Task The_command_only_says_what_would_go_until_told_to_delete()
    {
        await using var local = await LocalSageMakerWithLeftovers.StartAsync();
        await local.PlantAsync("forgotten", LocalSageMakerWithLeftovers.TagsOf(Forgotten), endpoint: false);
        await local.PlantAsync("someone-elses", new Dictionary<string, string> { ["team"] = "search" }, endpoint: false);
        using var temp = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SAGEMAKER"] = local.Address.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_REGION"] = "us-east-1",
        };

        using var dryRun = PipelineProcess.Start(temp.Path, environment, ["sweep", "--unknown-after", "0m"]);
        Assert.True(await dryRun.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, dryRun.Output);
        var modelsAfterDryRun = await local.ModelsAsync();
        using var delete = PipelineProcess.Start(temp.Path, environment, ["sweep", "--delete", "--unknown-after", "0m"]);
        Assert.True(await delete.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, delete.Output);

        Assert.Contains($"would delete model forgotten (experiment {Forgotten})", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("every experiment counts as unknown", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-elses", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(["forgotten", "someone-elses"], modelsAfterDryRun);
        Assert.Contains("1 resources of the pipeline found; 1 deleted", delete.Output, StringComparison.Ordinal);
        Assert.Equal(["someone-elses"], await local.ModelsAsync());
    }

    [Theory]
    [InlineData("Saga__Store", "Redis", "Saga:Store must be InMemory or DynamoDb.")]
    [InlineData("Saga__DynamoDb__CreateTable", "perhaps", "Saga:DynamoDb:CreateTable")]
    public async Task A_bad_setting_stops_it_before_it_lists_anything_naming_the_setting(string variable, string value, string named)
    {
        using var temp = new TempFolder();

        using var sweep = PipelineProcess.Start(temp.Path, new Dictionary<string, string> { [variable] = value }, ["sweep"]);

        Assert.Equal(ExitCodes.InvalidConfiguration, await sweep.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains(named, sweep.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ExperimentStatus.Running, 4 * 24, null, true)] // older than the limit goes, running or not
    [InlineData(ExperimentStatus.Running, 1, null, false)]
    [InlineData(ExperimentStatus.Finished, 0, null, true)]
    [InlineData(ExperimentStatus.Unknown, 0, null, false)] // an embedded run elsewhere may own it
    [InlineData(ExperimentStatus.Unknown, 2, null, true)]
    [InlineData(ExperimentStatus.Finished, 0, "Deleting", false)]
    public void The_rules_weigh_the_experiments_status_against_the_resources_age(ExperimentStatus status, int ageHours, string? resourceStatus, bool sweep)
    {
        var now = DateTimeOffset.UtcNow;
        var leftover = new Leftover(LeftoverKind.Endpoint, "e", now - TimeSpan.FromHours(ageHours), LocalSageMakerWithLeftovers.TagsOf(Running), resourceStatus);

        var decision = SweepRules.Decide(leftover, status, now, new SweepLimits(TimeSpan.FromDays(3), TimeSpan.FromHours(1)));

        Assert.Equal(sweep, decision.Sweep);
    }
}
