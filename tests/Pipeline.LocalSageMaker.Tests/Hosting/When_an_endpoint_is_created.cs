using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Hosting;

namespace Pipeline.LocalSageMaker.Tests.Hosting;

public sealed class When_an_endpoint_is_created
{
    // Long enough that a Describe right after the create or delete call still sees Creating or Deleting, even on a busy machine.
    private static readonly Dictionary<string, string?> SlowTransitions = new() { ["LocalSageMaker:Hosting:TransitionDelay"] = "00:00:03" };

    [Fact]
    public async Task It_is_Creating_then_InService_with_every_instance_serving()
    {
        await using var harness = await HostingHarness.StartAsync(new(SlowTransitions));
        var url = "s3://bucket/m/model.tar.gz";
        await new TestModel(4).UploadAsync(harness.Store, url, harness.Folder);
        await harness.CreateModelAsync("m", url);
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("c", "m", instances: 2), CancellationToken.None);

        var created = await harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "e", EndpointConfigName = "c" }, CancellationToken.None);
        var first = await harness.Engine.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "e" }, CancellationToken.None);
        var final = await harness.WaitWhileAsync("e", HostedEndpoint.Creating);

        Assert.Equal("arn:aws:sagemaker:us-east-1:000000000000:endpoint/e", created.EndpointArn);
        Assert.Equal("Creating", first.EndpointStatus);
        Assert.Equal(0, first.ProductionVariants!.Single().CurrentInstanceCount);
        Assert.Equal("InService", final.EndpointStatus);
        var variant = final.ProductionVariants!.Single();
        Assert.Equal(("AllTraffic", 2, 2), (variant.VariantName, variant.CurrentInstanceCount, variant.DesiredInstanceCount));
        Assert.Equal(HostingHarness.Image, variant.DeployedImages!.Single().SpecifiedImage);
        Assert.True(final.LastModifiedTime > final.CreationTime);
    }

    [Fact]
    public async Task Each_instance_unpacks_the_model_into_its_own_folder_and_writes_its_own_log_stream()
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(3), "logged", instances: 2);

        var streams = harness.Logs.Streams.Where(s => s.Key.StartsWith("/aws/sagemaker/Endpoints/logged|AllTraffic/i-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, streams.Count);
        foreach (var (_, stream) in streams)
        {
            Assert.Contains(stream.Lines, l => l.StartsWith("Loaded linear learner model (Regressor, feature_dim=3)", StringComparison.Ordinal));
            Assert.Contains("GET /ping 200", stream.Lines);
        }

        var modelFiles = Directory.GetFiles(Path.Combine(harness.Folder, "work", "endpoints"), "linear-learner-model.json", SearchOption.AllDirectories);
        Assert.Equal(2, modelFiles.Select(Path.GetDirectoryName).Distinct().Count());
    }

    [Fact]
    public async Task Deleting_it_shows_Deleting_then_it_is_gone_as_AWS_answers()
    {
        await using var harness = await HostingHarness.StartAsync(new(SlowTransitions));
        await harness.DeployAsync(new TestModel(2), "doomed");

        await harness.Engine.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = "doomed" }, CancellationToken.None);
        var deleting = await harness.Engine.DescribeEndpointAsync(new DescribeEndpointRequest { EndpointName = "doomed" }, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<ValidationException>(() => harness.WaitWhileAsync("doomed", HostedEndpoint.Deleting));

        Assert.Equal("Deleting", deleting.EndpointStatus);
        Assert.Equal("Could not find endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/doomed\".", gone.ServiceMessage);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(harness.Folder, "work", "endpoints")));
    }

    [Fact]
    public async Task It_fails_with_the_reason_when_the_model_data_is_not_a_tar_gz()
    {
        await using var harness = await HostingHarness.StartAsync();
        const string url = "s3://bucket/bad/model.tar.gz";
        await harness.Store.WriteAsync(url, (s, ct) => s.WriteAsync("not an archive"u8.ToArray(), ct).AsTask(), CancellationToken.None);
        await harness.CreateModelAsync("bad", url);
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("bad", "bad"), CancellationToken.None);
        await harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "bad", EndpointConfigName = "bad" }, CancellationToken.None);

        var described = await harness.WaitWhileAsync("bad", HostedEndpoint.Creating);

        Assert.Equal("Failed", described.EndpointStatus);
        Assert.Contains("production variant AllTraffic did not pass the ping health check", described.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"Please ensure that the object located at the URL is a valid tar.gz archive", described.FailureReason, StringComparison.Ordinal);
        Assert.Equal(0, described.ProductionVariants!.Single().CurrentInstanceCount);
    }

    [Fact]
    public async Task It_fails_with_the_reason_when_the_archive_holds_no_model()
    {
        await using var harness = await HostingHarness.StartAsync();
        const string url = "s3://bucket/empty/model.tar.gz";
        var folder = Directory.CreateDirectory(Path.Combine(harness.Folder, "not-a-model")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "readme.txt"), "no model here");
        await harness.Store.WriteAsync(url, async (s, ct) =>
        {
            await using var gzip = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
            await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(folder, gzip, false, ct);
        }, CancellationToken.None);
        await harness.CreateModelAsync("empty", url);
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("empty", "empty"), CancellationToken.None);
        await harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "empty", EndpointConfigName = "empty" }, CancellationToken.None);

        var described = await harness.WaitWhileAsync("empty", HostedEndpoint.Creating);

        Assert.Equal("Failed", described.EndpointStatus);
        Assert.Contains("holds neither xgboost-model nor linear-learner-model.json", described.FailureReason, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Streams, s => s.Key.StartsWith("/aws/sagemaker/Endpoints/empty|", StringComparison.Ordinal)
            && s.Value.Lines.Any(l => l.StartsWith("Error: model load failed", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(System.Formats.Tar.TarEntryType.HardLink, "is a hard link")]
    [InlineData(System.Formats.Tar.TarEntryType.SymbolicLink, "is a symbolic link")]
    public async Task It_fails_naming_a_link_in_the_archive_instead_of_following_it(System.Formats.Tar.TarEntryType link, string named)
    {
        await using var harness = await HostingHarness.StartAsync();
        var url = $"s3://bucket/linked-{(int)link}/model.tar.gz";
        var model = Directory.CreateDirectory(Path.Combine(harness.Folder, "model-to-link")).FullName;
        new TestModel(3).Artifact.Write(model);
        await harness.Store.WriteAsync(url, async (s, ct) =>
        {
            await using var gzip = new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
            await using var writer = new System.Formats.Tar.TarWriter(gzip, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true);
            foreach (var file in Directory.EnumerateFiles(model))
                await writer.WriteEntryAsync(file, Path.GetFileName(file), ct);
            await writer.WriteEntryAsync(new System.Formats.Tar.PaxTarEntry(link, "passwd") { LinkName = "/etc/passwd" }, ct);
        }, CancellationToken.None);
        await harness.CreateModelAsync("linked", url);
        await harness.Engine.CreateEndpointConfigAsync(HostingHarness.Config("linked", "linked"), CancellationToken.None);
        await harness.Engine.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = "linked", EndpointConfigName = "linked" }, CancellationToken.None);

        var described = await harness.WaitWhileAsync("linked", HostedEndpoint.Creating);

        Assert.Equal("Failed", described.EndpointStatus);
        Assert.Contains($"model.tar.gz entry 'passwd' {named}; LocalSageMaker refuses links in model archives", described.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find model data", described.FailureReason, StringComparison.Ordinal);
    }
}
