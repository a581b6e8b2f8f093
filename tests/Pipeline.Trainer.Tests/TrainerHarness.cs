using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Contracts;
using Pipeline.ServiceDefaults;

namespace Pipeline.Trainer.Tests;

/// <summary>The Trainer as its host registers it, with the control plane replaced and retries in milliseconds.</summary>
public sealed class TrainerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TrainerHarness(ServiceProvider provider, ITestHarness harness)
    {
        _provider = provider;
        Harness = harness;
    }

    public ITestHarness Harness { get; }

    public static async Task<TrainerHarness> StartAsync(ITrainingJobControl control, int retryLimit = 5)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Trainer:RetryLimit"] = retryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Trainer:RetryInitialInterval"] = "00:00:00.010",
            ["Trainer:RetryIntervalIncrement"] = "00:00:00.010",
        }).Build();

        var services = new ServiceCollection();
        services.AddTrainer(configuration);
        services.AddSingleton(control);
        services.AddPipelineTestHarness();

        var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new TrainerHarness(provider, harness);
    }

    public Task Send<T>(T message) where T : class => Harness.Bus.Publish(message);

    /// <summary>The one message of this type published, waiting for it; fails when there is none or more than one.</summary>
    public Task<T> SinglePublished<T>() where T : class => Harness.SinglePublished<T>();

    public Task WaitForPublished<T>() where T : class => Harness.WaitForPublished<T>();

    /// <summary>Whether any message of this type was published; call once the scenario has reached its end.</summary>
    public async Task<bool> AnyPublished<T>() where T : class
    {
        await Harness.Settle();
        return Harness.PublishedSoFar<T>().Count > 0;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    public static StartTrainingJob StartCommand(string trainingJobName = "replicated-0123456789abcdef0123456789abcdef") => new()
    {
        ExperimentId = Guid.NewGuid(),
        Variant = "replicated",
        TrainingJobName = trainingJobName,
        AlgorithmImage = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1",
        RoleArn = "arn:aws:iam::123456789012:role/SageMakerRole",
        InstanceCount = 5,
        InstanceType = "ml.c4.2xlarge",
        VolumeSizeInGB = 10,
        TrainPrefix = "s3://bucket/prefix/train/",
        TrainDistribution = DistributionTypes.FullyReplicated,
        ValidationPrefix = "s3://bucket/prefix/validation/",
        OutputPath = "s3://bucket/prefix/",
        HyperParameters = new Dictionary<string, string> { ["feature_dim"] = "25" },
        MaxRuntimeInSeconds = 3600,
    };
}
