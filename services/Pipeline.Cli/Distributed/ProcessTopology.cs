using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.SageMaker;
using Pipeline.Cli.Output;
using Pipeline.Cli.Specs;
using Pipeline.Contracts;
using Spectre.Console;

namespace Pipeline.Cli.Distributed;

/// <summary>
/// The distributed system on one machine: moto_server (SQS, SNS, DynamoDB, S3), LocalSageMaker (objects on moto's S3)
/// and the Coordinator and five workers, each a process of its own on loopback, talking over SQS.
/// </summary>
public sealed class ProcessTopology : IAsyncDisposable
{
    public const string Region = "us-east-1";

    /// <summary>The services in the order they start (the Coordinator last, so every queue it sends to exists).</summary>
    public static readonly IReadOnlyList<string> Services = ["Ingestor", "Trainer", "JobWatcher", "Deployer", "Evaluator", "Coordinator"];

    private static readonly Dictionary<string, string> QueueOf = new()
    {
        ["Ingestor"] = ServiceQueues.Ingestor,
        ["Trainer"] = ServiceQueues.Trainer,
        ["JobWatcher"] = ServiceQueues.JobWatcher,
        ["Deployer"] = ServiceQueues.Deployer,
        ["Evaluator"] = ServiceQueues.Evaluator,
        ["Coordinator"] = ServiceQueues.Coordinator,
    };

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<string, (string Executable, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment)> _services = [];
    private BasicAWSCredentials _credentials = null!;
    private AwsClients? _aws;

    private ProcessTopology(string folder) => Folder = folder;

    public string Folder { get; }

    public string MotoUrl { get; private set; } = "";

    public string LocalSageMakerUrl { get; private set; } = "";

    /// <summary>The settings a publisher (`pipeline run --transport sqs`) needs to reach this system.</summary>
    public IReadOnlyDictionary<string, string?> PublisherSettings => new Dictionary<string, string?>
    {
        ["Messaging:Transport"] = "Sqs",
        ["Messaging:SqsTransport:ServiceUrl"] = MotoUrl,
    };

    /// <summary>Starts everything, or stops what it started and throws when a part does not come up.</summary>
    public static async Task<ProcessTopology> StartAsync(string folder, IReadOnlyList<string> buckets, Action<string> report, CancellationToken cancellationToken)
    {
        var topology = new ProcessTopology(Path.GetFullPath(folder));
        try
        {
            await topology.StartAllAsync(buckets, report, cancellationToken);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts it for a command, each process's line on <paramref name="console"/>; when it cannot, says why there and
    /// returns the command's exit code instead.
    /// </summary>
    public static async Task<(ProcessTopology? Topology, int ExitCode)> StartOnConsoleAsync(string folder, IAnsiConsole console, CancellationToken stop)
    {
        try
        {
            return (await StartAsync(folder, [DefaultSpec.Bucket], line => console.WriteUnwrapped("  " + line), stop), ExitCodes.Completed);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return (null, ExitCodes.Cancelled);
        }
        catch (ChildProcessException e)
        {
            console.WriteUnwrapped($"Cannot start: {e.Message}");
            return (null, ExitCodes.Failed);
        }
    }

    /// <summary>The first process that ended while it should be running, or null.</summary>
    public ChildProcess? FirstEnded() => _processes.FirstOrDefault(p => p.HasExited);

    private async Task StartAllAsync(IReadOnlyList<string> buckets, Action<string> report, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(Folder, "logs");
        Directory.CreateDirectory(logs);
        // One key pair for this system: moto takes any, LocalSageMaker verifies it; it is in no log or file.
        var keyId = "PIPELINEUP" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        _credentials = new BasicAWSCredentials(keyId, secret);
        var credentials = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = keyId,
            ["AWS_SECRET_ACCESS_KEY"] = secret,
            ["AWS_REGION"] = Region,
            ["AWS_DEFAULT_REGION"] = Region,
        };

        var motoPort = FreeLoopbackPort();
        MotoUrl = $"http://127.0.0.1:{motoPort}";
        var moto = Start("moto_server", Executables.MotoServer(), ["-H", "127.0.0.1", "-p", motoPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], credentials, logs);
        await WaitUntilAnswersAsync(moto, motoPort, cancellationToken);
        await CreateBucketsAsync(buckets, cancellationToken);
        report($"moto_server     {MotoUrl}  (SQS, SNS, DynamoDB, S3)  pid {moto.Id}");

        var localSageMaker = Start("localsagemaker", Executables.Service("Pipeline.LocalSageMaker", out var lsmPrefix),
            [.. lsmPrefix, "--port", "0", "--s3-endpoint", MotoUrl, "--work-root", Path.Combine(Folder, "localsagemaker")],
            new Dictionary<string, string>(credentials)
            {
                ["LocalSageMaker__Auth__AccessKeyId"] = keyId,
                ["LocalSageMaker__Auth__SecretAccessKey"] = secret,
            },
            logs);
        var listeningPrefix = LocalSageMaker.Server.LocalSageMakerCommandLine.ListeningPrefix;
        var listening = await localSageMaker.WaitForLineAsync(l => l.StartsWith(listeningPrefix, StringComparison.Ordinal), StartLimit, cancellationToken);
        LocalSageMakerUrl = listening[listeningPrefix.Length..].Trim().TrimEnd('/');
        report($"LocalSageMaker  {LocalSageMakerUrl}  pid {localSageMaker.Id}");

        var settings = new Dictionary<string, string>(credentials);
        foreach (var (key, value) in ServiceSettings(MotoUrl, LocalSageMakerUrl))
            settings[key] = value;
        foreach (var service in Services)
        {
            _services[service] = (Executables.Service($"Pipeline.{service}", out var prefix), prefix, settings);
            var process = await StartServiceAsync(service, cancellationToken);
            report($"{service,-15} queue pipeline_{QueueOf[service]}  pid {process.Id}");
        }
    }

    /// <summary>
    /// The settings `up` gives every service besides the key pair, as environment variables: SQS and SNS, S3 and
    /// DynamoDB at <paramref name="motoUrl"/>, SageMaker, Logs and the Runtime at <paramref name="localSageMakerUrl"/>.
    /// docker-compose.yml gives its services the same, at its own addresses (a test compares them).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceSettings(string motoUrl, string localSageMakerUrl) => new Dictionary<string, string>
    {
        ["Messaging__Transport"] = "Sqs",
        ["Messaging__SqsTransport__ServiceUrl"] = motoUrl,
        ["Aws__Region"] = Region,
        ["Aws__SageMakerServiceUrl"] = localSageMakerUrl,
        ["Aws__LogsServiceUrl"] = localSageMakerUrl,
        ["Aws__SageMakerRuntimeServiceUrl"] = localSageMakerUrl,
        ["Storage__Kind"] = "S3",
        ["Storage__S3__ServiceUrl"] = motoUrl,
        ["Storage__S3__Region"] = Region,
        ["Storage__S3__ForcePathStyle"] = "true",
        ["Saga__Store"] = "DynamoDb",
        ["Saga__DynamoDb__ServiceUrl"] = motoUrl,
        ["Saga__DynamoDb__Region"] = Region,
        ["Saga__DynamoDb__CreateTable"] = "true",
        ["Saga__DynamoDb__WritesOneAtATime"] = "true",
        ["Logging__LogLevel__Default"] = "Information",
        // A message whose consumer was killed comes back this soon; a running consumer renews it.
        ["Messaging__SqsTransport__VisibilityTimeoutSeconds"] = "10",
        // LocalSageMaker answers in a second or two; the services' defaults are for SageMaker itself.
        ["JobWatcher__PollInterval"] = "00:00:01",
        ["Deployer__PollInterval"] = "00:00:01",
    };

    /// <summary>SIGKILL to a service's process (nothing of it runs on), then the same program started again.</summary>
    public async Task<ChildProcess> KillAndRestartAsync(string service, CancellationToken cancellationToken)
    {
        var name = service.ToLowerInvariant();
        var running = _processes.Single(p => p.Name == name);
        await running.KillAsync();
        _processes.Remove(running);
        await running.DisposeAsync();
        return await StartServiceAsync(service, cancellationToken);
    }

    /// <summary>The system's key pair: moto takes it, LocalSageMaker verifies it.</summary>
    public AWSCredentials Credentials => _credentials;

    /// <summary>A SageMaker client for LocalSageMaker, signing with the system's key pair.</summary>
    public SageMakerClient SageMaker() =>
        (_aws ??= new AwsClients(
            new AwsClientOptions { Region = Region, SageMakerServiceUrl = LocalSageMakerUrl, LogsServiceUrl = LocalSageMakerUrl, SageMakerRuntimeServiceUrl = LocalSageMakerUrl },
            new AwsCredentialsSource(_credentials))).SageMaker;

    /// <summary>
    /// Waits up to <paramref name="quiet"/> for the services' queues to empty, then counts what is still in them (not
    /// consumed), what waits there on a delay (the saga's stage timeouts: MassTransit's delayed scheduler cannot cancel
    /// them, and the finished saga ignores them when they come) and what is in the _error queues. Progress queues and
    /// the buses' own queues are not the services'.
    /// </summary>
    public async Task<(int Unconsumed, int Delayed, int InError)> QueueTallyAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        using var sqs = new AmazonSQSClient(_credentials, new AmazonSQSConfig { ServiceURL = MotoUrl, AuthenticationRegion = Region });
        var deadline = DateTime.UtcNow + quiet;
        while (true)
        {
            var (unconsumed, delayed, inError) = (0, 0, 0);
            foreach (var url in (await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = "pipeline_" }, cancellationToken)).QueueUrls ?? [])
            {
                var name = url[(url.LastIndexOf('/') + 1)..];
                if (name.Contains("pipeline-cli-progress", StringComparison.Ordinal) || name.Contains("_bus_", StringComparison.Ordinal))
                    continue;
                var attributes = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"], cancellationToken);
                var count = attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
                if (name.EndsWith("_error", StringComparison.Ordinal))
                    inError += count + attributes.ApproximateNumberOfMessagesDelayed;
                else
                {
                    unconsumed += count;
                    delayed += attributes.ApproximateNumberOfMessagesDelayed;
                }
            }

            if (unconsumed == 0 || DateTime.UtcNow >= deadline)
                return (unconsumed, delayed, inError);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task<ChildProcess> StartServiceAsync(string service, CancellationToken cancellationToken)
    {
        var (executable, arguments, environment) = _services[service];
        var process = Start(service.ToLowerInvariant(), executable, arguments, environment, Path.Combine(Folder, "logs"));
        await process.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), StartLimit, cancellationToken);
        return process;
    }


    private ChildProcess Start(string name, string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logs)
    {
        var process = ChildProcess.Start(name, executable, arguments, environment, Folder, logs);
        _processes.Add(process);
        return process;
    }

    private async Task CreateBucketsAsync(IReadOnlyList<string> buckets, CancellationToken cancellationToken)
    {
        using var s3 = new AmazonS3Client(_credentials, new AmazonS3Config { ServiceURL = MotoUrl, AuthenticationRegion = Region, ForcePathStyle = true });
        foreach (var bucket in buckets)
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
    }

    private static async Task WaitUntilAnswersAsync(ChildProcess process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (SocketException)
            {
                var why = process.HasExited ? $"exited with code {process.ExitCode}" : "does not answer";
                throw new ChildProcessException($"{process.Name} {why}; its log: {process.LogFile}{Environment.NewLine}{process.Tail()}");
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the services first (the Coordinator before the workers), then LocalSageMaker, then moto.</summary>
    public async ValueTask DisposeAsync()
    {
        _aws?.Dispose();
        for (var i = _processes.Count - 1; i >= 0; i--)
            await _processes[i].DisposeAsync();
        _processes.Clear();
    }
}
