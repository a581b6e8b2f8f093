using Pipeline.Aws.SageMaker;

namespace Pipeline.Aws.Tests.Moto;

/// <summary>The SageMaker client against moto_server 5.2.1 (which completes training jobs at once and implements no Stop*).</summary>
[Collection(MotoCollection.Name)]
public sealed class When_sagemaker_is_moto(MotoServer moto) : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/SageMakerRole";
    private readonly AwsClients _clients = moto.CreateAwsClients();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    private SageMakerClient SageMaker => _clients.SageMaker;

    private CreateTrainingJobRequest TrainingJob(string name) => new()
    {
        TrainingJobName = name,
        AlgorithmSpecification = new AlgorithmSpecification { TrainingImage = "382416733822.dkr.ecr.us-east-1.amazonaws.com/linear-learner:1", TrainingInputMode = "File" },
        RoleArn = Role,
        InputDataConfig =
        [
            new Channel
            {
                ChannelName = "train",
                DataSource = new DataSource { S3DataSource = new S3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://bucket/train/", S3DataDistributionType = "ShardedByS3Key" } },
                ContentType = "application/x-recordio-protobuf",
            },
        ],
        OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://bucket/output/" },
        ResourceConfig = new ResourceConfig { InstanceType = "ml.c4.2xlarge", InstanceCount = 5, VolumeSizeInGB = 10 },
        StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
        HyperParameters = new Dictionary<string, string> { ["feature_dim"] = "25", ["predictor_type"] = "regressor" },
    };

    [Fact]
    public async Task A_created_training_job_describes_with_what_was_sent()
    {
        var name = $"job-{_suffix}";

        var created = await SageMaker.CreateTrainingJobAsync(TrainingJob(name));
        var described = await SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = name });

        Assert.EndsWith($":training-job/{name}", created.TrainingJobArn, StringComparison.Ordinal);
        Assert.Equal(created.TrainingJobArn, described.TrainingJobArn);
        Assert.Equal(5, described.ResourceConfig!.InstanceCount);
        Assert.Equal("ShardedByS3Key", Assert.Single(described.InputDataConfig!).DataSource!.S3DataSource!.S3DataDistributionType);
        Assert.Equal("25", described.HyperParameters!["feature_dim"]);
        Assert.Equal(3600, described.StoppingCondition!.MaxRuntimeInSeconds);
        Assert.NotNull(described.TrainingJobStatus);
        Assert.NotNull(described.CreationTime);
    }

    [Fact]
    public async Task ListTrainingJobs_pages_through_every_job()
    {
        var names = Enumerable.Range(0, 3).Select(i => $"list-{i}-{_suffix}").ToList();
        foreach (var name in names)
            await SageMaker.CreateTrainingJobAsync(TrainingJob(name));

        var listed = await SageMaker.Paginators.ListTrainingJobs(new ListTrainingJobsRequest { MaxResults = 1, NameContains = _suffix }).Responses.ToListAsync();

        Assert.Equal(names.Order(), listed.SelectMany(page => page.TrainingJobSummaries!).Select(s => s.TrainingJobName!).Order());
        Assert.True(listed.Count >= 3, $"one job a page: {listed.Count} pages");
    }

    [Fact]
    public async Task Describing_a_missing_training_job_is_a_ValidationException_with_moto_s_message()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            SageMaker.DescribeTrainingJobAsync(new DescribeTrainingJobRequest { TrainingJobName = $"missing-{_suffix}" }));

        Assert.Contains($"missing-{_suffix}", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_endpoint_config_and_endpoint_are_created_described_and_deleted()
    {
        var model = $"model-{_suffix}";
        var config = $"config-{_suffix}";
        var endpoint = $"endpoint-{_suffix}";

        var modelArn = (await SageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = model,
            PrimaryContainer = new ContainerDefinition { Image = "linear-learner:1", ModelDataUrl = "s3://bucket/output/model.tar.gz" },
            ExecutionRoleArn = Role,
            Tags = [new Tag { Key = "experiment", Value = _suffix }],
        })).ModelArn;
        await SageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
        {
            EndpointConfigName = config,
            ProductionVariants = [new ProductionVariant { VariantName = "AllTraffic", ModelName = model, InitialInstanceCount = 2, InstanceType = "ml.m5.large", InitialVariantWeight = 1 }],
        });
        var endpointArn = (await SageMaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = endpoint, EndpointConfigName = config })).EndpointArn;

        var describedModel = await SageMaker.DescribeModelAsync(new DescribeModelRequest { ModelName = model });
        var describedConfig = await SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest { EndpointConfigName = config });
        var describedEndpoint = await SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint });

        Assert.Equal(modelArn, describedModel.ModelArn);
        Assert.Equal(Role, describedModel.ExecutionRoleArn);
        var variant = Assert.Single(describedConfig.ProductionVariants!);
        Assert.Equal((model, 2, "ml.m5.large"), (variant.ModelName, variant.InitialInstanceCount, variant.InstanceType));
        Assert.Equal(endpointArn, describedEndpoint.EndpointArn);
        Assert.Equal(config, describedEndpoint.EndpointConfigName);
        Assert.NotNull(describedEndpoint.EndpointStatus);
        Assert.NotNull(describedEndpoint.CreationTime);

        await SageMaker.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = endpoint });
        await SageMaker.DeleteEndpointConfigAsync(new DeleteEndpointConfigRequest { EndpointConfigName = config });
        await SageMaker.DeleteModelAsync(new DeleteModelRequest { ModelName = model });

        // As SageMaker itself: a ValidationException "Could not find ..." for each of them now.
        Assert.Contains("Could not find", (await Assert.ThrowsAsync<ValidationException>(() => SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = endpoint }))).ServiceMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationException>(() => SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest { EndpointConfigName = config }));
        await Assert.ThrowsAsync<ValidationException>(() => SageMaker.DescribeModelAsync(new DescribeModelRequest { ModelName = model }));
    }

    [Fact]
    public async Task A_transform_job_is_created_and_described()
    {
        var model = $"tmodel-{_suffix}";
        var job = $"transform-{_suffix}";
        await SageMaker.CreateModelAsync(new CreateModelRequest { ModelName = model, PrimaryContainer = new ContainerDefinition { Image = "linear-learner:1" }, ExecutionRoleArn = Role });

        var created = await SageMaker.CreateTransformJobAsync(new CreateTransformJobRequest
        {
            TransformJobName = job,
            ModelName = model,
            MaxConcurrentTransforms = 2,
            MaxPayloadInMB = 6,
            BatchStrategy = "MultiRecord",
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = "S3Prefix", S3Uri = "s3://bucket/test/" } },
                ContentType = "text/csv",
                SplitType = "Line",
            },
            TransformOutput = new TransformOutput { S3OutputPath = "s3://bucket/predictions/", AssembleWith = "Line" },
            TransformResources = new TransformResources { InstanceType = "ml.m5.large", InstanceCount = 1 },
        });
        var described = await SageMaker.DescribeTransformJobAsync(new DescribeTransformJobRequest { TransformJobName = job });

        Assert.Equal(created.TransformJobArn, described.TransformJobArn);
        Assert.Equal(model, described.ModelName);
        Assert.Equal("Line", described.TransformInput!.SplitType);
        Assert.Equal("s3://bucket/test/", described.TransformInput.DataSource!.S3DataSource!.S3Uri);
        Assert.Equal("MultiRecord", described.BatchStrategy);
        Assert.Equal(6, described.MaxPayloadInMB);
        Assert.NotNull(described.TransformJobStatus);
    }

    public void Dispose() => _clients.Dispose();
}
