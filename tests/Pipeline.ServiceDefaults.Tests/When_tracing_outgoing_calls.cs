using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Pipeline.Telemetry;
using Pipeline.Testing;

namespace Pipeline.ServiceDefaults.Tests;

public sealed class When_tracing_outgoing_calls
{
    private static readonly ActivitySource Source = new("Pipeline.Tests.Tracing");

    [Fact]
    public async Task A_call_inside_a_trace_is_a_span_of_it_and_a_call_outside_any_trace_starts_none()
    {
        var exported = new List<Activity>();
        var services = new ServiceCollection();
        services.AddPipelineTelemetry(new ConfigurationBuilder().Build(), "tracing-test", tracing => tracing.AddInMemoryExporter(exported));
        await using var provider = services.BuildServiceProvider();
        var tracer = provider.GetRequiredService<TracerProvider>();
        using var server = new RecordingHttpServer(new Reply(200));
        using var http = new HttpClient();
        var port = new Uri(server.Url).Port;

        (await http.GetAsync($"{server.Url}/outside")).Dispose();
        string parentId;
        using (var parent = Source.StartActivity("a consumer's work"))
        {
            parentId = parent!.SpanId.ToHexString();
            (await http.GetAsync($"{server.Url}/inside")).Dispose();
        }

        tracer.ForceFlush();
        // Other tests' calls may be exported too: only this server's count.
        var calls = exported.Where(a => a.Kind == ActivityKind.Client && Equals(a.GetTagItem("server.port"), port)).ToList();
        var call = Assert.Single(calls);
        Assert.Equal(parentId, call.ParentSpanId.ToHexString());
        Assert.Equal(2, server.Requests.Count);
    }
}
