using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// A bring-your-own algorithm: TrainingImage <c>local:&lt;command&gt;</c> runs <c>/bin/sh -c &lt;command&gt;</c> once per
/// host, all hosts at once, in the host's root folder (its stand-in for /opt/ml), with the environment of
/// <see cref="ContainerEnvironment"/>. Every line of stdout and stderr is an event of the host's log stream. A host
/// whose command exits non-zero, or writes output/failure, fails the job (the failure file's text is the reason;
/// otherwise the exit code and the last lines of stderr) and the other hosts' commands are killed. Stopping the job
/// kills every command's process tree.
/// </summary>
public sealed class LocalCommandAlgorithm(string command, IReadOnlyDictionary<string, string>? environment = null) : ITrainingAlgorithm
{
    private const int ErrorLinesInReason = 5;
    private const int MaxFailureFileChars = 64 * 1024;

    // A script of LocalSageMaker:Training:ScriptsFolder (or a built-in algorithm's program) runs as itself, without a
    // shell; a command runs with /bin/sh -c.
    private bool _isScript;
    private IReadOnlyList<string> _arguments = [];

    public string Command { get; } = command;

    /// <summary>Runs the executable file at <paramref name="path"/> directly (no shell, no arguments).</summary>
    public static LocalCommandAlgorithm Script(string path, IReadOnlyDictionary<string, string>? environment = null) =>
        new(path, environment) { _isScript = true };

    /// <summary>Runs <paramref name="path"/> directly with <paramref name="arguments"/> (no shell): a built-in algorithm's own program.</summary>
    public static LocalCommandAlgorithm Program(string path, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(path, environment) { _isScript = true, _arguments = arguments };

    public async Task TrainAsync(TrainingCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var anyFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        AlgorithmErrorException? firstFailure = null;
        var runs = cluster.Hosts.Select(async host =>
        {
            try
            {
                await RunAsync(cluster, host, anyFailed.Token).ConfigureAwait(false);
            }
            catch (AlgorithmErrorException e)
            {
                Interlocked.CompareExchange(ref firstFailure, e, null);
                await anyFailed.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Killed because another host failed; that host's failure is the job's.
            }
        }).ToList();
        await Task.WhenAll(runs).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (firstFailure is not null)
            throw firstFailure;
    }

    /// <summary>
    /// What the command finds in its environment (besides the request's Environment and this process's own):
    /// OPT_ML (the host's root), SM_MODEL_DIR, SM_INPUT_DIR, SM_INPUT_CONFIG_DIR, SM_INPUT_DATA_DIR, SM_OUTPUT_DIR,
    /// SM_OUTPUT_DATA_DIR, SM_CHANNELS (JSON list), SM_CHANNEL_&lt;NAME&gt; per channel, SM_CURRENT_HOST, SM_HOSTS (JSON
    /// list), SM_NETWORK_INTERFACE_NAME, SM_HPS (JSON object), SM_HP_&lt;NAME&gt; per hyperparameter, TRAINING_JOB_NAME,
    /// TRAINING_JOB_ARN, and PYTHONUNBUFFERED=1 unless set (so log lines are stamped when printed). In names, letters are
    /// upper-cased and anything but letters, digits and '_' becomes '_' (channel "train-2" is SM_CHANNEL_TRAIN_2).
    /// </summary>
    public static Dictionary<string, string> ContainerEnvironment(TrainingCluster cluster, TrainingHost host)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(host);
        var folders = host.Folders;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPT_ML"] = folders.Root,
            ["SM_MODEL_DIR"] = folders.Model,
            ["SM_INPUT_DIR"] = Path.Combine(folders.Root, "input"),
            ["SM_INPUT_CONFIG_DIR"] = folders.InputConfig,
            ["SM_INPUT_DATA_DIR"] = folders.InputData,
            ["SM_OUTPUT_DIR"] = folders.Output,
            ["SM_OUTPUT_DATA_DIR"] = Path.Combine(folders.Output, "data"),
            ["SM_CHANNELS"] = JsonSerializer.Serialize(cluster.Channels.Select(c => c.Name)),
            ["SM_CURRENT_HOST"] = host.Name,
            ["SM_HOSTS"] = JsonSerializer.Serialize(cluster.Hosts.Select(h => h.Name)),
            ["SM_NETWORK_INTERFACE_NAME"] = HostConfigFiles.NetworkInterfaceName,
            ["SM_HPS"] = JsonSerializer.Serialize(cluster.HyperParameters),
            ["TRAINING_JOB_NAME"] = cluster.JobName,
            ["TRAINING_JOB_ARN"] = cluster.JobArn,
        };
        foreach (var channel in cluster.Channels)
            variables["SM_CHANNEL_" + VariableName(channel.Name)] = folders.Channel(channel.Name);
        foreach (var (name, value) in cluster.HyperParameters)
            variables["SM_HP_" + VariableName(name)] = value;
        return variables;
    }

    private async Task RunAsync(TrainingCluster cluster, TrainingHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var span = LocalSageMakerTelemetry.Source.StartActivity("train host");
        span?.SetTag("pipeline.training_job", cluster.JobName);
        span?.SetTag("pipeline.host", host.Name);
        var start = new ProcessStartInfo(_isScript ? Command : "/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = host.Folders.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (!_isScript)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Command);
        }

        foreach (var argument in _arguments)
            start.ArgumentList.Add(argument);

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (!start.Environment.ContainsKey("PYTHONUNBUFFERED"))
            start.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (name, value) in ContainerEnvironment(cluster, host))
            start.Environment[name] = value;
        Directory.CreateDirectory(Path.Combine(host.Folders.Output, "data"));

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new AlgorithmErrorException($"AlgorithmError: could not start {start.FileName} on {host.Name}: {e.Message}", e);
        }

        process.StandardInput.Close();
        var lastErrors = new ConcurrentQueue<string>();
        var output = PumpAsync(process.StandardOutput, host.Log, null);
        var errors = PumpAsync(process.StandardError, host.Log, lastErrors);
        var kill = cancellationToken.Register(() => KillTree(process));
        await using (kill.ConfigureAwait(false))
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(output, errors).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (ReadFailureFile(host) is { } failure)
            throw new AlgorithmErrorException(failure);
        if (process.ExitCode != 0)
        {
            var tail = lastErrors.IsEmpty ? "" : " Last lines of stderr: " + string.Join(" | ", lastErrors);
            throw new AlgorithmErrorException($"AlgorithmError: the command exited with code {process.ExitCode} on {host.Name}.{tail}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, IHostLog log, ConcurrentQueue<string>? lastLines)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            log.Write(line);
            if (lastLines is null)
                continue;
            lastLines.Enqueue(line);
            while (lastLines.Count > ErrorLinesInReason)
                lastLines.TryDequeue(out _);
        }
    }

    private static void KillTree(Process process)
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

    private static string? ReadFailureFile(TrainingHost host)
    {
        if (!File.Exists(host.Folders.FailureFile))
            return null;
        using var reader = new StreamReader(host.Folders.FailureFile, Encoding.UTF8);
        var buffer = new char[MaxFailureFileChars];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        var text = new string(buffer, 0, read).Trim();
        return text.Length > 0 ? text : null;
    }

    private static string VariableName(string name)
    {
        var chars = name.ToUpperInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '_')
                chars[i] = '_';
        return new string(chars);
    }
}
