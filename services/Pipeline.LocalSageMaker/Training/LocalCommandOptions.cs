using System.ComponentModel.DataAnnotations;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// Which bring-your-own commands (TrainingImage <c>local:&lt;command&gt;</c>) may run, section "LocalSageMaker:Training".
/// None by default: a command runs as this process's user, so whoever can call CreateTrainingJob could run anything.
/// </summary>
public sealed class LocalCommandOptions : IValidatableObject
{
    public const string Section = "LocalSageMaker:Training";
    public const string AllowedCommandsKey = Section + ":AllowedCommands";
    public const string ScriptsFolderKey = Section + ":ScriptsFolder";
    public const string AllowedEnvironmentKey = Section + ":AllowedEnvironment";

    /// <summary>Commands allowed as written, character for character; each runs with <c>/bin/sh -c</c>.</summary>
    public List<string> AllowedCommands { get; set; } = [];

    /// <summary>A folder whose executable files may run as <c>local:&lt;file name&gt;</c> (run directly, no shell, no arguments).</summary>
    public string? ScriptsFolder { get; set; }

    /// <summary>
    /// The variables a request's Environment may set for a command, by name; none by default, since a variable can change
    /// what an allowed command runs (PATH, LD_PRELOAD, PYTHONPATH, BASH_ENV, NODE_OPTIONS, JAVA_TOOL_OPTIONS, ...).
    /// </summary>
    public List<string> AllowedEnvironment { get; set; } = [];

    public bool AllowsAny => AllowedCommands.Count > 0 || !string.IsNullOrWhiteSpace(ScriptsFolder);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ScriptsFolder) && !Directory.Exists(ScriptsFolder))
            yield return new ValidationResult($"{ScriptsFolderKey} '{ScriptsFolder}' is not a folder.", [nameof(ScriptsFolder)]);
        if (AllowedCommands.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult($"{AllowedCommandsKey} holds an empty command.", [nameof(AllowedCommands)]);
    }
}
