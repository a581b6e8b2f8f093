using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Pipeline.Deploy;

/// <summary>
/// One service on Fargate: a task role of its own, a log group, the service's container and the collector sidecar,
/// and the ECS service. Images come from the service's ECR repository at the deployment's image tag.
/// </summary>
internal sealed class ServiceDeployment : Construct
{
    public ServiceDeployment(Construct scope, string id, ServiceDeploymentProps props)
        : base(scope, id)
    {
        var service = props.Service;
        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"{service.Project} tasks",
        });
        foreach (var statement in props.Permissions.For(service))
            TaskRole.AddToPolicy(statement);

        var logs = new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = $"/{props.Settings.Scope}/{service.Queue}",
            Retention = props.Settings.LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps
        {
            Cpu = service.Size.Cpu,
            MemoryLimitMiB = service.Size.MemoryMiB,
            TaskRole = TaskRole,
            // Graviton: about 20% less than x86 for the same size; deploy/README.md builds the images for linux-arm64.
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.ARM64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });
        var collector = TelemetryCollector.AddTo(task, props.Settings.CollectorImage, logs);
        var app = task.AddContainer(service.Queue, new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromEcrRepository(props.Repository, props.ImageTag),
            Essential = true,
            Environment = ServiceSettings.For(service, Stack.Of(this).Region, props.Settings.Scope, props.SagaTableName),
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = logs, StreamPrefix = "app" }),
            // Fargate's longest: a consumer that is stopped lets its messages go back to the queue on the way out.
            StopTimeout = Duration.Seconds(120),
            // Liveness, not readiness: a task whose broker is out of reach keeps retrying; one whose host hung is replaced.
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "dotnet", $"/app/{service.Project}.dll", "--health", "live"],
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(5),
                Retries = 3,
                StartPeriod = Duration.Seconds(60),
            },
        });
        app.AddContainerDependencies(new ContainerDependency { Container = collector, Condition = ContainerDependencyCondition.START });

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = props.Cluster,
            TaskDefinition = task,
            ServiceName = service.Queue,
            DesiredCount = props.DesiredCount,
            AssignPublicIp = props.AssignPublicIp,
            VpcSubnets = new SubnetSelection { SubnetType = props.AssignPublicIp ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroups = [props.SecurityGroup],
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
        });
    }

    public Role TaskRole { get; }

    public FargateService Service { get; }
}

internal sealed record ServiceDeploymentProps(
    PipelineService Service,
    DeploySettings Settings,
    TaskRolePermissions Permissions,
    ICluster Cluster,
    ISecurityGroup SecurityGroup,
    bool AssignPublicIp,
    IRepository Repository,
    string ImageTag,
    string SagaTableName,
    double? DesiredCount);
