using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Xunit;

namespace Pipeline.Testing;

/// <summary>
/// A moto_server (an AWS imitation: S3, SageMaker's control plane, CloudWatch Logs, SNS, SQS) of its own on 127.0.0.1, for one test class or collection
/// (IClassFixture&lt;MotoServer&gt; or a collection fixture). It must be on PATH: a missing one fails the tests, it
/// never skips them. Clients it creates carry dummy credentials of their own; nothing is set in the environment.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private const string Executable = "moto_server";
    private const int OutputLinesKept = 40;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly Queue<string> _output = new();
    private Process? _process;

    /// <summary>Dummy credentials: moto accepts any.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    public const string Region = "us-east-1";

    /// <summary>http://127.0.0.1:&lt;port&gt;</summary>
    public string EndpointUrl { get; private set; } = "";

    /// <summary>From starting the process to its first answer.</summary>
    public TimeSpan StartTime { get; private set; }

    public AmazonS3Config S3Config() => new()
    {
        ServiceURL = EndpointUrl,
        AuthenticationRegion = Region,
        ForcePathStyle = true,
    };

    public IAmazonS3 CreateS3Client() => new AmazonS3Client(Credentials, S3Config());

    /// <summary>Options of the hand-written clients (Pipeline.Aws) with every service at this moto_server.</summary>
    public AwsClientOptions AwsClientOptions(int maxAttempts = 2) => new()
    {
        Region = Region,
        SageMakerServiceUrl = EndpointUrl,
        LogsServiceUrl = EndpointUrl,
        SageMakerRuntimeServiceUrl = EndpointUrl,
        SnsServiceUrl = EndpointUrl,
        MaxAttempts = maxAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The same as configuration (section "Aws"), for a service registered through its AddXxx.</summary>
    public Dictionary<string, string?> AwsSettings() => new()
    {
        ["Aws:Region"] = Region,
        ["Aws:SageMakerServiceUrl"] = EndpointUrl,
        ["Aws:LogsServiceUrl"] = EndpointUrl,
        ["Aws:SageMakerRuntimeServiceUrl"] = EndpointUrl,
        ["Aws:SnsServiceUrl"] = EndpointUrl,
        ["Aws:MaxAttempts"] = "2",
        ["Aws:RetryBaseDelay"] = "00:00:00.010",
        ["Aws:MaxRetryDelay"] = "00:00:00.050",
    };

    /// <summary>The dummy credentials, for registering in place of the SDK's chain: <c>services.AddSingleton(MotoServer.AwsCredentials())</c>.</summary>
    public static AwsCredentialsSource AwsCredentials() => new(Credentials);

    /// <summary>SageMaker, CloudWatch Logs, SageMaker Runtime and SNS clients at this moto_server, with the dummy credentials; nothing is read from the environment.</summary>
    public AwsClients CreateAwsClients() => new(AwsClientOptions(), AwsCredentials(), environment: _ => null);

    public async Task InitializeAsync()
    {
        var executable = FindOnPath(Executable) ?? throw new InvalidOperationException(
            $"{Executable} is not on PATH, and the S3, SageMaker and CloudWatch Logs tests run against it. Install it with: pip install 'moto[server]'");
        var started = Stopwatch.StartNew();
        // A free port can be taken between asking for it and moto binding it; then moto exits and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            EndpointUrl = $"http://127.0.0.1:{port}";
            _process = Start(executable, port);
            if (await AnswersAsync())
                break;
            if (!_process.HasExited || attempt == 3)
                throw new InvalidOperationException(
                    $"{Executable} did not answer at {EndpointUrl} within {StartDeadline.TotalSeconds} s. Its output:\n{Output()}");
            _process.Dispose();
        }

        StartTime = started.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
            return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true); // moto_server may be a shim script around python
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private Process Start(string executable, int port)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(argument);
        var process = new Process { StartInfo = start };
        // moto logs every request; the pipes must be drained or it blocks. The tail is kept for error messages.
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>True once moto answers any HTTP request; false if it exits or the deadline passes first.</summary>
    private async Task<bool> AnswersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartDeadline && !_process!.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(EndpointUrl + "/moto-api/"));
                return true;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
            catch (TaskCanceledException)
            {
                // a request that timed out while moto was still loading
            }
        }

        return false;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLinesKept)
                _output.Dequeue();
        }
    }

    private string Output()
    {
        lock (_output)
            return string.Join('\n', _output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, name))
        .FirstOrDefault(File.Exists);
}
