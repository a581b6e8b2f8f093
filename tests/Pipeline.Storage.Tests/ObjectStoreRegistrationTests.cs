using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Storage.Local;
using Pipeline.Storage.S3;

namespace Pipeline.Storage.Tests;

public sealed class ObjectStoreRegistrationTests
{
    [Fact]
    public void AddObjectStore_registers_a_local_folder_store_at_the_configured_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "pipeline-objects");
        using var provider = Provider(new() { ["Storage:Kind"] = "Local", ["Storage:Root"] = root });

        var store = Assert.IsType<LocalFolderObjectStore>(provider.GetRequiredService<IObjectStore>());

        Assert.Equal(root, store.Root);
    }

    [Fact]
    public void AddObjectStore_registers_an_S3_store_with_the_configured_settings()
    {
        using var provider = Provider(new()
        {
            ["Storage:Kind"] = "S3",
            ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:5000",
            ["Storage:S3:PartSizeBytes"] = "8388608",
            ["Storage:S3:AnonymousBuckets:0"] = "open-data-one",
        });

        Assert.IsType<S3ObjectStore>(provider.GetRequiredService<IObjectStore>());
        var s3 = provider.GetRequiredService<IOptions<StorageOptions>>().Value.S3;
        Assert.Equal(8L << 20, s3.PartSizeBytes);
        Assert.True(s3.ReadsAnonymously("open-data-one"));
        Assert.False(s3.ReadsAnonymously("gdelt-open-data")); // a configured list replaces the default
    }

    [Fact]
    public void Reads_gdelt_open_data_anonymously_unless_configured_otherwise()
    {
        using var provider = Provider(new() { ["Storage:Kind"] = "S3" });

        Assert.True(provider.GetRequiredService<IOptions<StorageOptions>>().Value.S3.ReadsAnonymously("gdelt-open-data"));
    }

    [Theory]
    [InlineData("Storage:Kind", null, "Storage:Kind")]
    [InlineData("Storage:Root", "", "Storage:Root")]
    [InlineData("Storage:S3:PartSizeBytes", "1048576", "Storage:S3:PartSizeBytes")]
    [InlineData("Storage:S3:ServiceUrl", "localhost:5000", "Storage:S3:ServiceUrl")]
    [InlineData("Storage:S3:Region", "Frankfurt", "Storage:S3:Region")]
    [InlineData("Storage:S3:ListPageSize", "0", "Storage:S3:ListPageSize")]
    [InlineData("Storage:S3:AnonymousBuckets:0", "Not_A_Bucket", "Storage:S3:AnonymousBuckets")]
    public void Start_up_fails_naming_the_setting_that_is_wrong(string key, string? value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Kind"] = key.StartsWith("Storage:S3", StringComparison.Ordinal) ? "S3" : "Local",
            ["Storage:Root"] = "objects",
            [key] = value,
        };
        using var provider = Provider(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_accepts_valid_settings()
    {
        using var provider = Provider(new()
        {
            ["Storage:Kind"] = "S3",
            ["Storage:S3:Region"] = "eu-west-1",
            ["Storage:S3:PartSizeBytes"] = "5242880",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<S3ObjectStore>(provider.GetRequiredService<IObjectStore>());
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddObjectStore(configuration).BuildServiceProvider(validateScopes: true);
    }
}
