using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server.Doubles;
using Pipeline.LocalSageMaker.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.LocalSageMaker.Tests.Server;

public sealed class When_the_server_runs_in_process
{
    [Fact]
    public async Task Start_returns_a_loopback_address_on_a_free_port()
    {
        await using var first = new LocalSageMakerServer(_ => { });
        await using var second = new LocalSageMakerServer(_ => { });

        var one = await first.StartAsync();
        var two = await second.StartAsync();

        Assert.Equal("http", one.Scheme);
        Assert.Equal(IPAddress.Loopback, IPAddress.Parse(one.Host));
        Assert.NotEqual(0, one.Port);
        Assert.NotEqual(one.Port, two.Port);
        Assert.Equal(one, first.BaseAddress);
    }

    [Fact]
    public async Task Dispose_stops_listening()
    {
        var server = new LocalSageMakerServer(_ => { });
        var address = await server.StartAsync();
        Assert.True(await AcceptsConnectionsAsync(address));

        await server.DisposeAsync();

        Assert.False(await AcceptsConnectionsAsync(address));
    }

    [Fact]
    public async Task Serves_the_engine_of_a_given_service_provider_without_disposing_it()
    {
        var trainingJobs = new ScriptedTrainingJobApi
        {
            OnList = _ => new ListTrainingJobsResponse { TrainingJobSummaries = [new TrainingJobSummary { TrainingJobName = "from-the-host" }] },
        };
        var engine = new DisposalWatchingLogsApi();
        await using var host = new ServiceCollection()
            .AddSingleton<ITrainingJobApi>(trainingJobs)
            .AddSingleton<ILogsApi>(engine)
            .BuildServiceProvider();

        var server = new LocalSageMakerServer(host);
        var address = await server.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Add("X-Amz-Target", "SageMaker.ListTrainingJobs");
        using var response = await http.SendAsync(request);
        await server.DisposeAsync();

        Assert.Contains("from-the-host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(engine.Disposed);
    }

    [Fact]
    public async Task Listens_where_its_options_say()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            await using var server = new LocalSageMakerServer(_ => { }, new LocalSageMakerServerOptions { Host = "127.0.0.1", Port = port });
            Uri address;
            try
            {
                address = await server.StartAsync();
            }
            catch (IOException e) when (attempt < 5 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                continue; // the port was taken between asking for it and binding it
            }

            Assert.Equal(new Uri($"http://127.0.0.1:{port}"), address);
            return;
        }
    }

    [Fact]
    public async Task Listens_on_loopback_only_by_default()
    {
        await using var server = new LocalSageMakerServer(_ => { });

        var address = await server.StartAsync();

        Assert.Equal("127.0.0.1", address.Host);
        Assert.True(await AcceptsConnectionsAsync(address));
        Assert.False(await AcceptsConnectionsAsync(new UriBuilder(address) { Host = ThisMachine.NonLoopbackAddress().ToString() }.Uri),
            "the server took a connection on a non-loopback address");
    }

    [Fact]
    public async Task It_will_not_listen_beyond_loopback_unless_callers_must_sign()
    {
        await using var server = new LocalSageMakerServer(_ => { }, new LocalSageMakerServerOptions { Host = "0.0.0.0" });

        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => server.StartAsync());

        Assert.Contains("set LocalSageMaker:Auth:AccessKeyId and LocalSageMaker:Auth:SecretAccessKey", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bound_to_every_interface_with_signatures_required_it_gives_its_callers_a_loopback_address()
    {
        await using var server = new LocalSageMakerServer(services => services.Configure<LocalSageMakerAuthOptions>(auth =>
        {
            auth.AccessKeyId = "AKIDEXAMPLE";
            auth.SecretAccessKey = "a-secret-for-this-test";
        }), new LocalSageMakerServerOptions { Host = "0.0.0.0" });

        var address = await server.StartAsync();

        Assert.Equal("127.0.0.1", address.Host);
        Assert.True(await AcceptsConnectionsAsync(new UriBuilder(address) { Host = ThisMachine.NonLoopbackAddress().ToString() }.Uri));
    }

    private static Task<bool> AcceptsConnectionsAsync(Uri address) => ThisMachine.AcceptsConnectionsAsync(address.Host, address.Port);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class DisposalWatchingLogsApi : ILogsApi, IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;

        public Task<Pipeline.Aws.Logs.DescribeLogGroupsResponse> DescribeLogGroupsAsync(Pipeline.Aws.Logs.DescribeLogGroupsRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Pipeline.Aws.Logs.DescribeLogStreamsResponse> DescribeLogStreamsAsync(Pipeline.Aws.Logs.DescribeLogStreamsRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Pipeline.Aws.Logs.GetLogEventsResponse> GetLogEventsAsync(Pipeline.Aws.Logs.GetLogEventsRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<Pipeline.Aws.Logs.FilterLogEventsResponse> FilterLogEventsAsync(Pipeline.Aws.Logs.FilterLogEventsRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
