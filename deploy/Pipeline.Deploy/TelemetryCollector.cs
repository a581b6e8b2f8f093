using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Logs;

namespace Pipeline.Deploy;

/// <summary>
/// The OpenTelemetry collector beside each service's container: the service exports OTLP to it on the task's loopback
/// (OTEL_EXPORTER_OTLP_ENDPOINT), it sends the traces to X-Ray under the task's role. The services also export
/// metrics; the collector counts them in its log and drops them, since every MassTransit metric series would be a
/// CloudWatch custom metric at a monthly price each (swap "debug" for "awsemf" to keep them).
/// </summary>
internal static class TelemetryCollector
{
    /// <summary>What the services read (OpenTelemetry's standard variable): OTLP over gRPC to the sidecar.</summary>
    public const string OtlpEndpoint = "http://localhost:4317";

    public const string ContainerName = "otel-collector";

    public const string Config = """
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:4317
              http:
                endpoint: 127.0.0.1:4318
        processors:
          batch: {}
        exporters:
          awsxray: {}
          debug:
            verbosity: basic
        service:
          pipelines:
            traces:
              receivers: [otlp]
              processors: [batch]
              exporters: [awsxray]
            metrics:
              receivers: [otlp]
              processors: [batch]
              exporters: [debug]
        """;

    public static ContainerDefinition AddTo(TaskDefinition task, string image, ILogGroup logs) =>
        task.AddContainer(ContainerName, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(image),
            // Losing traces must not stop the service.
            Essential = false,
            MemoryReservationMiB = 64,
            // The AWS Distro for OpenTelemetry collector reads its whole configuration from this variable.
            Environment = new Dictionary<string, string> { ["AOT_CONFIG_CONTENT"] = Config },
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "collector" }),
        });
}
