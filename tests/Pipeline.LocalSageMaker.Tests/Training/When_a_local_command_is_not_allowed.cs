using Pipeline.Aws;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Training;

/// <summary>
/// Bring-your-own commands run as LocalSageMaker's own user, so they are off unless a setting names them
/// (LocalSageMaker:Training:AllowedCommands, or the files of LocalSageMaker:Training:ScriptsFolder).
/// </summary>
public sealed class When_a_local_command_is_not_allowed : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("localsagemaker-byo-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_command_is_refused_by_default_naming_the_setting_and_nothing_runs()
    {
        await using var local = new LocalSageMakerUnderTest(TimeProvider.System);
        var marker = Path.Combine(_folder, "ran");
        var request = Requests.Valid("byo-default", image: $"local:id > '{marker}'", channels: Requests.Channel("train", "s3://data/x/"));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => local.Jobs.CreateTrainingJobAsync(request, default));

        Assert.Contains("bring-your-own commands are off", refused.ServiceMessage, StringComparison.Ordinal);
        Assert.Contains("LocalSageMaker:Training:AllowedCommands", refused.ServiceMessage, StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Only_the_commands_listed_run_character_for_character()
    {
        await using var local = new LocalSageMakerUnderTest(TimeProvider.System, settings: new()
        {
            ["LocalSageMaker:Training:AllowedCommands:0"] = "echo trained > \"$SM_MODEL_DIR/model.txt\"",
        });
        await local.PutAsync("s3://data/x/part-0", [1]);

        await local.Jobs.CreateTrainingJobAsync(
            Requests.Valid("byo-listed", instances: 1, image: "local:echo trained > \"$SM_MODEL_DIR/model.txt\"", channels: Requests.Channel("train", "s3://data/x/")), default);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => local.Jobs.CreateTrainingJobAsync(
            Requests.Valid("byo-appended", instances: 1, image: "local:echo trained > \"$SM_MODEL_DIR/model.txt\"; id", channels: Requests.Channel("train", "s3://data/x/")), default));

        var job = await local.EndOfAsync("byo-listed");
        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        Assert.Contains("is not an allowed command", refused.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_the_scripts_folder_runs_by_its_name_without_a_shell()
    {
        var scripts = Directory.CreateDirectory(Path.Combine(_folder, "scripts")).FullName;
        var script = Path.Combine(scripts, "train.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"trained on $SM_CURRENT_HOST\" > \"$SM_MODEL_DIR/model.txt\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var local = new LocalSageMakerUnderTest(TimeProvider.System, settings: new() { ["LocalSageMaker:Training:ScriptsFolder"] = scripts });
        await local.PutAsync("s3://data/x/part-0", [1]);

        await local.Jobs.CreateTrainingJobAsync(Requests.Valid("byo-script", instances: 1, image: "local:train.sh", channels: Requests.Channel("train", "s3://data/x/")), default);
        var job = await local.EndOfAsync("byo-script");

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        var entries = await local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!);
        Assert.Equal("trained on algo-1\n", System.Text.Encoding.UTF8.GetString(entries["model.txt"]!));
        foreach (var image in new[] { "local:train.sh; id", "local:../scripts/train.sh", "local:missing.sh" })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => local.Jobs.CreateTrainingJobAsync(
                Requests.Valid("byo-other", instances: 1, image: image, channels: Requests.Channel("train", "s3://data/x/")), default));
            Assert.Contains("LocalSageMaker:Training:ScriptsFolder", refused.ServiceMessage, StringComparison.Ordinal);
        }
    }

    /// <summary>A variable can change what an allowed command runs (PYTHONPATH, JAVA_TOOL_OPTIONS, ...): none passes unless a setting names it.</summary>
    [Theory]
    [InlineData("PYTHONPATH")]
    [InlineData("JAVA_TOOL_OPTIONS")]
    [InlineData("EPOCHS")]
    public async Task An_allowed_command_gets_no_request_variable_that_a_setting_does_not_name(string variable)
    {
        await using var local = new LocalSageMakerUnderTest(TimeProvider.System, settings: new() { ["LocalSageMaker:Training:AllowedCommands:0"] = "python3 train.py" });
        var request = Requests.Valid("byo-env", instances: 1, image: "local:python3 train.py", channels: Requests.Channel("train", "s3://data/x/")) with
        {
            Environment = new() { [variable] = "input/data/train" },
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => local.Jobs.CreateTrainingJobAsync(request, default));

        Assert.Contains($"environment.{variable} is refused", refused.ServiceMessage, StringComparison.Ordinal);
        Assert.Contains("LocalSageMaker:Training:AllowedEnvironment", refused.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_variable_the_setting_names_reaches_the_command()
    {
        await using var local = new LocalSageMakerUnderTest(TimeProvider.System, settings: new()
        {
            ["LocalSageMaker:Training:AllowedCommands:0"] = "printf '%s' \"$EPOCHS\" > \"$SM_MODEL_DIR/epochs.txt\"",
            ["LocalSageMaker:Training:AllowedEnvironment:0"] = "EPOCHS",
        });
        await local.PutAsync("s3://data/x/part-0", [1]);
        var request = Requests.Valid("byo-env-named", instances: 1, image: "local:printf '%s' \"$EPOCHS\" > \"$SM_MODEL_DIR/epochs.txt\"",
            channels: Requests.Channel("train", "s3://data/x/")) with
        {
            Environment = new() { ["EPOCHS"] = "7" },
        };

        await local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await local.EndOfAsync("byo-env-named");

        Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
        Assert.Equal("7", System.Text.Encoding.UTF8.GetString((await local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!))["epochs.txt"]!));
    }
}
