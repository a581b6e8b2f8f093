using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Constructs;

namespace Pipeline.Deploy;

/// <summary>
/// One ECR repository per service, in a stack of their own: they must exist before the images are pushed, which is
/// before the services' stack can start a task, and they outlive that stack.
/// </summary>
internal sealed class ImagesStack : Stack
{
    public ImagesStack(Construct scope, string id, DeploySettings settings, IStackProps props)
        : base(scope, id, props)
    {
        foreach (var service in PipelineServices.All)
        {
            var repository = new Repository(this, service.Name, new RepositoryProps
            {
                RepositoryName = RepositoryName(settings, service),
                ImageScanOnPush = true,
                // A tag names one build for good: rolling back is deploying the old tag.
                ImageTagMutability = TagMutability.IMMUTABLE,
                LifecycleRules = [new LifecycleRule { Description = "Keep the last 20 builds", MaxImageCount = 20 }],
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
            _ = new CfnOutput(this, $"{service.Name}RepositoryUri", new CfnOutputProps { Value = repository.RepositoryUri });
        }
    }

    public static string RepositoryName(DeploySettings settings, PipelineService service) => $"{settings.Scope}/{service.Queue}";
}
