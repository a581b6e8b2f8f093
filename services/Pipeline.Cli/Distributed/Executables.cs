namespace Pipeline.Cli.Distributed;

/// <summary>Where the programs `pipeline up` starts are.</summary>
public static class Executables
{
    /// <summary>moto_server on PATH; a clear error when it is not there.</summary>
    public static string MotoServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "moto_server"))
            .FirstOrDefault(File.Exists)
        ?? throw new ChildProcessException("moto_server is not on PATH: install it (python3 -m pip install 'moto[server]==5.2.1') and try again.");

    /// <summary>
    /// A service built beside this program (the command line references every service, so their programs are copied
    /// next to it): its own launcher when there is one, else `dotnet &lt;its dll&gt;`.
    /// </summary>
    public static string Service(string assemblyName, out IReadOnlyList<string> argumentsBefore)
    {
        var folder = AppContext.BaseDirectory;
        var launcher = Path.Combine(folder, OperatingSystem.IsWindows() ? assemblyName + ".exe" : assemblyName);
        if (File.Exists(launcher))
        {
            argumentsBefore = [];
            return launcher;
        }

        var dll = Path.Combine(folder, assemblyName + ".dll");
        if (!File.Exists(dll))
            throw new ChildProcessException($"{assemblyName}.dll is not beside the pipeline program in {folder}: build the solution first.");
        argumentsBefore = [dll];
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
