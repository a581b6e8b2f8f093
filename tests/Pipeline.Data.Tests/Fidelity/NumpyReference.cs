using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Data.Tests.Fidelity;

/// <summary>numpy itself (Debian's python3-numpy, installed with python3-pandas by tests/run), as an oracle.</summary>
internal static class NumpyReference
{
    /// <summary><c>numpy.random.RandomState(seed).permutation(count)</c>.</summary>
    public static int[] Permutation(int seed, int count)
    {
        using var python = Process.Start(new ProcessStartInfo(NotebookReference.Python)
        {
            ArgumentList =
            {
                "-c",
                "import sys, numpy; print(' '.join(map(str, numpy.random.RandomState(int(sys.argv[1])).permutation(int(sys.argv[2])))))",
                seed.ToString(CultureInfo.InvariantCulture),
                count.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"could not start {NotebookReference.Python}");
        var errors = python.StandardError.ReadToEndAsync();
        var output = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"numpy failed (tests/run installs Debian's python3-pandas, with numpy):\n{errors.Result}");
        return output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
    }
}
