using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Tests.Hosting;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Transform;

/// <summary>
/// LocalSageMaker as AddLocalSageMaker registers it (system clock), with a linear learner model of known weights
/// created in its hosting engine, and helpers to put CSV inputs and read outputs.
/// </summary>
public sealed class TransformHarness : IAsyncDisposable
{
    public const string ModelName = "known-weights";

    private TransformHarness(LocalSageMakerUnderTest local, TestModel model)
    {
        Local = local;
        Model = model;
    }

    public LocalSageMakerUnderTest Local { get; }

    public TestModel Model { get; }

    public ITransformJobApi Jobs => Local.Services.GetRequiredService<ITransformJobApi>();

    public static async Task<TransformHarness> StartAsync(int featureDim = 4, Dictionary<string, string?>? settings = null)
    {
        var local = new LocalSageMakerUnderTest(TimeProvider.System, settings: settings);
        var harness = new TransformHarness(local, new TestModel(featureDim));
        var url = $"s3://bucket/models/{ModelName}/model.tar.gz";
        await harness.Model.UploadAsync(local.Store, url, local.WorkRoot);
        await local.Services.GetRequiredService<HostingEngine>().CreateModelAsync(new CreateModelRequest
        {
            ModelName = ModelName,
            ExecutionRoleArn = HostingHarness.Role,
            PrimaryContainer = new ContainerDefinition { Image = HostingHarness.Image, ModelDataUrl = url },
        }, CancellationToken.None);
        return harness;
    }

    /// <summary>Rows as the notebook's CSV holds them: features only, one row per line, a final line break.</summary>
    public static string Csv(IEnumerable<float[]> rows) =>
        string.Concat(rows.Select(r => string.Join(',', r.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "\n"));

    public Task PutAsync(string uri, string text) => Local.PutAsync(uri, Encoding.UTF8.GetBytes(text));

    public async Task<string> GetTextAsync(string uri) => Encoding.UTF8.GetString(await Local.GetAsync(uri));

    public static CreateTransformJobRequest Request(string name, string inputUri, string outputPath, int instances = 1,
        string batchStrategy = "MultiRecord", string accept = "application/jsonlines", int? maxPayloadInMB = 6, string dataType = "S3Prefix") => new()
    {
        TransformJobName = name,
        ModelName = ModelName,
        BatchStrategy = batchStrategy,
        MaxPayloadInMB = maxPayloadInMB,
        TransformInput = new TransformInput
        {
            DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = dataType, S3Uri = inputUri } },
            ContentType = "text/csv",
            SplitType = "Line",
        },
        TransformOutput = new TransformOutput { S3OutputPath = outputPath, Accept = accept, AssembleWith = "Line" },
        TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = instances },
    };

    public Task<DescribeTransformJobResponse> DescribeAsync(string name) =>
        Jobs.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = name }, CancellationToken.None);

    /// <summary>Describes the job until it has ended (Completed, Failed or Stopped), for at most 20 seconds.</summary>
    public async Task<DescribeTransformJobResponse> EndOfAsync(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var job = await DescribeAsync(name);
            if (job.TransformJobStatus is "Completed" or "Failed" or "Stopped")
                return job;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Transform job {name} is still {job.TransformJobStatus}.");
            await Task.Delay(10);
        }
    }

    /// <summary>The scores of a jsonlines output, one per line.</summary>
    public static double[] JsonLinesScores(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("score").GetDouble())];

    public ValueTask DisposeAsync() => Local.DisposeAsync();
}
