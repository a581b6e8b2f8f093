using Pipeline.Cli.Tests.Support;

namespace Pipeline.Cli.Tests.AsAProcess;

/// <summary>
/// One invalid setting of each options class, given as an environment variable to the real program: exit code 4 and
/// a line naming the setting, never a stack trace, and no experiment started.
/// </summary>
public sealed class When_a_setting_is_invalid : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, string> Settings => new()
    {
        { "Storage__Kind", "Bogus", "Storage:Kind" },
        { "Storage__Root", "", "Storage:Root" },
        { "Messaging__Transport", "Kafka", "Messaging:Transport" },
        { "Ingestor__ConcurrentMessageLimit", "0", "Ingestor:ConcurrentMessageLimit" },
        { "Trainer__RetryLimit", "many", "Trainer:RetryLimit" },
        { "JobWatcher__PollInterval", "00:00:00", "JobWatcher:PollInterval" },
        { "Deployer__RetryLimit", "99", "Deployer:RetryLimit" },
        { "Evaluator__Mode", "guess", "Evaluator:Mode" },
        { "Aws__MaxAttempts", "0", "Aws:MaxAttempts" },
        { "LocalSageMaker__Embedded", "maybe", "LocalSageMaker:Embedded" },
        { "LocalSageMaker__DownloadConcurrency", "0", "LocalSageMaker:DownloadConcurrency" },
        { "LocalSageMaker__Hosting__PingTimeout", "00:00:00", "LocalSageMaker:Hosting:PingTimeout" },
        { "LocalSageMaker__Transform__InstanceStartDelay", "02:00:00", "LocalSageMaker:Transform:InstanceStartDelay" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Run_exits_4_naming_the_setting(string variable, string value, string setting)
    {
        using var pipeline = PipelineProcess.Start(_folder.Path, new Dictionary<string, string> { [variable] = value },
            ["run", "--rows-per-year", "100", "--out", Path.Combine(_folder.Path, "out")]);

        var exitCode = await pipeline.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 4, $"exit code {exitCode}:\n{pipeline.Output}");
        Assert.Contains("Cannot run: the configuration is not valid:", pipeline.Output, StringComparison.Ordinal);
        Assert.Contains(pipeline.Output.Split('\n'), l => l.StartsWith("  - ", StringComparison.Ordinal) && l.Contains(setting, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", pipeline.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("started", pipeline.Output, StringComparison.Ordinal);
    }
}
