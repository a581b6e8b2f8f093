using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// One job's Rabit tracker (xgboost_tracker.py), a Python process of its own: it binds a free loopback port itself and
/// says which, so jobs side by side never race for a port, and it is killed with the job however the hosts end.
/// </summary>
internal sealed class RabitTrackerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private RabitTrackerProcess(Process process, IReadOnlyDictionary<string, string> workerEnvironment)
    {
        _process = process;
        WorkerEnvironment = workerEnvironment;
    }

    /// <summary>DMLC_TRACKER_URI and DMLC_TRACKER_PORT, for every worker's environment.</summary>
    public IReadOnlyDictionary<string, string> WorkerEnvironment { get; }

    /// <summary>Starts the tracker for <paramref name="workers"/> workers and waits until it listens.</summary>
    /// <exception cref="ClientErrorException">The Python has no xgboost.</exception>
    public static async Task<RabitTrackerProcess> StartAsync(string python, string script, int workers, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { script, workers.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new ClientErrorException(
                $"ClientError: XGBoost runs with {python} ({XGBoostOptions.PythonKey}), which could not start ({e.Message}): "
                + "apt-get install python3-xgboost, or name a Python that has XGBoost 1.7 in that setting.", e);
        }

        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            var tracker = line is null ? null : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line);
            if (tracker?.GetValueOrDefault("missing") is { ValueKind: JsonValueKind.String } missing)
                throw new ClientErrorException(
                    $"ClientError: XGBoost is not installed for {python} ({missing.GetString()}): apt-get install python3-xgboost "
                    + $"(Debian's XGBoost 1.7, for /usr/bin/python3), or name a Python that has it in {XGBoostOptions.PythonKey}.");
            if (tracker is null || !tracker.ContainsKey("DMLC_TRACKER_URI") || !tracker.ContainsKey("DMLC_TRACKER_PORT"))
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                throw new AlgorithmErrorException($"AlgorithmError: the XGBoost tracker did not start: {Tail(await errors.ConfigureAwait(false))}");
            }

            // Drained so that the tracker never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            return new RabitTrackerProcess(process, tracker.ToDictionary(p => p.Key, p => p.Value.ToString()));
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    private static string Tail(string errors)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "it wrote nothing" : string.Join(" | ", lines.TakeLast(5));
    }
}
