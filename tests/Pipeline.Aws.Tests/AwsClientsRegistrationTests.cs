using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Aws.Http;
using Pipeline.Aws.Logs;
using Pipeline.Aws.Runtime;
using Pipeline.Aws.SageMaker;
using Pipeline.Aws.Sns;

namespace Pipeline.Aws.Tests;

public sealed class AwsClientsRegistrationTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Fact]
    public void Registers_the_four_clients_once_however_often_it_is_called()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new() { ["Aws:Region"] = "eu-west-1" });

        services.AddSageMakerClients(configuration);
        var count = services.Count;
        services.AddSageMakerClients(configuration);

        Assert.Equal(count, services.Count);
        Assert.Single(services, d => d.ServiceType == typeof(SageMakerClient));
        Assert.Single(services, d => d.ServiceType == typeof(CloudWatchLogsClient));
        Assert.Single(services, d => d.ServiceType == typeof(SageMakerRuntimeClient));
        Assert.Single(services, d => d.ServiceType == typeof(SnsClient));
    }

    [Fact]
    public void Binds_section_Aws_and_resolves_each_clients_endpoint_from_it()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new AwsCredentialsSource(new Amazon.Runtime.BasicAWSCredentials("a", "b")));
        services.AddSageMakerClients(Configuration(new()
        {
            ["Aws:Region"] = "eu-west-1",
            ["Aws:SageMakerServiceUrl"] = "http://127.0.0.1:7000",
            ["Aws:SnsServiceUrl"] = "http://127.0.0.1:7001",
            ["Aws:MaxAttempts"] = "7",
        }));
        using var provider = services.BuildServiceProvider(true);

        var options = provider.GetRequiredService<IOptions<AwsClientOptions>>().Value;
        var clients = provider.GetRequiredService<AwsClients>();

        Assert.Equal(7, options.MaxAttempts);
        Assert.NotNull(provider.GetRequiredService<SageMakerClient>());
        Assert.Equal(new Uri("http://127.0.0.1:7000"), clients.EndpointOf(AwsService.SageMaker, options.SageMakerServiceUrl).Url);
        Assert.Equal("eu-west-1", clients.EndpointOf(AwsService.SageMaker, options.SageMakerServiceUrl).Region);
        Assert.NotNull(provider.GetRequiredService<SnsClient>());
        Assert.Equal(new Uri("http://127.0.0.1:7001"), clients.EndpointOf(AwsService.Sns, options.SnsServiceUrl).Url);
    }

    [Theory]
    [InlineData("Aws:Region", "Ireland")]
    [InlineData("Aws:SageMakerServiceUrl", "127.0.0.1:7000")]
    [InlineData("Aws:LogsServiceUrl", "ftp://127.0.0.1")]
    [InlineData("Aws:SageMakerRuntimeServiceUrl", "not a url")]
    [InlineData("Aws:SnsServiceUrl", "sns.local:4566")]
    [InlineData("Aws:MaxAttempts", "0")]
    [InlineData("Aws:RetryBaseDelay", "00:00:00")]
    public void Rejects_a_bad_setting_naming_it(string key, string value)
    {
        var services = new ServiceCollection();
        services.AddSageMakerClients(Configuration(new() { ["Aws:Region"] = "eu-west-1", [key] = value }));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AwsClientOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credentials_source_registered_before_is_kept()
    {
        var mine = new AwsCredentialsSource(new Amazon.Runtime.BasicAWSCredentials("a", "b"));
        var services = new ServiceCollection();
        services.AddSingleton(mine);
        services.AddSageMakerClients(Configuration(new() { ["Aws:Region"] = "eu-west-1" }));
        using var provider = services.BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<AwsCredentialsSource>());
    }
}
