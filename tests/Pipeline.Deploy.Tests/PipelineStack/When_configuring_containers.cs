using Pipeline.Health;
using System.Reflection;
using System.Text.Json;
using Pipeline.Aws;
using Pipeline.ServiceDefaults;
using Pipeline.Storage;

namespace Pipeline.Deploy.Tests.PipelineStack;

[Collection(SynthesizedPipelineCollection.Name)]
public sealed class When_configuring_containers(SynthesizedPipeline stack)
{
    /// <summary>The options class each configuration section binds to.</summary>
    private static readonly Dictionary<string, Type> Sections = new()
    {
        [MessagingOptions.Section] = typeof(MessagingOptions),
        [SagaStoreOptions.Section] = typeof(SagaStoreOptions),
        [AwsClientOptions.Section] = typeof(AwsClientOptions),
        [StorageOptions.Section] = typeof(StorageOptions),
        [HealthOptions.Section] = typeof(HealthOptions),
    };

    [Fact]
    public void Every_setting_a_container_gets_names_a_property_its_service_binds()
    {
        foreach (var service in PipelineServices.All)
        {
            foreach (var name in Environment(stack.ContainerOf(service.Queue, service.Queue)).Keys.Where(k => k.Contains("__", StringComparison.Ordinal)))
            {
                var path = name.Split("__");
                Assert.True(Sections.TryGetValue(path[0], out var type), $"{service.Name}: {name} is in no section a service reads");
                foreach (var key in path[1..])
                {
                    var property = type!.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                    Assert.True(property is not null, $"{service.Name}: {name} names no property ({key} is not on {type.Name})");
                    type = property!.PropertyType;
                }
            }
        }
    }

    [Fact]
    public void Every_service_container_checks_its_liveness_with_its_own_probe_over_the_report_it_is_told_to_write()
    {
        foreach (var service in PipelineServices.All)
        {
            var container = stack.ContainerOf(service.Queue, service.Queue);
            var command = container.GetProperty("HealthCheck").GetProperty("Command").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.Equal(["CMD", "dotnet", $"/app/{service.Project}.dll", "--health", "live"], command);
            Assert.Equal("/tmp/health.json", Environment(container)["Health__StatusFile"]);
        }
    }

    [Fact]
    public void Every_service_is_on_the_sqs_transport_under_the_stacks_scope()
    {
        foreach (var service in PipelineServices.All)
        {
            var settings = Environment(stack.ContainerOf(service.Queue, service.Queue));
            Assert.Equal(MessagingOptions.Sqs, settings["Messaging__Transport"]);
            Assert.Equal(stack.Settings.Scope, settings["Messaging__SqsTransport__Scope"]);
        }
    }

    [Fact]
    public void Services_that_keep_objects_use_s3_and_those_that_call_sagemaker_get_its_region()
    {
        Assert.Equal("S3", Environment(stack.ContainerOf("ingestor", "ingestor"))["Storage__Kind"]);
        Assert.Equal("S3", Environment(stack.ContainerOf("evaluator", "evaluator"))["Storage__Kind"]);
        foreach (var queue in new[] { "trainer", "job-watcher", "deployer", "evaluator" })
            Assert.True(Environment(stack.ContainerOf(queue, queue)).ContainsKey("Aws__Region"), $"{queue} has no Aws__Region");
    }

    [Fact]
    public void Every_service_exports_its_telemetry_to_a_collector_beside_it()
    {
        foreach (var service in PipelineServices.All)
        {
            var app = stack.ContainerOf(service.Queue, service.Queue);
            Assert.Equal("http://localhost:4317", Environment(app)["OTEL_EXPORTER_OTLP_ENDPOINT"]);

            var collector = stack.ContainerOf(service.Queue, TelemetryCollector.ContainerName);
            Assert.Contains("awsxray", Environment(collector)["AOT_CONFIG_CONTENT"], StringComparison.Ordinal);
            Assert.Contains(app.GetProperty("DependsOn").EnumerateArray(),
                d => d.GetProperty("ContainerName").GetString() == TelemetryCollector.ContainerName);
        }
    }

    [Fact]
    public void Every_log_group_keeps_its_logs_for_the_configured_retention()
    {
        var groups = stack.Resources("AWS::Logs::LogGroup").ToList();

        Assert.Equal(PipelineServices.All.Count, groups.Count);
        Assert.All(groups, g => Assert.Equal(stack.Settings.LogRetentionDays, g.Properties.GetProperty("RetentionInDays").GetInt32()));
    }

    internal static Dictionary<string, string> Environment(JsonElement container) =>
        container.GetProperty("Environment").EnumerateArray().ToDictionary(e => e.GetProperty("Name").GetString()!, e => Value(e.GetProperty("Value")));

    // A region is a reference to AWS::Region in an environment-agnostic stack.
    private static string Value(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
