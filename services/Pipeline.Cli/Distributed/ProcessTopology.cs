using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

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

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly List<ChildProcess> _processes = [];

    private ProcessTopology(string folder) => Folder = folder;

    public string Folder { get; }

    public string MotoUrl { get; private set; } = "";

    public string LocalSageMakerUrl { get; private set; } = "";

    public IReadOnlyList<ChildProcess> Processes => _processes;

    /// <summary>The settings a publisher (`pipeline run --transport sqs`) needs to reach this system.</summary>
    public IReadOnlyDictionary<string, string> PublisherSettings => new Dictionary<string, string>
    {
        ["Messaging__Transport"] = "Sqs",
        ["Messaging__SqsTransport__ServiceUrl"] = MotoUrl,
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

    /// <summary>The first process that ended while it should be running, or null.</summary>
    public ChildProcess? FirstEnded() => _processes.FirstOrDefault(p => p.HasExited);

    private async Task StartAllAsync(IReadOnlyList<string> buckets, Action<string> report, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(Folder, "logs");
        Directory.CreateDirectory(logs);
        // One key pair for this system: moto takes any, LocalSageMaker verifies it; it is in no log or file.
        var keyId = "PIPELINEUP" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
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
        await CreateBucketsAsync(buckets, new BasicAWSCredentials(keyId, secret), cancellationToken);
        report($"moto_server     {MotoUrl}  (SQS, SNS, DynamoDB, S3)  pid {moto.Id}");

        var localSageMaker = Start("localsagemaker", Executables.Service("Pipeline.LocalSageMaker", out var lsmPrefix),
            [.. lsmPrefix, "--port", "0", "--s3-endpoint", MotoUrl, "--work-root", Path.Combine(Folder, "localsagemaker")],
            new Dictionary<string, string>(credentials)
            {
                ["LocalSageMaker__Auth__AccessKeyId"] = keyId,
                ["LocalSageMaker__Auth__SecretAccessKey"] = secret,
            },
            logs);
        var listening = await localSageMaker.WaitForLineAsync(l => l.StartsWith("LocalSageMaker listening on ", StringComparison.Ordinal), StartLimit, cancellationToken);
        LocalSageMakerUrl = listening["LocalSageMaker listening on ".Length..].Trim().TrimEnd('/');
        report($"LocalSageMaker  {LocalSageMakerUrl}  pid {localSageMaker.Id}");

        var settings = new Dictionary<string, string>(credentials)
        {
            ["Messaging__Transport"] = "Sqs",
            ["Messaging__SqsTransport__ServiceUrl"] = MotoUrl,
            ["Aws__Region"] = Region,
            ["Aws__SageMakerServiceUrl"] = LocalSageMakerUrl,
            ["Aws__LogsServiceUrl"] = LocalSageMakerUrl,
            ["Aws__SageMakerRuntimeServiceUrl"] = LocalSageMakerUrl,
            ["Storage__Kind"] = "S3",
            ["Storage__S3__ServiceUrl"] = MotoUrl,
            ["Storage__S3__Region"] = Region,
            ["Storage__S3__ForcePathStyle"] = "true",
            ["Saga__Store"] = "DynamoDb",
            ["Saga__DynamoDb__ServiceUrl"] = MotoUrl,
            ["Saga__DynamoDb__Region"] = Region,
            ["Saga__DynamoDb__CreateTable"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            // LocalSageMaker answers in a second or two; the services' defaults are for SageMaker itself.
            ["JobWatcher__PollInterval"] = "00:00:01",
            ["Deployer__PollInterval"] = "00:00:01",
        };
        foreach (var service in Services)
        {
            var process = Start(service.ToLowerInvariant(), Executables.Service($"Pipeline.{service}", out var prefix), prefix, settings, logs);
            await process.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), StartLimit, cancellationToken);
            report($"{service,-15} queue pipeline_{Queue(service)}  pid {process.Id}");
        }
    }

    private static string Queue(string service) => service switch
    {
        "JobWatcher" => "job-watcher",
        _ => service.ToLowerInvariant(),
    };

    private ChildProcess Start(string name, string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logs)
    {
        var process = ChildProcess.Start(name, executable, arguments, environment, Folder, logs);
        _processes.Add(process);
        return process;
    }

    private async Task CreateBucketsAsync(IReadOnlyList<string> buckets, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        using var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = MotoUrl, AuthenticationRegion = Region, ForcePathStyle = true });
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
        for (var i = _processes.Count - 1; i >= 0; i--)
            await _processes[i].DisposeAsync();
        _processes.Clear();
    }
}
