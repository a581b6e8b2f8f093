using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace Pipeline.Deploy;

/// <summary>
/// The statements of one service's task role: the calls its code makes (the transport's, and the AWS clients' its
/// <see cref="AwsAccess"/> names), on the resources it makes them on.
/// </summary>
internal sealed class TaskRolePermissions(Stack stack, SharedResources shared)
{
    /// <summary>The calls the transport makes on a queue it receives from: declare (idempotent), receive, settle, send to itself.</summary>
    private static readonly string[] ReceiveQueue =
    [
        "sqs:CreateQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes",
        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:SendMessage",
    ];

    /// <summary>Before its first send to a queue the transport declares it (idempotent) and reads its ARN.</summary>
    private static readonly string[] SendQueue = ["sqs:CreateQueue", "sqs:GetQueueAttributes", "sqs:SendMessage"];

    public IEnumerable<PolicyStatement> For(PipelineService service) =>
        Messaging(service).Concat(service.Access.SelectMany(Statements)).Append(Traces());

    private IEnumerable<PolicyStatement> Messaging(PipelineService service)
    {
        var messaging = shared.Messaging;
        var own = messaging.QueuesOf(service.Queue);
        yield return Allow("OwnQueue", ReceiveQueue, own.Queue.QueueArn);
        yield return Allow("OwnErrorAndSkippedQueues", SendQueue, own.Error.QueueArn, own.Skipped.QueueArn);
        if (service.SendsTo.Count > 0)
            yield return Allow("CommandQueues", SendQueue, [.. service.SendsTo.Select(q => messaging.QueuesOf(q).Queue.QueueArn)]);

        // The bus's own queue ({scope}_{host}_{process}_bus_{id}, for responses) and a per-process endpoint's queue
        // are named at start, so only a pattern can name them; they are the process's own, so it may delete them.
        string[] perProcess = service.ConsumesPerProcess.Count > 0
            ? [QueueArn(messaging.Scoped("*_bus_*")), QueueArn(messaging.Scoped(service.Queue + "-*"))]
            : [QueueArn(messaging.Scoped("*_bus_*"))];
        yield return Allow("ProcessQueues", [.. ReceiveQueue, "sqs:DeleteQueue"], perProcess);

        var consumed = service.Consumes.Concat(service.ConsumesPerProcess).Distinct().Select(t => messaging.TopicOf(t).TopicArn).ToArray();
        // A per-process endpoint removes its subscriptions with its queue when the process stops.
        string[] subscribe = service.ConsumesPerProcess.Count > 0 ? ["sns:CreateTopic", "sns:Subscribe", "sns:Unsubscribe"] : ["sns:CreateTopic", "sns:Subscribe"];
        yield return Allow("SubscribeToConsumedTopics", subscribe, consumed);
        yield return Allow("PublishToTopics", ["sns:CreateTopic", "sns:Publish"], [.. service.Emits.Select(t => messaging.TopicOf(t).TopicArn)]);
    }

    private IEnumerable<PolicyStatement> Statements(AwsAccess access) => access switch
    {
        AwsAccess.ExperimentObjects => ExperimentObjects(),
        AwsAccess.TrainingJobs =>
        [
            Allow("TrainingJobs", ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob", "sagemaker:AddTags"],
                SageMakerArn("training-job")),
            PassExecutionRole(),
        ],
        AwsAccess.TrainingJobStatus =>
        [
            Allow("TrainingJobStatus", ["sagemaker:DescribeTrainingJob"], SageMakerArn("training-job")),
            // Pipeline.JobWatcher's TrainingLogSpan.LogGroup, where SageMaker writes one stream per training host.
            Allow("TrainingLogs", ["logs:DescribeLogStreams", "logs:GetLogEvents"], LogGroupArn("/aws/sagemaker/TrainingJobs")),
        ],
        AwsAccess.Hosting =>
        [
            Allow("Hosting",
                [
                    "sagemaker:CreateModel", "sagemaker:DeleteModel",
                    "sagemaker:CreateEndpointConfig", "sagemaker:DeleteEndpointConfig",
                    "sagemaker:CreateEndpoint", "sagemaker:DescribeEndpoint", "sagemaker:DeleteEndpoint",
                    "sagemaker:AddTags",
                ],
                SageMakerArn("model"), SageMakerArn("endpoint-config"), SageMakerArn("endpoint")),
            // Teardown stops a variant's batch transform job that an experiment's early end left running.
            Allow("StopTransformJobs", ["sagemaker:StopTransformJob"], SageMakerArn("transform-job")),
            PassExecutionRole(),
        ],
        AwsAccess.Evaluation =>
        [
            Allow("InvokeEndpoints", ["sagemaker:InvokeEndpoint"], SageMakerArn("endpoint")),
            // AddTags: a transform job is created with the pipeline's tags (experiment, variant).
            Allow("TransformJobs", ["sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob", "sagemaker:AddTags"],
                SageMakerArn("transform-job")),
        ],
        AwsAccess.SagaTable => [Allow("SagaTable", ["dynamodb:GetItem", "dynamodb:PutItem"], shared.SagaTable.TableArn)],
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    private IEnumerable<PolicyStatement> ExperimentObjects()
    {
        yield return Allow("ExperimentObjects", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            shared.Bucket.ArnForObjects(shared.ExperimentPrefix + "/*"));
        yield return ListExperimentPrefix(shared);
    }

    /// <summary>Listing is allowed on the bucket, narrowed to the experiment prefix by a condition.</summary>
    public static PolicyStatement ListExperimentPrefix(SharedResources shared) => new(new PolicyStatementProps
    {
        Sid = "ListExperimentPrefix",
        Actions = ["s3:ListBucket"],
        Resources = [shared.Bucket.BucketArn],
        Conditions = new Dictionary<string, object>
        {
            ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { shared.ExperimentPrefix, shared.ExperimentPrefix + "/*" } },
        },
    });

    /// <summary>CreateTrainingJob and CreateModel hand SageMaker the execution role: that one, to SageMaker only.</summary>
    private PolicyStatement PassExecutionRole() => new(new PolicyStatementProps
    {
        Sid = "PassSageMakerExecutionRole",
        Actions = ["iam:PassRole"],
        Resources = [shared.SageMakerExecutionRole.RoleArn],
        Conditions = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "sagemaker.amazonaws.com" },
        },
    });

    /// <summary>
    /// The collector sidecar sends the task's traces to X-Ray with the task role. X-Ray's PutTraceSegments,
    /// PutTelemetryRecords and sampling calls have no resource-level permissions: "*" is the only resource they take.
    /// </summary>
    private static PolicyStatement Traces() =>
        Allow("Traces", ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], "*");

    private string SageMakerArn(string resourceType) => stack.FormatArn(new ArnComponents
    {
        Service = "sagemaker",
        Resource = resourceType,
        ResourceName = "*",
        ArnFormat = ArnFormat.SLASH_RESOURCE_NAME,
    });

    private string LogGroupArn(string logGroup) => stack.FormatArn(new ArnComponents
    {
        Service = "logs",
        Resource = "log-group",
        // The group and every stream in it ("log-group:NAME:log-stream:STREAM").
        ResourceName = logGroup + ":*",
        ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
    });

    private string QueueArn(string name) => stack.FormatArn(new ArnComponents { Service = "sqs", Resource = name, ArnFormat = ArnFormat.NO_RESOURCE_NAME });

    private static PolicyStatement Allow(string sid, string[] actions, params string[] resources) =>
        new(new PolicyStatementProps { Sid = sid, Actions = actions, Resources = resources });
}
