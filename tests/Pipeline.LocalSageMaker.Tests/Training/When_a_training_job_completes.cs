using System.Text;
using System.Text.Json;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_a_training_job_completes : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new(settings: new() { ["LocalSageMaker:Region"] = "eu-west-1", ["LocalSageMaker:AccountId"] = "123456789012" });

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Fact]
    public async Task Goes_through_the_secondary_statuses_in_order_with_their_times()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1, 2, 3]);
        var trainingFor = TimeSpan.FromSeconds(42);
        DescribeTrainingJobResponse? whileTraining = null;
        _local.Algorithm.Train = async (cluster, _) =>
        {
            whileTraining = await _local.DescribeAsync(cluster.JobName);
            _local.Clock.Advance(trainingFor);
        };
        var created = _local.Clock.GetUtcNow();

        var response = await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 3), default);
        var job = await _local.EndOfAsync("job-1");

        Assert.Equal("arn:aws:sagemaker:eu-west-1:123456789012:training-job/job-1", response.TrainingJobArn);
        Assert.Equal(response.TrainingJobArn, job.TrainingJobArn);
        Assert.Equal(("InProgress", "Training"), (whileTraining!.TrainingJobStatus, whileTraining.SecondaryStatus));
        Assert.Equal(("Completed", "Completed"), (job.TrainingJobStatus, job.SecondaryStatus));
        var transitions = job.SecondaryStatusTransitions!;
        Assert.Equal(["Starting", "Downloading", "Training", "Uploading", "Completed"], transitions.Select(t => t.Status));
        Assert.All(transitions, t => Assert.False(string.IsNullOrEmpty(t.StatusMessage)));
        for (var i = 0; i + 1 < transitions.Count; i++)
            Assert.Equal(transitions[i + 1].StartTime, transitions[i].EndTime);
        Assert.Equal(trainingFor, transitions[2].EndTime - transitions[2].StartTime);
        Assert.Equal(created, job.CreationTime);
        Assert.Equal(transitions[1].StartTime, job.TrainingStartTime);
        Assert.Equal(transitions[4].StartTime, job.TrainingEndTime);
        Assert.Equal(job.TrainingEndTime, job.LastModifiedTime);
        Assert.Equal(42, job.TrainingTimeInSeconds);
        Assert.Equal(42, job.BillableTimeInSeconds); // per instance, not times three
        Assert.Null(job.FailureReason);
    }

    [Fact]
    public async Task Describes_the_request_with_the_service_defaults_filled_in()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        var request = Requests.Valid("job-1") with { StoppingCondition = new StoppingCondition() };

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        var job = await _local.EndOfAsync("job-1");

        var channel = Assert.Single(job.InputDataConfig!);
        Assert.Equal(("None", "None"), (channel.CompressionType, channel.RecordWrapperType));
        Assert.Equal("FullyReplicated", channel.DataSource!.S3DataSource!.S3DataDistributionType);
        Assert.Equal(24 * 3600, job.StoppingCondition!.MaxRuntimeInSeconds);
        Assert.Equal("GZIP", job.OutputDataConfig!.CompressionType);
        Assert.Equal("", job.OutputDataConfig.KmsKeyId);
        Assert.Equal((false, false, false), (job.EnableNetworkIsolation, job.EnableInterContainerTrafficEncryption, job.EnableManagedSpotTraining));
        Assert.False(job.AlgorithmSpecification!.EnableSageMakerMetricsTimeSeries);
        Assert.Equal(request.HyperParameters, job.HyperParameters);
        Assert.Equal(request.RoleArn, job.RoleArn);
        Assert.Equal(request.ResourceConfig, job.ResourceConfig);
    }

    [Fact]
    public async Task Packs_algo_1s_model_at_the_root_and_the_other_hosts_models_under_their_names()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        _local.Algorithm.Train = (cluster, _) =>
        {
            var first = cluster.Hosts[0].Folders.Model;
            File.WriteAllText(Path.Combine(first, "model.json"), "{\"w\":[1,2]}");
            Directory.CreateDirectory(Path.Combine(first, "nested"));
            File.WriteAllBytes(Path.Combine(first, "nested", "weights.bin"), [9, 8, 7]);
            File.WriteAllText(Path.Combine(cluster.Hosts[1].Folders.Model, "part.txt"), "from algo-2");
            return Task.CompletedTask; // algo-3 writes nothing
        };

        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 3), default);
        var job = await _local.EndOfAsync("job-1");

        var expectedUri = $"{Requests.OutputPath}/job-1/output/model.tar.gz";
        Assert.Equal(expectedUri, job.ModelArtifacts?.S3ModelArtifacts);
        var entries = await _local.ArchiveEntriesAsync(expectedUri);
        Assert.Equal(["algo-2/", "algo-2/part.txt", "model.json", "nested/", "nested/weights.bin"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("{\"w\":[1,2]}", Encoding.UTF8.GetString(entries["model.json"]!));
        Assert.Equal([9, 8, 7], entries["nested/weights.bin"]);
        Assert.Equal("from algo-2", Encoding.UTF8.GetString(entries["algo-2/part.txt"]!));
    }

    [Fact]
    public async Task Writes_each_hosts_config_files_as_the_container_contract_says()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.PutAsync("s3://data/gdelt/validation/1979.data", [2]);
        var configs = new Dictionary<string, (JsonElement Hyper, JsonElement Resource, JsonElement Input)>();
        _local.Algorithm.Train = (cluster, _) =>
        {
            foreach (var host in cluster.Hosts)
            {
                JsonElement Read(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(host.Folders.Root, "input", "config", file))).RootElement;
                configs[host.Name] = (Read("hyperparameters.json"), Read("resourceconfig.json"), Read("inputdataconfig.json"));
            }

            return Task.CompletedTask;
        };
        var request = Requests.Valid("job-1", instances: 3, channels:
        [
            Requests.Channel("train", "s3://data/gdelt/train/", "ShardedByS3Key", contentType: "application/x-recordio-protobuf", recordWrapper: "RecordIO"),
            Requests.Channel("validation", "s3://data/gdelt/validation/"),
        ]);

        await _local.Jobs.CreateTrainingJobAsync(request, default);
        Assert.Equal("Completed", (await _local.EndOfAsync("job-1")).TrainingJobStatus);

        Assert.Equal(["algo-1", "algo-2", "algo-3"], configs.Keys.Order());
        foreach (var (host, (hyper, resource, input)) in configs)
        {
            Assert.Equal(request.HyperParameters, hyper.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
            Assert.Equal(host, resource.GetProperty("current_host").GetString());
            Assert.Equal(["algo-1", "algo-2", "algo-3"], resource.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
            Assert.Equal("eth0", resource.GetProperty("network_interface_name").GetString());
            Assert.Equal(
                """{"TrainingInputMode":"File","S3DistributionType":"ShardedByS3Key","RecordWrapperType":"RecordIO","ContentType":"application/x-recordio-protobuf"}""",
                input.GetProperty("train").GetRawText());
            Assert.Equal(
                """{"TrainingInputMode":"File","S3DistributionType":"FullyReplicated","RecordWrapperType":"None"}""",
                input.GetProperty("validation").GetRawText());
        }
    }

    [Fact]
    public async Task Gives_each_host_a_folder_of_its_own_and_removes_them_afterwards()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 3), default);
        await _local.EndOfAsync("job-1");

        var cluster = Assert.Single(_local.Algorithm.Clusters);
        Assert.Equal(["algo-1", "algo-2", "algo-3"], cluster.Hosts.Select(h => h.Name));
        Assert.Equal(3, cluster.Hosts.Select(h => h.Folders.Root).Distinct().Count());
        Assert.All(cluster.Hosts, h => Assert.StartsWith(_local.WorkRoot, h.Folders.Root, StringComparison.Ordinal));
        Assert.All(cluster.Hosts, h => Assert.False(Directory.Exists(h.Folders.Root)));
    }

    [Fact]
    public async Task Runs_jobs_at_the_same_time_when_capacity_allows()
    {
        await using var local = new LocalSageMakerUnderTest(settings: new() { ["LocalSageMaker:MaxConcurrentTrainingJobs"] = "2" });
        await local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        var started = new Dictionary<string, TaskCompletionSource>
        {
            ["job-a"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["job-b"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        // Each job trains only once the other is training too: they finish only if they run concurrently.
        local.Algorithm.Train = async (cluster, ct) =>
        {
            started[cluster.JobName].SetResult();
            await started[cluster.JobName == "job-a" ? "job-b" : "job-a"].Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        };

        await local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-a"), default);
        await local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-b"), default);

        Assert.Equal("Completed", (await local.EndOfAsync("job-a")).TrainingJobStatus);
        Assert.Equal("Completed", (await local.EndOfAsync("job-b")).TrainingJobStatus);
    }

    [Fact]
    public async Task Refuses_a_second_job_of_the_same_name()
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", [1]);
        var first = await _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1"), default);

        var refused = await Assert.ThrowsAsync<ResourceInUseException>(() => _local.Jobs.CreateTrainingJobAsync(Requests.Valid("job-1", instances: 5), default));

        Assert.Contains(first.TrainingJobArn!, refused.ServiceMessage, StringComparison.Ordinal);
        var job = await _local.EndOfAsync("job-1");
        Assert.Equal(("Completed", 2), (job.TrainingJobStatus, job.ResourceConfig!.InstanceCount));
    }

    [Fact]
    public async Task Answers_a_job_it_does_not_have_as_SageMaker_does()
    {
        var describe = await Assert.ThrowsAsync<ResourceNotFoundException>(() => _local.DescribeAsync("nope"));
        var stop = await Assert.ThrowsAsync<ResourceNotFoundException>(() => _local.Jobs.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "nope" }, default));

        Assert.Equal("Requested resource not found.", describe.ServiceMessage);
        Assert.Equal("Requested resource not found.", stop.ServiceMessage);
        // SageMaker's own answer on the wire: ValidationException, not its model's ResourceNotFound.
        Assert.Equal(("ValidationException", "ValidationException"), (describe.ErrorCode, stop.ErrorCode));
    }
}
