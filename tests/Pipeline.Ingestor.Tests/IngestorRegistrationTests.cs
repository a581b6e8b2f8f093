using Pipeline.Ingestor.Datasets;
using Pipeline.Storage;
using Pipeline.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Ingestor.Tests;

public sealed class IngestorRegistrationTests
{
    [Fact]
    public void AddIngestor_brings_the_gdelt_builder_in_a_folder_per_dataset_and_the_configured_object_store()
    {
        var services = new ServiceCollection().AddIngestor(new ConfigurationBuilder().Build());

        Assert.Empty(services.RequiredPorts().Missing(services));
        Assert.Single(services, d => d.ServiceType == typeof(IObjectStore));
        var local = new ConfigurationBuilder().AddInMemoryCollection([new("Storage:Kind", "Local"), new("Storage:Root", Path.GetTempPath())]).Build();
        using var provider = new ServiceCollection().AddIngestor(local).AddLogging().BuildServiceProvider();
        Assert.IsType<PreparedDatasets>(provider.GetRequiredService<IDatasetBuilder>()); // the gdelt builder, in a folder per dataset
    }

    [Theory]
    [InlineData("Ingestor:ConcurrentMessageLimit", "0")]
    [InlineData("Ingestor:RetryLimit", "11")]
    public void Rejects_settings_out_of_range_naming_the_setting(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        using var provider = new ServiceCollection().AddIngestor(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IngestorOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
