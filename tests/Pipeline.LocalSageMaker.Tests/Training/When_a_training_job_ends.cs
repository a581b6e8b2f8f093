using Amazon.Runtime;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.Aws.Logs;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.Tests.Training;

/// <summary>
/// As SageMaker does, a job's instances (here its host folders, the stand-ins for /opt/ml with the copies of the input
/// data) go when the job ends, however it ends; its description, its logs and its uploaded model stay.
/// </summary>
public sealed class When_a_training_job_ends : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new(TimeProvider.System);

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Theory]
    [InlineData("Completed")]
    [InlineData("Failed")]
    [InlineData("Stopped")]
    public async Task Its_host_folders_are_gone_and_its_description_logs_and_model_remain(string outcome)
    {
        await _local.PutAsync("s3://data/gdelt/train/1979.data", new byte[4096]);
        var hostRoots = new List<string>();
        _local.Algorithm.Train = async (cluster, halted) =>
        {
            foreach (var host in cluster.Hosts)
            {
                hostRoots.Add(host.Folders.Root);
                host.Log.Write($"{host.Name} saw {Directory.EnumerateFiles(host.Folders.InputData, "*", SearchOption.AllDirectories).Count()} input files");
                await File.WriteAllTextAsync(Path.Combine(host.Folders.Model, "model.txt"), "weights", halted);
            }

            if (outcome == "Failed")
                throw new AlgorithmErrorException("AlgorithmError: the test said so");
            if (outcome == "Stopped")
                await Task.Delay(Timeout.Infinite, halted);
        };
        await using var server = new LocalSageMakerServer(_local.Services);
        var address = (await server.StartAsync()).ToString();
        using var clients = new AwsClients(
            new AwsClientOptions { Region = "us-east-1", SageMakerServiceUrl = address, LogsServiceUrl = address, MaxAttempts = 1 },
            new AwsCredentialsSource(new BasicAWSCredentials("test", "test")), environment: _ => null);

        await clients.SageMaker.CreateTrainingJobAsync(Requests.Valid("ends", instances: 2));
        if (outcome == "Stopped")
        {
            while ((await _local.DescribeAsync("ends")).SecondaryStatus != "Training")
                await Task.Delay(10);
            await clients.SageMaker.StopTrainingJobAsync(new StopTrainingJobRequest { TrainingJobName = "ends" });
        }

        await _local.EndOfAsync("ends");
        var job = await clients.SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = "ends" });
        var events = await clients.Logs.GetLogEventsAsync(new GetLogEventsRequest
        {
            LogGroupName = "/aws/sagemaker/TrainingJobs",
            LogStreamName = (await clients.Logs.DescribeLogStreamsAsync(new DescribeLogStreamsRequest
            {
                LogGroupName = "/aws/sagemaker/TrainingJobs",
                LogStreamNamePrefix = "ends/algo-1",
            })).LogStreams!.Single().LogStreamName,
            StartFromHead = true,
        });

        Assert.Equal(outcome, job.TrainingJobStatus);
        Assert.Equal(2, hostRoots.Count);
        Assert.All(hostRoots, root => Assert.False(Directory.Exists(root), $"{root} is still there"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_local.WorkRoot));
        Assert.Contains(events.Events!, e => e.Message == "algo-1 saw 1 input files");
        if (outcome != "Failed")
            Assert.Contains("model.txt", (await _local.ArchiveEntriesAsync(job.ModelArtifacts!.S3ModelArtifacts!)).Keys);
    }
}
