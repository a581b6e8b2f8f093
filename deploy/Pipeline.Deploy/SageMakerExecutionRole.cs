using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Pipeline.Deploy;

/// <summary>
/// The role SageMaker's training jobs, models and transform jobs run as (the experiment spec's RoleArn): the experiment
/// prefix of the data bucket, and SageMaker's own log groups and metrics. Built-in algorithm images come from
/// SageMaker's registries and need no ECR permission here; an image of your own in ECR would.
/// </summary>
internal sealed class SageMakerExecutionRole : Construct
{
    /// <summary>Where SageMaker writes the logs of training jobs, endpoints (one group each) and transform jobs.</summary>
    private static readonly string[] SageMakerLogGroups = ["/aws/sagemaker/TrainingJobs", "/aws/sagemaker/Endpoints/*", "/aws/sagemaker/TransformJobs"];

    public SageMakerExecutionRole(Construct scope, string id, IBucket bucket, string experimentPrefix)
        : base(scope, id)
    {
        var stack = Stack.Of(this);
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("sagemaker.amazonaws.com"),
            Description = "SageMaker training, hosting and batch transform for Pipeline experiments",
        });
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ExperimentObjects",
            Actions = ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"],
            Resources = [bucket.ArnForObjects(experimentPrefix + "/*")],
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ListExperimentPrefix",
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { experimentPrefix, experimentPrefix + "/*" } },
            },
        }));
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SageMakerLogs",
            Actions = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resources = SageMakerLogGroups
                .Select(group => stack.FormatArn(new ArnComponents
                {
                    Service = "logs",
                    Resource = "log-group",
                    ResourceName = group + ":*",
                    ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
                }))
                .ToArray(),
        }));
        // PutMetricData has no resource-level permissions ("*" is its only resource); the condition keeps it to SageMaker's namespaces.
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SageMakerMetrics",
            Actions = ["cloudwatch:PutMetricData"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["cloudwatch:namespace"] = "/aws/sagemaker/*" },
            },
        }));
    }

    public Role Role { get; }
}
