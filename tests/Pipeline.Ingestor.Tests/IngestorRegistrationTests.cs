using Pipeline.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Ingestor.Tests;

public sealed class IngestorRegistrationTests
{
    [Fact]
    public void AddIngestor_names_the_builder_port_for_issue_3_and_registers_no_adapter()
    {
        var services = new ServiceCollection().AddIngestor(new ConfigurationBuilder().Build());

        var port = Assert.Single(services.RequiredPorts().All);
        Assert.Equal(typeof(IDatasetBuilder), port.Port);
        Assert.Contains("GDELT", port.Description, StringComparison.Ordinal);
        Assert.Contains("issue 3", port.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IDatasetBuilder));
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
