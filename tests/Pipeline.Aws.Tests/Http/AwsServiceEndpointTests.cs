using Pipeline.Aws.Http;

namespace Pipeline.Aws.Tests.Http;

public sealed class AwsServiceEndpointTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string? NoSdkRegion() => null;

    [Fact]
    public void Without_any_setting_the_regional_aws_endpoint_of_each_service_is_used()
    {
        Assert.Equal(new Uri("https://api.sagemaker.eu-west-1.amazonaws.com"),
            AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, "eu-west-1", Environment(), NoSdkRegion).Url);
        Assert.Equal(new Uri("https://logs.eu-west-1.amazonaws.com"),
            AwsServiceEndpoint.Resolve(AwsService.CloudWatchLogs, null, "eu-west-1", Environment(), NoSdkRegion).Url);
        Assert.Equal(new Uri("https://runtime.sagemaker.eu-west-1.amazonaws.com"),
            AwsServiceEndpoint.Resolve(AwsService.SageMakerRuntime, null, "eu-west-1", Environment(), NoSdkRegion).Url);
        Assert.Equal(new Uri("https://sns.eu-west-1.amazonaws.com"),
            AwsServiceEndpoint.Resolve(AwsService.Sns, null, "eu-west-1", Environment(), NoSdkRegion).Url);
        Assert.Equal(new Uri("https://runtime.sagemaker.cn-north-1.amazonaws.com.cn"),
            AwsServiceEndpoint.Resolve(AwsService.SageMakerRuntime, null, "cn-north-1", Environment(), NoSdkRegion).Url);
    }

    [Fact]
    public void The_runtime_signs_as_sagemaker_and_logs_as_logs()
    {
        Assert.Equal("sagemaker", AwsServiceEndpoint.Resolve(AwsService.SageMakerRuntime, null, "eu-west-1", Environment(), NoSdkRegion).SigningName);
        Assert.Equal("logs", AwsServiceEndpoint.Resolve(AwsService.CloudWatchLogs, null, "eu-west-1", Environment(), NoSdkRegion).SigningName);
        Assert.Equal("sns", AwsServiceEndpoint.Resolve(AwsService.Sns, null, "eu-west-1", Environment(), NoSdkRegion).SigningName);
    }

    [Fact]
    public void The_service_specific_variable_names_follow_the_sdks_convention()
    {
        Assert.Equal("AWS_ENDPOINT_URL_SAGEMAKER", AwsService.SageMaker.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", AwsService.CloudWatchLogs.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", AwsService.SageMakerRuntime.EndpointVariable);
        Assert.Equal("AWS_ENDPOINT_URL_SNS", AwsService.Sns.EndpointVariable);
    }

    [Fact]
    public void The_configured_url_wins_over_the_variables_which_win_over_aws()
    {
        var environment = Environment(("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:7001"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:7002"));

        Assert.Equal(new Uri("http://127.0.0.1:7000"),
            AwsServiceEndpoint.Resolve(AwsService.CloudWatchLogs, "http://127.0.0.1:7000", "eu-west-1", environment, NoSdkRegion).Url);
        Assert.Equal(new Uri("http://127.0.0.1:7001"),
            AwsServiceEndpoint.Resolve(AwsService.CloudWatchLogs, null, "eu-west-1", environment, NoSdkRegion).Url);
        Assert.Equal(new Uri("http://127.0.0.1:7002"),
            AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, "eu-west-1", environment, NoSdkRegion).Url);
    }

    [Fact]
    public void Sns_reads_AWS_ENDPOINT_URL_SNS_before_the_global_variable()
    {
        var environment = Environment(("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:7003"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:7002"));

        Assert.Equal(new Uri("http://127.0.0.1:7003"), AwsServiceEndpoint.Resolve(AwsService.Sns, null, "eu-west-1", environment, NoSdkRegion).Url);
        Assert.Equal(new Uri("http://127.0.0.1:7000"), AwsServiceEndpoint.Resolve(AwsService.Sns, "http://127.0.0.1:7000", "eu-west-1", environment, NoSdkRegion).Url);
    }

    [Fact]
    public void The_variables_are_skipped_when_configured_endpoints_are_ignored()
    {
        var environment = Environment(("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:7001"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Equal(new Uri("https://api.sagemaker.us-west-2.amazonaws.com"),
            AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, "us-west-2", environment, NoSdkRegion).Url);
    }

    [Fact]
    public void The_region_comes_from_the_setting_then_the_environment_then_us_east_1_for_an_explicit_url_then_the_sdk()
    {
        Assert.Equal("eu-west-1", AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, "eu-west-1", Environment(("AWS_REGION", "eu-central-1")), () => "ap-south-1").Region);
        Assert.Equal("eu-central-1", AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, null, Environment(("AWS_REGION", "eu-central-1")), () => "ap-south-1").Region);
        Assert.Equal("eu-north-1", AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, null, Environment(("AWS_DEFAULT_REGION", "eu-north-1")), () => "ap-south-1").Region);
        Assert.Equal("us-east-1", AwsServiceEndpoint.Resolve(AwsService.SageMaker, "http://127.0.0.1:7000", null, Environment(), () => "ap-south-1").Region);
        Assert.Equal("ap-south-1", AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, null, Environment(), () => "ap-south-1").Region);
    }

    [Fact]
    public void No_region_anywhere_is_an_error_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, null, Environment(), NoSdkRegion));

        Assert.Contains("Aws:Region", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_variable_that_is_not_a_url_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            AwsServiceEndpoint.Resolve(AwsService.SageMaker, null, "eu-west-1", Environment(("AWS_ENDPOINT_URL_SAGEMAKER", "localhost:5000")), NoSdkRegion));
    }
}
