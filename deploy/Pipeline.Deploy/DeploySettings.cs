using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Pipeline.Deploy;

/// <summary>
/// Values fixed when the app is synthesized (CDK context: cdk.json, or <c>-c name=value</c>). They name things, so they
/// are known before deployment; what may change between deployments of one template is a CloudFormation parameter.
/// </summary>
internal sealed record DeploySettings
{
    /// <summary>Prefix of every queue and topic (Messaging:SqsTransport:Scope), the cluster's and the table's name.</summary>
    public string Scope { get; init; } = "pipeline";

    /// <summary>The experiment spec's Prefix: the only part of the data bucket the services and SageMaker may touch.</summary>
    public string ExperimentPrefix { get; init; } = "sagemaker/DEMO-data-distribution-types";

    public int LogRetentionDays { get; init; } = 30;

    /// <summary>An existing VPC to run in (looked up at synthesis); none: the stack makes one without NAT gateways.</summary>
    public string? VpcId { get; init; }

    /// <summary>
    /// Tasks in public subnets with a public address (no NAT gateway); false puts them in the private subnets of
    /// <see cref="VpcId"/>, which then need a way out (NAT or VPC endpoints) to reach AWS and GDELT.
    /// </summary>
    public bool PublicSubnets { get; init; } = true;

    /// <summary>The OpenTelemetry collector image of the sidecar (AWS Distro for OpenTelemetry: OTLP in, X-Ray out).</summary>
    public string CollectorImage { get; init; } = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";

    public static DeploySettings From(Node node)
    {
        var defaults = new DeploySettings();
        return new DeploySettings
        {
            Scope = Text(node, "scope") ?? defaults.Scope,
            ExperimentPrefix = (Text(node, "experimentPrefix") ?? defaults.ExperimentPrefix).Trim('/'),
            LogRetentionDays = Text(node, "logRetentionDays") is { } days ? int.Parse(days, System.Globalization.CultureInfo.InvariantCulture) : defaults.LogRetentionDays,
            VpcId = Text(node, "vpcId"),
            PublicSubnets = Text(node, "publicSubnets") is not { } publicSubnets || bool.Parse(publicSubnets),
            CollectorImage = Text(node, "collectorImage") ?? defaults.CollectorImage,
        };
    }

    /// <summary>CloudWatch Logs takes only some numbers of days.</summary>
    public RetentionDays LogRetention => LogRetentionDays switch
    {
        1 => RetentionDays.ONE_DAY,
        3 => RetentionDays.THREE_DAYS,
        5 => RetentionDays.FIVE_DAYS,
        7 => RetentionDays.ONE_WEEK,
        14 => RetentionDays.TWO_WEEKS,
        30 => RetentionDays.ONE_MONTH,
        60 => RetentionDays.TWO_MONTHS,
        90 => RetentionDays.THREE_MONTHS,
        180 => RetentionDays.SIX_MONTHS,
        365 => RetentionDays.ONE_YEAR,
        _ => throw new ArgumentException($"logRetentionDays must be 1, 3, 5, 7, 14, 30, 60, 90, 180 or 365, not {LogRetentionDays}."),
    };

    // Context from cdk.json arrives as JSON values, from -c as strings.
    private static string? Text(Node node, string key) =>
        node.TryGetContext(key) is { } value && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;
}
