using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Pipeline.Deploy;

/// <summary>
/// Target tracking on backlog per task: the queue's visible messages over the service's running tasks (Container
/// Insights), held near <c>backlogPerTask</c>. With no task running the backlog itself counts, so a service at zero
/// tasks still scales out. Delayed messages (scheduled polls, stage timeouts) are not visible and do not count.
/// </summary>
internal sealed class BacklogScaling : Construct
{
    public BacklogScaling(Construct scope, string id, ICluster cluster, FargateService service, string queueName,
        double minTasks, double maxTasks, int backlogPerTask)
        : base(scope, id)
    {
        var target = new ScalableTarget(this, "Target", new ScalableTargetProps
        {
            // ECS's service-linked role, as the ECS service's own AutoScaleTaskCount uses (else a role without permissions is made).
            Role = Role.FromRoleArn(this, "ServiceLinkedRole", Stack.Of(this).FormatArn(new ArnComponents
            {
                Service = "iam",
                Region = "",
                Resource = "role/aws-service-role/ecs.application-autoscaling.amazonaws.com",
                ResourceName = "AWSServiceRoleForApplicationAutoScaling_ECSService",
            })),
            ServiceNamespace = ServiceNamespace.ECS,
            ResourceId = $"service/{cluster.ClusterName}/{service.ServiceName}",
            ScalableDimension = "ecs:service:DesiredCount",
            MinCapacity = minTasks,
            MaxCapacity = maxTasks,
        });

        _ = new CfnScalingPolicy(this, "BacklogPerTask", new CfnScalingPolicyProps
        {
            PolicyName = $"{queueName}-backlog-per-task",
            PolicyType = "TargetTrackingScaling",
            ScalingTargetId = target.ScalableTargetId,
            TargetTrackingScalingPolicyConfiguration = new CfnScalingPolicy.TargetTrackingScalingPolicyConfigurationProperty
            {
                TargetValue = backlogPerTask,
                ScaleOutCooldown = 60,
                // A task stopped mid-message hands it back to the queue: scale in slowly.
                ScaleInCooldown = 300,
                CustomizedMetricSpecification = new CfnScalingPolicy.CustomizedMetricSpecificationProperty
                {
                    Metrics = new object[]
                    {
                        // In flight counts too: a message being worked on is invisible, and two busy tasks with an empty
                        // queue must not read as no work (scaling in would stop one mid-message).
                        Stat("visible", "AWS/SQS", "ApproximateNumberOfMessagesVisible", ("QueueName", queueName)),
                        Stat("inflight", "AWS/SQS", "ApproximateNumberOfMessagesNotVisible", ("QueueName", queueName)),
                        Stat("tasks", "ECS/ContainerInsights", "RunningTaskCount", ("ClusterName", cluster.ClusterName), ("ServiceName", service.ServiceName)),
                        new CfnScalingPolicy.TargetTrackingMetricDataQueryProperty
                        {
                            Id = "backlogPerTask",
                            Expression = "IF(tasks > 0, (visible + inflight) / tasks, visible + inflight)",
                            Label = "Waiting and in-flight messages per running task",
                            ReturnData = true,
                        },
                    },
                },
            },
        });
    }

    private static CfnScalingPolicy.TargetTrackingMetricDataQueryProperty Stat(string id, string ns, string metric, params (string Name, string Value)[] dimensions) => new()
    {
        Id = id,
        ReturnData = false,
        MetricStat = new CfnScalingPolicy.TargetTrackingMetricStatProperty
        {
            Stat = "Average",
            Metric = new CfnScalingPolicy.TargetTrackingMetricProperty
            {
                Namespace = ns,
                MetricName = metric,
                Dimensions = dimensions
                    .Select(d => (object)new CfnScalingPolicy.TargetTrackingMetricDimensionProperty { Name = d.Name, Value = d.Value })
                    .ToArray(),
            },
        },
    };
}
