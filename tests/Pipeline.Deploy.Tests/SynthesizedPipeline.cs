using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace Pipeline.Deploy.Tests;

/// <summary>
/// The Pipeline stack synthesized once for every test (the CDK runs in Node.js: seconds, not milliseconds), with the
/// default settings, as CloudFormation JSON and as an Amazon.CDK.Assertions template.
/// </summary>
public sealed class SynthesizedPipeline : IDisposable
{
    private readonly string _folder;

    public SynthesizedPipeline()
    {
        _folder = Directory.CreateTempSubdirectory("pipeline-deploy-tests-").FullName;
        var app = new App(new AppProps { Outdir = _folder });
        _ = new global::Pipeline.Deploy.PipelineStack(app, "Pipeline", Settings, new StackProps());
        app.Synth();
        var json = File.ReadAllText(Path.Combine(_folder, "Pipeline.template.json"));
        Root = JsonDocument.Parse(json).RootElement;
        Template = Template.FromString(json, null);
    }

    internal DeploySettings Settings { get; } = new();

    public JsonElement Root { get; }

    public Template Template { get; }

    public IEnumerable<(string Id, JsonElement Properties)> Resources(string type) =>
        Root.GetProperty("Resources").EnumerateObject()
            .Where(r => r.Value.GetProperty("Type").GetString() == type)
            .Select(r => (r.Name, r.Value.TryGetProperty("Properties", out var p) ? p : default));

    public JsonElement Properties(string id) => Root.GetProperty("Resources").GetProperty(id).GetProperty("Properties");

    /// <summary>The ECS service named <paramref name="queue"/> (services are named after their queues).</summary>
    public (string Id, JsonElement Properties) Service(string queue) =>
        Resources("AWS::ECS::Service").Single(s => s.Properties.GetProperty("ServiceName").GetString() == queue);

    public JsonElement TaskDefinitionOf(string queue) => Properties(Json.Ref(Service(queue).Properties.GetProperty("TaskDefinition")));

    public string TaskRoleOf(string queue) => Json.GetAtt(TaskDefinitionOf(queue).GetProperty("TaskRoleArn"));

    public JsonElement ContainerOf(string queue, string container) =>
        TaskDefinitionOf(queue).GetProperty("ContainerDefinitions").EnumerateArray().Single(c => c.GetProperty("Name").GetString() == container);

    /// <summary>Every statement of every IAM policy in the stack, with the roles the policy is attached to.</summary>
    public IEnumerable<(IReadOnlyList<string> Roles, JsonElement Statement)> Statements()
    {
        foreach (var type in new[] { "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" })
        {
            foreach (var (_, policy) in Resources(type))
            {
                var roles = policy.TryGetProperty("Roles", out var r) ? r.EnumerateArray().Select(Json.Ref).ToList() : [];
                foreach (var statement in policy.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
                    yield return (roles, statement);
            }
        }

        foreach (var (id, role) in Resources("AWS::IAM::Role"))
        {
            if (!role.TryGetProperty("Policies", out var inline))
                continue;
            foreach (var statement in inline.EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()))
                yield return ([id], statement);
        }
    }

    public IEnumerable<JsonElement> StatementsOf(string roleId) => Statements().Where(s => s.Roles.Contains(roleId)).Select(s => s.Statement);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class SynthesizedPipelineCollection : ICollectionFixture<SynthesizedPipeline>
{
    public const string Name = "Synthesized pipeline";
}
