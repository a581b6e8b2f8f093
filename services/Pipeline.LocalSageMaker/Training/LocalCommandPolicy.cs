namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// Turns <c>local:&lt;command&gt;</c> into the algorithm that runs it, when <see cref="LocalCommandOptions"/> allows it:
/// a command listed in AllowedCommands runs with the shell; a bare file name of ScriptsFolder runs that file directly.
/// Anything else is refused with the setting that would allow it.
/// </summary>
public sealed class LocalCommandPolicy(LocalCommandOptions options)
{
    public static readonly LocalCommandPolicy NoneAllowed = new(new LocalCommandOptions());

    /// <summary>The algorithm for <paramref name="command"/>, or null with the reason it may not run.</summary>
    public LocalCommandAlgorithm? Resolve(string command, IReadOnlyDictionary<string, string>? environment, out string? problem)
    {
        problem = null;
        if (environment?.Keys.FirstOrDefault(name => !options.AllowedEnvironment.Contains(name, StringComparer.Ordinal)) is { } variable)
        {
            problem = $"environment.{variable} is refused for local: commands: a request may set only the variables named in "
                + $"{LocalCommandOptions.AllowedEnvironmentKey} (none by default), since a variable can change what the allowed command runs.";
            return null;
        }

        if (options.AllowedCommands.Contains(command, StringComparer.Ordinal))
            return new LocalCommandAlgorithm(command, environment);
        if (Script(command) is { } script)
            return LocalCommandAlgorithm.Script(script, environment);
        problem = options.AllowsAny
            ? $"algorithmSpecification.trainingImage 'local:{Shown(command)}' is not an allowed command: LocalSageMaker runs only the commands listed in "
              + $"{LocalCommandOptions.AllowedCommandsKey} (as written) and the files of {LocalCommandOptions.ScriptsFolderKey} (local:<file name>)."
            : $"algorithmSpecification.trainingImage 'local:{Shown(command)}' is refused: bring-your-own commands are off. They run as LocalSageMaker's own user, "
              + $"so they run only when named in the setting {LocalCommandOptions.AllowedCommandsKey} (or as files of {LocalCommandOptions.ScriptsFolderKey}).";
        return null;
    }

    private string? Script(string name)
    {
        if (string.IsNullOrWhiteSpace(options.ScriptsFolder) || name.Length == 0 || name is "." or ".."
            || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            return null;
        var path = Path.Combine(Path.GetFullPath(options.ScriptsFolder), name);
        return File.Exists(path) ? path : null;
    }

    private static string Shown(string command) => command.Length <= 100 ? command : command[..100] + "...";
}
