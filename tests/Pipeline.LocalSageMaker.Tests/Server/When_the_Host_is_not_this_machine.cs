using System.Net;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Hosting;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>
/// DNS rebinding: a page of attacker.example that re-resolves its name to 127.0.0.1 still sends Host: attacker.example.
/// Only loopback addresses, localhost and the names of LocalSageMaker:AllowedHosts are answered, on every port.
/// </summary>
public sealed class When_the_Host_is_not_this_machine
{
    [Fact]
    public async Task The_main_port_refuses_a_foreign_Host_with_403_and_calls_nothing()
    {
        await using var front = await Front.StartAsync();

        var refused = await front.PostAsync("SageMaker.ListTrainingJobs", "{}", r => r.Headers.Host = "attacker.example");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("AccessDeniedException", refused.Error.Code);
        Assert.Contains("Host 'attacker.example' is not served", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalSageMaker:AllowedHosts", refused.Error.Message, StringComparison.Ordinal);
        Assert.Empty(front.TrainingJobs.Requests);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("127.1.2.3")]
    [InlineData("[::1]:{port}")]
    public async Task The_main_port_answers_loopback_names(string host)
    {
        await using var front = await Front.StartAsync();
        front.TrainingJobs.OnList = _ => new Pipeline.Aws.SageMaker.ListTrainingJobsResponse { TrainingJobSummaries = [] };

        var answer = await front.PostAsync("SageMaker.ListTrainingJobs", "{}",
            r => r.Headers.Host = host.Replace("{port}", front.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    /// <summary>Browsers send a page's requests for http://0.0.0.0:port to this machine: that Host is no loopback name.</summary>
    [Fact]
    public async Task The_main_port_refuses_the_wildcard_address()
    {
        await using var front = await Front.StartAsync();

        var refused = await front.PostAsync("SageMaker.ListTrainingJobs", "{}",
            r => r.Headers.Host = $"0.0.0.0:{front.Address.Port}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Empty(front.TrainingJobs.Requests);
    }

    [Fact]
    public async Task A_name_of_the_setting_is_answered()
    {
        await using var local = new LocalSageMakerUnderTest(settings: new() { ["LocalSageMaker:AllowedHosts:0"] = "lsm.build.internal" });
        await using var server = new LocalSageMakerServer(local.Services);
        var address = await server.StartAsync();
        using var http = new HttpClient();

        using var named = await http.SendAsync(Post(address, "lsm.build.internal"));
        using var other = await http.SendAsync(Post(address, "lsm.build.internal.attacker.example"));

        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_instances_own_port_refuses_a_foreign_Host()
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(2), "rebind");
        var instance = harness.Engine.FindServing("rebind")!.Variants.Single().Instances.Single();
        using var http = new HttpClient();

        using var foreignPing = new HttpRequestMessage(HttpMethod.Get, instance.Ping) { Headers = { Host = "attacker.example" } };
        using var foreignInvoke = new HttpRequestMessage(HttpMethod.Post, instance.Invocations)
        {
            Headers = { Host = "attacker.example" },
            Content = new StringContent("1,2\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        using var refusedPing = await http.SendAsync(foreignPing);
        using var refusedInvoke = await http.SendAsync(foreignInvoke);
        using var ping = await http.GetAsync(instance.Ping);

        Assert.Equal(HttpStatusCode.Forbidden, refusedPing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedInvoke.StatusCode);
        Assert.Equal(0, instance.InvocationCount);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    [Fact]
    public async Task Endpoint_instances_listen_on_loopback_unless_a_setting_says_otherwise()
    {
        await using var harness = await HostingHarness.StartAsync();
        await harness.DeployAsync(new TestModel(2), "default-bind");
        var instance = harness.Engine.FindServing("default-bind")!.Variants.Single().Instances.Single();

        Assert.Equal("127.0.0.1", instance.Address.Host);
        Assert.False(await ThisMachine.AcceptsConnectionsAsync(ThisMachine.NonLoopbackAddress().ToString(), instance.Address.Port), "an instance took a connection on a non-loopback address");
    }

    [Fact]
    public async Task An_instance_bound_to_every_interface_is_called_through_loopback_and_refuses_the_wildcard_Host()
    {
        await using var harness = await HostingHarness.StartAsync(new() { ["LocalSageMaker:Hosting:InstanceHost"] = "0.0.0.0" });
        await harness.DeployAsync(new TestModel(2), "every-interface");
        var instance = harness.Engine.FindServing("every-interface")!.Variants.Single().Instances.Single();
        using var http = new HttpClient();
        using var wildcard = new HttpRequestMessage(HttpMethod.Get, instance.Ping) { Headers = { Host = $"0.0.0.0:{instance.Address.Port}" } };

        using var ping = await http.GetAsync(instance.Ping);
        using var refused = await http.SendAsync(wildcard);

        Assert.Equal("127.0.0.1", instance.Address.Host);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Running_without_credentials_is_said_at_start()
    {
        await using var front = await Front.StartAsync();

        Assert.Contains(front.Log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains("UNAUTHENTICATED", StringComparison.Ordinal)
            && e.Message.Contains("LocalSageMaker:Auth:AccessKeyId", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Post(Uri address, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, address)
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/x-amz-json-1.1"),
            Headers = { Host = host },
        };
        request.Headers.Add("X-Amz-Target", "SageMaker.ListTrainingJobs");
        return request;
    }
}
