using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.Cli.Tests.Support;
using Pipeline.Contracts;
using Pipeline.Evaluator;
using Pipeline.ServiceDefaults;
using Pipeline.Storage.Local;
using static Pipeline.Cli.Tests.Support.CommandLine;

namespace Pipeline.Cli.Tests.Commands;

/// <summary>
/// The XGBoost blog's experiment as `pipeline spec --algorithm xgboost` prints it, made small (3 instances, 8 store-item
/// series, 30 rounds): generated sales in one CSV file per series, real XGBoost on the simulated hosts, each model
/// scored by a batch transform job, no endpoint, everything deleted.
/// </summary>
public sealed class When_the_xgboost_experiment_runs_on_LocalSageMaker : IDisposable
{
    private const int Instances = 3;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task It_scores_both_models_by_batch_transform_and_leaves_no_model_or_endpoint_behind()
    {
        var specFile = await SmallXGBoostSpecAsync();
        var outFolder = Path.Combine(_folder.Path, "run");
        var probe = new DeploymentProbe();

        var (exitCode, console) = await Run(["run", "--spec", specFile, "--out", outFolder], services =>
            {
                services.AddSingleton(probe);
                services.AddBusRegistration(bus => bus.AddConsumer<DeploymentsSeen>());
                services.AddHostedService<ResourcesAfterTheRun>();
            })
            .WaitAsync(TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, string.Join('\n', console.Lines));
        var report = await ReportJsonFile.ReadAsync(outFolder);
        Assert.Equal(["replicated", "sharded"], report.Variants.Select(v => v.Variant).Order());
        Assert.Equal(DatasetContentTypes.Csv, report.Dataset.ContentType);
        foreach (var variant in report.Variants)
        {
            Assert.Equal(Instances, variant.Hosts.Count);
            Assert.True(variant.LogSpanSeconds > 0);
            Assert.Equal(report.Dataset.Counts!.TestRows, variant.Metrics.Rows);
            Assert.Equal(0, variant.Metrics.Invocations);
            Assert.Equal(Math.Sqrt(variant.Metrics.Mse), variant.Metrics.Rmse, 12);
            Assert.True(variant.Metrics.R2 > 0, $"{variant.Variant}: R2 {variant.Metrics.R2}");

            // The MSE is the one of the transform job's output against the test set's labels, recomputed here.
            var model = variant.TrainingJobName; // ResourceNames gives a variant's job and model one name
            Assert.True(probe.ModelsCreated.ContainsKey(model), $"{model} was not created");
            var labels = await LinesAsync(report.Dataset.TestObject);
            var scores = await LinesAsync(TransformLayout.For(report.Dataset.TestObject, model).OutputObject);
            Assert.Equal(labels.Count, scores.Count);
            var mse = labels.Zip(scores, (l, s) =>
            {
                var error = double.Parse(l.Split(',')[0], CultureInfo.InvariantCulture) - JsonDocument.Parse(s).RootElement.GetProperty("score").GetDouble();
                return error * error;
            }).Average();
            Assert.True(Math.Abs(mse - variant.Metrics.Mse) <= 1e-9 * mse, $"{variant.Variant}: {mse} vs {variant.Metrics.Mse}");
        }

        // Models only: created, scored by transform jobs on the spec's instances, then deleted; no endpoint at any time.
        Assert.Equal(2, probe.ModelsCreated.Count);
        Assert.Empty(probe.EndpointsInService);
        foreach (var (model, after) in probe.AfterTheRun)
            Assert.True(after.StartsWith("model gone; transform Completed on 1 x ml.m4.xlarge", StringComparison.Ordinal), $"{model}: {after}");
        Assert.Equal(probe.ModelsCreated.Keys.Order(), probe.AfterTheRun.Keys.Order());
        foreach (var variant in report.Variants)
            Assert.Contains(console.Lines, l => l.EndsWith($"{variant.Variant}: model {variant.TrainingJobName} deleted", StringComparison.Ordinal));
    }

    private async Task<string> SmallXGBoostSpecAsync()
    {
        var (exitCode, printed) = await Run(["spec", "--algorithm", "xgboost"]);
        Assert.Equal(0, exitCode);
        var spec = JsonSerializer.Deserialize<ExperimentSpec>(printed.Output, JsonSerializerOptions.Web)!;
        var hyperParameters = spec.HyperParameters.ToDictionary();
        hyperParameters["num_round"] = "30";
        spec = spec with
        {
            Data = spec.Data with { Sales = new SalesDataSpec { Stores = 2, Items = 4, Days = 240, ValidationDays = 28, TestDays = 28 } },
            Training = spec.Training with { InstanceCount = Instances },
            HyperParameters = hyperParameters,
        };
        return _folder.File("xgboost.json", JsonSerializer.Serialize(spec, JsonSerializerOptions.Web));
    }

    private static async Task<List<string>> LinesAsync(string uri)
    {
        var store = new LocalFolderObjectStore(Path.GetFullPath(Path.Combine("runs", "objects")));
        await using var stream = await store.OpenReadAsync(uri, default);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public sealed class DeploymentProbe
    {
        public ConcurrentDictionary<string, string> ModelsCreated { get; } = new();
        public ConcurrentDictionary<string, string> EndpointsInService { get; } = new();
        public ConcurrentDictionary<string, string> AfterTheRun { get; } = new();
    }

    public sealed class DeploymentsSeen(DeploymentProbe probe) : IConsumer<ModelCreated>, IConsumer<EndpointInService>
    {
        public Task Consume(ConsumeContext<ModelCreated> context)
        {
            probe.ModelsCreated[context.Message.ModelName] = context.Message.Variant;
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<EndpointInService> context)
        {
            probe.EndpointsInService[context.Message.EndpointName] = context.Message.Variant;
            return Task.CompletedTask;
        }
    }

    /// <summary>When the host stops, asks SageMaker about each model (it must be gone) and the transform job of the same name.</summary>
    public sealed class ResourcesAfterTheRun(DeploymentProbe probe, SageMakerClient sageMaker) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (var model in probe.ModelsCreated.Keys)
            {
                string state;
                try
                {
                    await sageMaker.DescribeModelAsync(new DescribeModelRequest { ModelName = model }, cancellationToken);
                    state = "model still there";
                }
                catch (AwsServiceException e) when (HostingErrors.IsNotFound(e))
                {
                    state = "model gone";
                }

                var job = await sageMaker.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = model }, cancellationToken);
                probe.AfterTheRun[model] = $"{state}; transform {job.TransformJobStatus} on {job.TransformResources?.InstanceCount} x {job.TransformResources?.InstanceType}";
            }
        }
    }
}
