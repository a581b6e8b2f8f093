using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tests.Support;

namespace Pipeline.LocalSageMaker.Tests.Training;

public sealed class When_a_create_request_is_invalid : IAsyncDisposable
{
    private readonly LocalSageMakerUnderTest _local = new();

    // Each case breaks one rule of a valid request; the message must name the member (or what is unsupported).
    private static readonly Dictionary<string, (Func<CreateTrainingJobRequest, CreateTrainingJobRequest> Break, string Named)> Cases = new()
    {
        ["name missing"] = (r => r with { TrainingJobName = null }, "Value null at 'trainingJobName'"),
        ["name with underscore"] = (r => r with { TrainingJobName = "bad_name" }, "at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
        ["name starting with a hyphen"] = (r => r with { TrainingJobName = "-job" }, "at 'trainingJobName'"),
        ["name of 64 characters"] = (r => r with { TrainingJobName = new string('a', 64) }, "at 'trainingJobName' failed to satisfy constraint: Member must have length less than or equal to 63"),
        ["role missing"] = (r => r with { RoleArn = null }, "Value null at 'roleArn'"),
        ["role not an ARN"] = (r => r with { RoleArn = "SageMakerRole-of-mine" }, "at 'roleArn'"),
        ["algorithm missing"] = (r => r with { AlgorithmSpecification = null }, "Value null at 'algorithmSpecification'"),
        ["input mode missing"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingInputMode = null } }, "Value null at 'algorithmSpecification.trainingInputMode'"),
        ["input mode unknown"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingInputMode = "Stream" } }, "at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: Member must satisfy enum value set"),
        ["Pipe mode"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingInputMode = "Pipe" } }, "File input mode only"),
        ["image missing"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingImage = null } }, "Value null at 'algorithmSpecification.trainingImage'"),
        ["image nothing runs"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingImage = "123.dkr.ecr.us-east-1.amazonaws.com/kmeans:1" } }, "cannot run the image '123.dkr.ecr.us-east-1.amazonaws.com/kmeans:1'"),
        ["local: without a command"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingImage = "local: " } }, "names no command"),
        ["instance count 0"] = (r => r with { ResourceConfig = r.ResourceConfig! with { InstanceCount = 0 } }, "Value '0' at 'resourceConfig.instanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        ["instance count missing"] = (r => r with { ResourceConfig = r.ResourceConfig! with { InstanceCount = null } }, "Value null at 'resourceConfig.instanceCount'"),
        ["resources missing"] = (r => r with { ResourceConfig = null }, "Value null at 'resourceConfig'"),
        ["channel name with a space"] = (r => r with { InputDataConfig = [Requests.Channel("my train", "s3://data/x/")] }, "at 'inputDataConfig.1.member.channelName'"),
        ["data type unknown"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/", dataType: "Folder")] }, "at 'inputDataConfig.1.member.dataSource.s3DataSource.s3DataType' failed to satisfy constraint: Member must satisfy enum value set"),
        ["augmented manifest"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/", dataType: "AugmentedManifestFile")] }, "does not support AugmentedManifestFile"),
        ["distribution unknown"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/", distribution: "Sharded")] }, "at 'inputDataConfig.1.member.dataSource.s3DataSource.s3DataDistributionType'"),
        ["compression unknown"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/", compression: "Zip")] }, "at 'inputDataConfig.1.member.compressionType'"),
        ["record wrapper unknown"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/", recordWrapper: "Protobuf")] }, "at 'inputDataConfig.1.member.recordWrapperType'"),
        ["channel in FastFile mode"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/") with { InputMode = "FastFile" }] }, "inputDataConfig.1.member.inputMode is FastFile"),
        ["channel URI not s3"] = (r => r with { InputDataConfig = [Requests.Channel("train", "https://example.com/x/")] }, "at 'inputDataConfig.1.member.dataSource.s3DataSource.s3Uri'"),
        ["channel URI bad bucket"] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://Bad_Bucket/x/")] }, "at 'inputDataConfig.1.member.dataSource.s3DataSource.s3Uri'"),
        ["channels empty"] = (r => r with { InputDataConfig = [] }, "at 'inputDataConfig' failed to satisfy constraint: Member must have length greater than or equal to 1"),
        ["hyperparameter value too long"] = (r => r with { HyperParameters = new() { ["epochs"] = new string('9', 2501) } }, "at 'hyperParameters.epochs.value' failed to satisfy constraint: Member must have length less than or equal to 2500"),
        ["hyperparameter key too long"] = (r => r with { HyperParameters = new() { [new string('k', 257)] = "1" } }, "key' failed to satisfy constraint: Member must have length less than or equal to 256"),
        ["hyperparameter value null"] = (r => r with { HyperParameters = new() { ["epochs"] = null! } }, "Value null at 'hyperParameters.epochs.value'"),
        ["output missing"] = (r => r with { OutputDataConfig = null }, "Value null at 'outputDataConfig'"),
        ["output path not s3"] = (r => r with { OutputDataConfig = new OutputDataConfig { S3OutputPath = "/tmp/models" } }, "at 'outputDataConfig.s3OutputPath'"),
        ["output path escaping with .."] = (r => r with { OutputDataConfig = new OutputDataConfig { S3OutputPath = "s3://models/../../../etc/" } }, "Value 's3://models/../../../etc/' at 'outputDataConfig.s3OutputPath' failed to satisfy constraint: Member must not hold '.' or '..' path segments"),
        ["channel URI escaping with .."] = (r => r with { InputDataConfig = [Requests.Channel("train", "s3://data/x/../../other/")] }, "at 'inputDataConfig.1.member.dataSource.s3DataSource.s3Uri' failed to satisfy constraint: Member must not hold '.' or '..' path segments"),
        ["local: command not allowed"] = (r => r with { AlgorithmSpecification = r.AlgorithmSpecification! with { TrainingImage = "local:id" } }, "bring-your-own commands are off"),
        ["output uncompressed"] = (r => r with { OutputDataConfig = r.OutputDataConfig! with { CompressionType = "NONE" } }, "compressionType NONE is not supported"),
        ["stopping condition missing"] = (r => r with { StoppingCondition = null }, "Value null at 'stoppingCondition'"),
        ["max runtime 0"] = (r => r with { StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 0 } }, "Value '0' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        ["max runtime over 28 days"] = (r => r with { StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 28 * 24 * 3600 + 1 } }, "at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 2419200"),
        ["environment key invalid"] = (r => r with { Environment = new() { ["1BAD"] = "x" } }, "at 'environment.1BAD.key'"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Is_refused_with_a_message_naming_the_member(string caseName)
    {
        var (breakRule, named) = Cases[caseName];
        var request = breakRule(Requests.Valid("job-1"));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _local.Jobs.CreateTrainingJobAsync(request, default));

        Assert.Contains(named, refused.ServiceMessage, StringComparison.Ordinal);
        Assert.Matches("^[0-9]+ validation errors? detected: ", refused.ServiceMessage);
        Assert.Empty(_local.Algorithm.Clusters);
    }

    [Fact]
    public async Task Lists_every_problem_in_one_message()
    {
        var request = Requests.Valid("bad_name") with
        {
            RoleArn = null,
            ResourceConfig = new ResourceConfig { InstanceType = "ml.c4.2xlarge", InstanceCount = 0, VolumeSizeInGB = 10 },
            StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 0 },
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _local.Jobs.CreateTrainingJobAsync(request, default));

        Assert.StartsWith("4 validation errors detected: ", refused.ServiceMessage, StringComparison.Ordinal);
        foreach (var member in new[] { "'trainingJobName'", "'roleArn'", "'resourceConfig.instanceCount'", "'stoppingCondition.maxRuntimeInSeconds'" })
            Assert.Contains(member, refused.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_two_channels_of_one_name()
    {
        var request = Requests.Valid("job-1", channels: [Requests.Channel("train", "s3://data/a/"), Requests.Channel("train", "s3://data/b/")]);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _local.Jobs.CreateTrainingJobAsync(request, default));

        Assert.Contains("'train' appears 2 times", refused.ServiceMessage, StringComparison.Ordinal);
    }
}
