using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.S3;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace Pipeline.Deploy;

/// <summary>The system on ECS Fargate: network, cluster, messaging, saga table, data bucket, SageMaker role and the six services.</summary>
internal sealed class PipelineStack : Stack
{
    /// <summary>
    /// The Coordinator is not scaled on its backlog (its work is a few DynamoDB writes per message): two tasks, so that
    /// a task being replaced or an Availability Zone going away does not stop every experiment. Two are safe: saga
    /// writes are conditional on the version and a lost race is retried on the newer item.
    /// </summary>
    public const int CoordinatorTasks = 2;


    public PipelineStack(Construct scope, string id, DeploySettings settings, IStackProps props)
        : base(scope, id, props)
    {
        var imageTag = new CfnParameter(this, "ImageTag", new CfnParameterProps
        {
            Type = "String",
            Description = "The tag of the services' images in their ECR repositories (one build: a commit id, say)",
            AllowedPattern = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
        });
        var minTasks = new CfnParameter(this, "WorkerMinTasks", new CfnParameterProps
        {
            Type = "Number",
            Default = 1,
            MinValue = 0,
            Description = "Fewest tasks of each worker (0 saves the most when idle; the first message then waits for a task to start)",
        });
        var maxTasks = new CfnParameter(this, "WorkerMaxTasks", new CfnParameterProps
        {
            Type = "Number",
            Default = 4,
            MinValue = 1,
            Description = "Most tasks of each worker",
        });

        var vpc = Network(settings);
        var securityGroup = new SecurityGroup(this, "Tasks", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "Pipeline tasks: nothing comes in (the services only call out)",
            AllowAllOutbound = true,
        });
        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = vpc, ClusterName = settings.Scope, ContainerInsights = true });

        var bucket = new Bucket(this, "Data", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            LifecycleRules = [new LifecycleRule { AbortIncompleteMultipartUploadAfter = Duration.Days(7) }],
            // Datasets and models take hours to make again.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        var sagas = new Table(this, "Sagas", new TableProps
        {
            TableName = $"{settings.Scope}-sagas",
            // Pipeline.Saga.DynamoDb's SagaItem.Key and SagaItem.ExpiresAt.
            PartitionKey = new Attribute { Name = "CorrelationId", Type = AttributeType.STRING },
            TimeToLiveAttribute = "ExpiresAt",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        var executionRole = new SageMakerExecutionRole(this, "SageMakerExecution", bucket, settings.ExperimentPrefix);
        var messaging = new Messaging(this, "Messaging", settings.Scope, PipelineServices.All);
        var shared = new SharedResources(messaging, bucket, settings.ExperimentPrefix, sagas, executionRole.Role);
        var permissions = new TaskRolePermissions(this, shared);

        foreach (var service in PipelineServices.All)
        {
            var repository = Amazon.CDK.AWS.ECR.Repository.FromRepositoryName(this, $"{service.Name}Repository", ImagesStack.RepositoryName(settings, service));
            var deployment = new ServiceDeployment(this, service.Name, new ServiceDeploymentProps(
                service, settings, permissions, cluster, securityGroup, settings.PublicSubnets, repository, imageTag.ValueAsString,
                sagas.TableName, service.IsScaled ? null : CoordinatorTasks));
            if (service.BacklogPerTask is { } backlogPerTask)
                _ = new BacklogScaling(deployment, "Scaling", cluster, deployment.Service, messaging.Scoped(service.Queue),
                    minTasks.ValueAsNumber, maxTasks.ValueAsNumber, backlogPerTask);
        }

        Output("DataBucketName", bucket.BucketName, "The experiment spec's Bucket");
        Output("ExperimentPrefix", settings.ExperimentPrefix, "The experiment spec's Prefix (the only one the roles allow)");
        Output("SageMakerExecutionRoleArn", executionRole.Role.RoleArn, "The experiment spec's RoleArn");
        Output("StartExperimentTopicArn", messaging.TopicOf(MessageTopic.Of<Pipeline.Contracts.StartExperiment>()).TopicArn,
            "Where a platform publishes StartExperiment (its publisher needs sns:Publish on it)");
        Output("SagaTableName", sagas.TableName, "The Coordinator's saga table");
    }

    private IVpc Network(DeploySettings settings) => settings.VpcId is { } vpcId
        ? Vpc.FromLookup(this, "Vpc", new VpcLookupOptions { VpcId = vpcId })
        : new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            // No NAT gateway: the tasks get public addresses in public subnets (see deploy/README.md for the costs).
            NatGateways = 0,
            SubnetConfiguration = [new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 }],
            // Free, and S3 and DynamoDB traffic stays off the internet.
            GatewayEndpoints = new Dictionary<string, IGatewayVpcEndpointOptions>
            {
                ["S3"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 },
                ["DynamoDb"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB },
            },
        });

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
