using Amazon.CDK;
using Pipeline.Deploy;

var app = new App();
var settings = DeploySettings.From(app.Node);
// Account and region of the CLI's profile: needed only to look up an existing VPC (context vpcId).
var account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT");
var region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION");
var env = account is null || region is null ? null : new Amazon.CDK.Environment { Account = account, Region = region };
_ = new ImagesStack(app, "PipelineImages", settings, new StackProps { Env = env, StackName = $"{settings.Scope}-images" });
_ = new PipelineStack(app, "Pipeline", settings, new StackProps { Env = env, StackName = settings.Scope });
app.Synth();
