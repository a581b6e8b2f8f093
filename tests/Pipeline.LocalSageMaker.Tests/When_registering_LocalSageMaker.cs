using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Logs;
using Pipeline.LocalSageMaker.Training;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Tests;

public sealed class When_registering_LocalSageMaker
{
    [Fact]
    public void Registers_the_engine_the_log_store_and_the_object_store()
    {
        var services = new ServiceCollection();
        services.AddLocalSageMaker(Configuration(new() { ["Storage:Kind"] = "Local", ["Storage:Root"] = Path.GetTempPath() }));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        Assert.IsType<TrainingJobEngine>(provider.GetRequiredService<ITrainingJobApi>());
        Assert.Same(provider.GetRequiredService<LogStore>(), provider.GetRequiredService<ILogsApi>());
        Assert.NotNull(provider.GetRequiredService<IObjectStore>());
        var options = provider.GetRequiredService<IOptions<LocalSageMakerOptions>>().Value;
        Assert.Equal(("us-east-1", "000000000000"), (options.Region, options.AccountId));
        Assert.Equal(1, options.MaxConcurrentTrainingJobs);
        Assert.StartsWith(Path.GetTempPath(), options.ResolvedWorkRoot, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LocalSageMaker:AccountId", "12345", "LocalSageMaker:AccountId")]
    [InlineData("LocalSageMaker:Region", "Ireland", "LocalSageMaker:Region")]
    [InlineData("LocalSageMaker:DownloadConcurrency", "0", "LocalSageMaker:DownloadConcurrency")]
    [InlineData("LocalSageMaker:MaxConcurrentTrainingJobs", "0", "LocalSageMaker:MaxConcurrentTrainingJobs")]
    [InlineData("LocalSageMaker:MaxConcurrentTrainingJobs", "65", "LocalSageMaker:MaxConcurrentTrainingJobs")]
    public async Task Refuses_to_start_with_invalid_options_naming_the_setting(string key, string value, string named)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Local",
            ["Storage:Root"] = Path.GetTempPath(),
            [key] = value,
        });
        builder.Services.AddLocalSageMaker(builder.Configuration);
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
