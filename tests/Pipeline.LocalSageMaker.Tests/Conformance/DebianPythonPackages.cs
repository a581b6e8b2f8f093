using System.Diagnostics;

namespace Pipeline.LocalSageMaker.Tests.Conformance;

/// <summary>
/// Debian's Python packages for the scripts: the pip-installed boto3's Python (pyenv, 3.11) lacks numpy and
/// protobuf, and Debian's builds for the same Python 3.11 may be borrowed by adding their folder to sys.path. A
/// package that is missing fails the test, naming the apt-get install that provides it; it never skips it.
/// </summary>
public static class DebianPythonPackages
{
    /// <summary>The folder Debian's <c>/usr/bin/python3</c> imports <paramref name="module"/> from (its sys.path entry).</summary>
    /// <param name="package">The Debian package that provides the module; tests/run installs it.</param>
    public static async Task<string> FolderOfAsync(string module, string package)
    {
        var levels = module.Count(c => c == '.') + 2; // from .../a/b/__init__.py up to the folder holding a
        var start = new ProcessStartInfo("/usr/bin/python3",
            ["-c", $"import importlib, os\npath = importlib.import_module('{module}').__file__\nfor _ in range({levels}): path = os.path.dirname(path)\nprint(path)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/python3 did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        var folder = (await output).Trim();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 && folder.Length > 0
            ? folder
            : throw new InvalidOperationException(
                $"This test's Python script needs {module} from Debian: apt-get install -y {package} (tests/run installs it).\n{errors}");
    }
}
