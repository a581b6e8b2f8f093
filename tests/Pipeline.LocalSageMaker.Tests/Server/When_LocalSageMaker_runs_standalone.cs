using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3.Model;
using Pipeline.Aws;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Server;
using Pipeline.Testing;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>The built program, started as a user starts it, read through what it prints.</summary>
public sealed class When_LocalSageMaker_runs_standalone(MotoServer moto) : IDisposable, IClassFixture<MotoServer>
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("localsagemaker-standalone-").FullName;

    private const string ByoCommand = "echo \"$SM_CURRENT_HOST read $(cat \"$SM_CHANNEL_TRAIN\"/part-0.csv | wc -l) rows\"; echo trained > \"$SM_MODEL_DIR/model.txt\"";

    [Fact]
    public async Task It_starts_on_a_free_port_and_prints_its_address_and_the_variables_for_boto3()
    {
        using var process = Start(["--port", "0", "--objects", Path.Combine(_folder, "objects"), "--work-root", Path.Combine(_folder, "work")]);
        try
        {
            var banner = await ReadBannerAsync(process);
            var address = new Uri(banner[0][LocalSageMakerCommandLine.ListeningPrefix.Length..]);

            Assert.Equal(IPAddress.Loopback, IPAddress.Parse(address.Host));
            Assert.NotEqual(0, address.Port);
            Assert.Contains($"export AWS_ENDPOINT_URL_SAGEMAKER=http://127.0.0.1:{address.Port}", banner);
            Assert.Contains($"export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://127.0.0.1:{address.Port}", banner);
            Assert.Contains($"export AWS_ENDPOINT_URL_CLOUDWATCH=http://127.0.0.1:{address.Port}", banner);
            Assert.Contains("  GraniteServiceVersion20100801: GetMetricStatistics, ListMetrics", banner);
            Assert.Contains("  GraniteServiceVersion20100801 (CloudWatch) also in rpc-v2-cbor: GetMetricStatistics, ListMetrics", banner);
            Assert.Contains(banner, l => l.StartsWith("UNAUTHENTICATED: anyone who reaches this port can use it", StringComparison.Ordinal));
            // It speaks the protocol at that address (an operation it does not serve needs no engine to answer).
            var (status, body) = await PostAsync(address, "SageMaker.CreateHyperParameterTuningJob");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("\"__type\":\"UnknownOperationException\"", body, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    [Fact]
    public async Task It_takes_its_port_from_the_environment_when_the_command_line_gives_none()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            using var process = Start([], new() { ["LocalSageMaker__Server__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            try
            {
                var banner = await ReadBannerAsync(process);

                Assert.Equal($"{LocalSageMakerCommandLine.ListeningPrefix}http://127.0.0.1:{port}", banner[0]);
                return;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // the port was taken between asking for it and binding it: "Cannot start: ..." and no banner
            }
            finally
            {
                await StopAsync(process);
            }
        }
    }

    [Fact]
    public async Task It_refuses_a_host_that_is_not_an_IP_address_with_the_configuration_exit_code()
    {
        using var process = Start(["--host", "not-an-address"]);
        using var deadline = new CancellationTokenSource(StartDeadline);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);

        await process.WaitForExitAsync(deadline.Token);

        Assert.Equal(LocalSageMakerCommandLine.InvalidConfiguration, process.ExitCode);
        Assert.Contains("LocalSageMaker:Server:Host", await errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_trains_from_and_into_an_S3_endpoint_driven_by_the_projects_clients()
    {
        using var s3 = moto.CreateS3Client();
        await s3.PutBucketAsync("standalone");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "standalone", Key = "data/train/part-0.csv", ContentBody = "1,2\n3,4\n" });
        var credentials = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS_DEFAULT_REGION"] = "us-east-1",
            ["LocalSageMaker__Training__AllowedCommands__0"] = ByoCommand,
        };
        using var process = Start(["--port", "0", "--s3-endpoint", moto.EndpointUrl, "--work-root", Path.Combine(_folder, "work")], credentials);
        try
        {
            var banner = await ReadBannerAsync(process);
            var address = banner[0][LocalSageMakerCommandLine.ListeningPrefix.Length..];
            using var clients = new AwsClients(
                new AwsClientOptions { Region = "us-east-1", SageMakerServiceUrl = address, LogsServiceUrl = address },
                MotoServer.AwsCredentials(), environment: _ => null);

            await clients.SageMaker.CreateTrainingJobAsync(new CreateTrainingJobRequest
            {
                TrainingJobName = "standalone-byo",
                AlgorithmSpecification = new AlgorithmSpecification
                {
                    TrainingImage = "local:" + ByoCommand,
                    TrainingInputMode = "File",
                },
                RoleArn = "arn:aws:iam::000000000000:role/test",
                InputDataConfig =
                [
                    new Channel
                    {
                        ChannelName = "train",
                        DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://standalone/data/train/", S3DataDistributionType = "FullyReplicated" } },
                    },
                ],
                OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://standalone/output/" },
                ResourceConfig = new ResourceConfig { InstanceCount = 2, InstanceType = "ml.m5.large", VolumeSizeInGB = 1 },
                StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 60 },
            });
            var job = await EndOfAsync(clients.SageMaker, "standalone-byo");

            Assert.True(job.TrainingJobStatus == "Completed", job.FailureReason);
            Assert.Equal("s3://standalone/output/standalone-byo/output/model.tar.gz", job.ModelArtifacts!.S3ModelArtifacts);
            using var artifact = await s3.GetObjectAsync("standalone", "output/standalone-byo/output/model.tar.gz");
            Assert.Contains("model.txt", await EntriesAsync(artifact.ResponseStream));

            var streams = await clients.Logs.Paginators.DescribeLogStreams(new DescribeLogStreamsRequest
            {
                LogGroupName = "/aws/sagemaker/TrainingJobs",
                LogStreamNamePrefix = "standalone-byo/",
            }).Items.Select(s => s.LogStreamName!).ToListAsync();
            Assert.Equal(2, streams.Count);
            foreach (var (stream, host) in streams.Order().Zip(["algo-1", "algo-2"]))
            {
                var lines = await clients.Logs.Paginators.GetLogEvents(new GetLogEventsRequest
                {
                    LogGroupName = "/aws/sagemaker/TrainingJobs",
                    LogStreamName = stream,
                    StartFromHead = true,
                }).Items.Select(e => e.Message!).ToListAsync();
                Assert.Contains($"{host} read 2 rows", lines);
            }
        }
        finally
        {
            await StopAsync(process);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<DescribeTrainingJobResponse> EndOfAsync(SageMakerClient sageMaker, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var job = await sageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = name });
            if (job.TrainingJobStatus is "Completed" or "Failed" or "Stopped" || DateTime.UtcNow > deadline)
                return job;
            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> EntriesAsync(Stream archive)
    {
        await using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (await tar.GetNextEntryAsync() is { } entry)
            names.Add(entry.Name.TrimStart('.', '/'));
        return names;
    }

    private static Process Start(string[] arguments, Dictionary<string, string>? environment = null)
    {
        // The program is built beside the tests (project reference); run it with the dotnet that runs the tests.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pipeline.LocalSageMaker.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in (string[])["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "LocalSageMaker__Server__Port", "LocalSageMaker__Server__Host"])
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? [])
            start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>The lines from "LocalSageMaker listening on" to the last export line.</summary>
    private static async Task<List<string>> ReadBannerAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(StartDeadline);
        var seen = new StringBuilder();
        var banner = new List<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.StartsWith(LocalSageMakerCommandLine.ListeningPrefix, StringComparison.Ordinal) || banner.Count > 0)
                    banner.Add(line);
                if (line.StartsWith("export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=", StringComparison.Ordinal))
                    return banner;
            }
        }
        catch (OperationCanceledException)
        {
            // reported below with what it printed
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException(
            $"LocalSageMaker printed no address within {StartDeadline.TotalSeconds} s. Its output:\n{seen}\nIts errors:\n{await process.StandardError.ReadToEndAsync()}");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri address, string target)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent("{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Add("X-Amz-Target", target);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
