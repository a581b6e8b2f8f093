namespace Pipeline.Deploy;

/// <summary>
/// A service's configuration as environment variables, named as the services read their settings (section:key with
/// "__"): <c>Messaging</c> (transport), <c>Aws</c> (SageMaker clients), <c>Storage</c> (object store), <c>Saga</c>
/// (the Coordinator's store), and OpenTelemetry's standard OTLP variable. No URLs: empty means AWS itself.
/// </summary>
internal static class ServiceSettings
{
    public const string HealthStatusFile = "/tmp/health.json";

    public static Dictionary<string, string> For(PipelineService service, string region, string scope, string sagaTableName)
    {
        var settings = new Dictionary<string, string>
        {
            ["Messaging__Transport"] = "Sqs",
            ["Messaging__SqsTransport__Region"] = region,
            ["Messaging__SqsTransport__Scope"] = scope,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = TelemetryCollector.OtlpEndpoint,
            // The report the container's health check reads (`--health live`).
            ["Health__StatusFile"] = HealthStatusFile,
        };
        // An evaluation runs for minutes: a task fetching more ahead would hold work a free task could do.
        if (service == PipelineServices.Evaluator)
            settings["Messaging__SqsTransport__PrefetchCount"] = "1";
        if (service.Access.Any(a => a is AwsAccess.TrainingJobs or AwsAccess.TrainingJobStatus or AwsAccess.Hosting or AwsAccess.Evaluation))
            settings["Aws__Region"] = region;
        if (service.Access.Contains(AwsAccess.ExperimentObjects))
        {
            settings["Storage__Kind"] = "S3";
            settings["Storage__S3__Region"] = region;
        }

        if (service.Access.Contains(AwsAccess.SagaTable))
        {
            settings["Saga__Store"] = "DynamoDb";
            settings["Saga__DynamoDb__TableName"] = sagaTableName;
            settings["Saga__DynamoDb__Region"] = region;
            // The stack owns the table; the Coordinator's role may not create one.
            settings["Saga__DynamoDb__CreateTable"] = "false";
        }

        return settings;
    }
}
