using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Pipeline.Cli.Specs;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.Testing;

namespace Pipeline.Cli.Tests.Distributed;

/// <summary>
/// The distributed topology as processes (moto_server for SQS, SNS, DynamoDB and S3; LocalSageMaker; the Coordinator
/// and five workers), started by `pipeline up`, and experiments started from other processes.
/// </summary>
[Collection(DistributedCollection.Name)]
public sealed partial class When_every_service_runs_in_a_process_of_its_own(RunningSystem system) : IClassFixture<RunningSystem>
{
    private const string RowsPerYear = "4000";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Up_names_every_process_and_its_servers_take_connections_on_loopback_only()
    {
        // moto_server, LocalSageMaker and six services, each with its pid.
        Assert.Equal(8, system.ChildIds.Count);
        foreach (var name in new[] { "Coordinator", "Ingestor", "Trainer", "JobWatcher", "Deployer", "Evaluator" })
            Assert.Contains(name, system.UpOutput, StringComparison.Ordinal);

        // The two servers it starts (the services listen on no port): reachable here, not from the machine's other address.
        var elsewhere = ThisMachine.NonLoopbackAddress().ToString();
        foreach (var server in new[] { new Uri(system.MotoUrl), new Uri(system.LocalSageMakerUrl) })
        {
            Assert.True(await ThisMachine.AcceptsConnectionsAsync("127.0.0.1", server.Port), $"{server} takes no connection on loopback");
            Assert.False(await ThisMachine.AcceptsConnectionsAsync(elsewhere, server.Port), $"{server} takes connections on {elsewhere}");
        }
    }

    [Fact]
    public async Task Its_LocalSageMaker_runs_nothing_a_caller_without_the_systems_key_names()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, system.LocalSageMakerUrl)
        {
            Content = new StringContent(
                """{"TrainingJobName":"named-by-a-stranger","AlgorithmSpecification":{"TrainingImage":"local:id","TrainingInputMode":"File"}}""",
                Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "SageMaker.CreateTrainingJob");

        using var response = await http.SendAsync(request);

        // Refused by the signature check, before the operation: `up` gives its key pair to its services only, and local:
        // commands are off anyway.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_LocalSageMaker_refuses_the_well_known_test_key_that_reaches_moto()
    {
        // test/test is what the README's publisher uses for moto; it signs correctly, but it is not the system's key.
        using var clients = new Pipeline.Aws.AwsClients(
            new Pipeline.Aws.AwsClientOptions { Region = "us-east-1", SageMakerServiceUrl = system.LocalSageMakerUrl, MaxAttempts = 1 },
            new Pipeline.Aws.Http.AwsCredentialsSource(new BasicAWSCredentials("test", "test")), environment: _ => null);

        var refused = await Assert.ThrowsAsync<Pipeline.Aws.AwsServiceException>(() =>
            clients.SageMaker.ListTrainingJobsAsync(new Pipeline.Aws.SageMaker.ListTrainingJobsRequest()));

        Assert.Equal("UnrecognizedClientException", refused.ErrorCode);
    }

    [Fact]
    public async Task An_experiment_published_from_another_process_completes_with_the_report_of_an_embedded_run()
    {
        using var temp = new TempFolder();
        var folder = temp.Path;
        using var distributed = PipelineProcess.Start(folder, system.PublisherEnvironment(),
            ["run", "--transport", "sqs", "--rows-per-year", RowsPerYear, "--out", "distributed"]);
        using var embedded = PipelineProcess.Start(folder, null, ["run", "--rows-per-year", RowsPerYear, "--out", "embedded"]);
        Assert.True(await distributed.WaitForExitAsync(RunLimit) == 0, system.WithServiceLogs(distributed.Output));
        Assert.True(await embedded.WaitForExitAsync(RunLimit) == 0, embedded.Output);

        var d = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "distributed", "report.json")))!;
        var e = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "embedded", "report.json")))!;
        Assert.Equal(Paths(e), Paths(d));
        Assert.Equal(e["dataset"]!["digest"]!.GetValue<string>(), d["dataset"]!["digest"]!.GetValue<string>());
        Assert.Equal(e["dataset"]!["counts"]!.ToJsonString(), d["dataset"]!["counts"]!.ToJsonString());
        var variants = d["variants"]!.AsArray();
        Assert.Equal(["replicated", "sharded"], variants.Select(v => v!["variant"]!.GetValue<string>()));
        for (var i = 0; i < variants.Count; i++)
        {
            var (dv, ev) = (variants[i]!, e["variants"]![i]!);
            Assert.Equal(ev["instanceCount"]!.GetValue<int>(), dv["instanceCount"]!.GetValue<int>());
            Assert.Equal(ev["trainDistribution"]!.ToJsonString(), dv["trainDistribution"]!.ToJsonString());
            // The same data, hyperparameters and seed: the same model within floating-point noise.
            var (dMse, eMse) = (dv["metrics"]!["mse"]!.GetValue<double>(), ev["metrics"]!["mse"]!.GetValue<double>());
            Assert.InRange(dMse, eMse * 0.98, eMse * 1.02);
        }

        Assert.Contains("[Completed] experiment completed", distributed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xgboost_blogs_experiment_creates_models_only_and_scores_them_by_batch_transform_over_the_queues()
    {
        using var temp = new TempFolder();
        var blog = DefaultSpec.CreateXGBoost();
        var small = blog with
        {
            Data = blog.Data with { Sales = new SalesDataSpec { Stores = 2, Items = 3, Days = 200 } },
            Training = blog.Training with { InstanceCount = 3 },
            HyperParameters = XGBoostBlog.HyperParameters(rounds: 20),
        };
        var spec = temp.File("xgboost.json", JsonSerializer.Serialize(small, SpecJson.Options));

        using var run = PipelineProcess.Start(temp.Path, system.PublisherEnvironment(), ["run", "--transport", "sqs", "--spec", spec, "--out", "xgboost"]);

        Assert.True(await run.WaitForExitAsync(RunLimit) == 0, system.WithServiceLogs(run.Output));
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(temp.Path, "xgboost", "report.json")))!;
        foreach (var variant in report["variants"]!.AsArray())
        {
            var name = variant!["variant"]!.GetValue<string>();
            var job = variant["trainingJobName"]!.GetValue<string>();
            Assert.Equal(2 * 3 * 28, variant["metrics"]!["rows"]!.GetValue<long>()); // 6 series x 28 test days
            Assert.Equal(0, variant["metrics"]!["invocations"]!.GetValue<int>());
            // ModelCreated reached the saga and the CLI through SNS and SQS; no endpoint was deployed.
            Assert.Contains($"{name}: model {job} created, scoring it with a batch transform job", run.Output, StringComparison.Ordinal);
            Assert.Contains($"{name}: model {job} deleted", run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("in service", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_starts_an_experiment_by_publishing_the_StartExperiment_JSON_with_boto3_alone()
    {
        using var temp = new TempFolder();
        var folder = temp.Path;
        using var specCommand = PipelineProcess.Start(folder, null, ["spec"]);
        Assert.Equal(0, await specCommand.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var spec = JsonNode.Parse(specCommand.Output)!;
        spec["data"]!["rowsPerYear"] = long.Parse(RowsPerYear, System.Globalization.CultureInfo.InvariantCulture);
        var specFile = Path.Combine(folder, "spec.json");
        await File.WriteAllTextAsync(specFile, spec.ToJsonString());
        var script = Path.Combine(folder, "start_experiment.py");
        await File.WriteAllTextAsync(script, StartExperimentScript);
        var experimentId = Guid.NewGuid().ToString();

        var (exitCode, output) = await RunPythonAsync(script, system.MotoUrl, experimentId, specFile);

        Assert.True(exitCode == 0, system.WithServiceLogs(output));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("urn:message:Pipeline.Contracts:ExperimentCompleted", lines);
        var completed = JsonNode.Parse(lines[^1])!;
        Assert.Equal(experimentId, completed["experimentId"]!.GetValue<string>());
        Assert.Equal(2, completed["report"]!["variants"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_malformed_body_on_each_service_queue_lands_in_its_error_queue_with_the_reason_while_an_experiment_flows()
    {
        using var temp = new TempFolder();
        var folder = temp.Path;
        using var run = PipelineProcess.Start(folder, system.PublisherEnvironment(),
            ["run", "--transport", "sqs", "--rows-per-year", RowsPerYear, "--out", "run"]);
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = system.MotoUrl, AuthenticationRegion = "us-east-1" });
        var poison = $"{{ not json {Guid.NewGuid()}";
        var queues = new[] { "coordinator", "ingestor", "trainer", "job-watcher", "deployer", "evaluator" };
        foreach (var queue in queues)
        {
            await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = (await sqs.GetQueueUrlAsync($"pipeline_{queue}")).QueueUrl,
                MessageBody = poison,
                MessageAttributes = new() { ["Content-Type"] = new() { DataType = "String", StringValue = "application/vnd.masstransit+json" } },
            });
        }

        Assert.True(await run.WaitForExitAsync(RunLimit) == 0, system.WithServiceLogs(run.Output));
        foreach (var queue in queues)
        {
            var errorQueue = (await sqs.GetQueueUrlAsync($"pipeline_{queue}_error")).QueueUrl;
            var landed = await ReceiveBodyAsync(sqs, errorQueue, poison);
            Assert.True(landed is not null, $"the malformed body never reached pipeline_{queue}_error");
            var reason = landed!.MessageAttributes.TryGetValue("MT-Fault-Message", out var message) ? message.StringValue : null;
            Assert.False(string.IsNullOrWhiteSpace(reason), $"pipeline_{queue}_error: no MT-Fault-Message among {string.Join(", ", landed.MessageAttributes.Keys)}");
        }
    }

    private static async Task<Message?> ReceiveBodyAsync(AmazonSQSClient sqs, string queueUrl, string body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                VisibilityTimeout = 0,
                MessageAttributeNames = ["All"],
            });
            if (received.Messages?.FirstOrDefault(m => m.Body == body) is { } message)
                return message;
        }

        return null;
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(RunLimit);
        await python.WaitForExitAsync(deadline.Token);
        return (python.ExitCode, await stdout + await stderr);
    }

    private static List<string> Paths(JsonNode node, string at = "")
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    // The dataset's object list and the dropped-row reasons are data, not fields.
                    paths.Add($"{at}.{name}");
                    if (child is not null && name is not ("objects" or "dropped" or "malformedExamples" or "vocabulary" or "hosts"))
                        paths.AddRange(Paths(child, $"{at}.{name}"));
                }

                break;
            case JsonArray a when a.Count > 0 && a[0] is { } first:
                paths.AddRange(Paths(first, at + "[]"));
                break;
        }

        return paths;
    }

    /// <summary>
    /// What a platform written in Python does: subscribe a queue of its own to the end events, publish StartExperiment to
    /// its topic as README's "Starting an experiment from any language" shows, and wait for the end event.
    /// </summary>
    private const string StartExperimentScript = """
        import datetime, json, sys, time, uuid
        import boto3

        url, experiment_id, spec_file = sys.argv[1:4]
        aws = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
        sns, sqs = boto3.client("sns", **aws), boto3.client("sqs", **aws)

        queue = sqs.create_queue(QueueName="platform-" + experiment_id[:8])["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        for end in ["ExperimentCompleted", "ExperimentFailed", "ExperimentRejected", "ExperimentCancelled"]:
            topic = sns.create_topic(Name="pipeline_Pipeline_Contracts-" + end)["TopicArn"]
            sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})

        start = sns.create_topic(Name="pipeline_Pipeline_Contracts-StartExperiment")["TopicArn"]
        envelope = {
            "messageId": str(uuid.uuid4()),
            "messageType": ["urn:message:Pipeline.Contracts:StartExperiment"],
            "message": {"experimentId": experiment_id, "spec": json.load(open(spec_file))},
            "sentTime": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        }
        sns.publish(TopicArn=start, Message=json.dumps(envelope),
                    MessageAttributes={"Content-Type": {"DataType": "String", "StringValue": "application/vnd.masstransit+json"}})

        deadline = time.time() + 240
        while time.time() < deadline:
            for m in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=5, MaxNumberOfMessages=10).get("Messages", []):
                body = json.loads(m["Body"])
                if body["message"].get("experimentId") == experiment_id:
                    print(body["messageType"][0])
                    print(json.dumps(body["message"]))
                    sys.exit(0)
        print("no end event within 240 s")
        sys.exit(1)
        """;
}
