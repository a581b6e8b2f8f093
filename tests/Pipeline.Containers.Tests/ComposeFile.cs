using YamlDotNet.RepresentationModel;

namespace Pipeline.Containers.Tests;

/// <summary>docker-compose.yml as docker-compose itself resolves it (`config`: variables filled in, anchors merged).</summary>
internal sealed class ComposeFile
{
    private ComposeFile(IReadOnlyDictionary<string, ComposeService> services) => Services = services;

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public static ComposeFile Load()
    {
        var (exitCode, output, error) = DockerCompose.Run(["config"]);
        Assert.True(exitCode == 0, $"docker-compose config failed ({exitCode}): {error}");
        var root = (YamlMappingNode)Yaml.Parse(output);
        var services = ((YamlMappingNode)root["services"]).Children
            .ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => new ComposeService(((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value));
        return new ComposeFile(services);
    }
}

internal sealed record ComposeService(string Name, YamlMappingNode Node)
{
    public string? BuildContext => Build?.Scalar("context");

    public string? Dockerfile => Build?.Scalar("dockerfile");

    public string? Image => Node.Scalar("image");

    public IReadOnlyDictionary<string, string> Environment =>
        Node.Mapping("environment")?.Children.ToDictionary(c => Yaml.Text(c.Key), c => Yaml.Text(c.Value)) ?? [];

    /// <summary>The ports the service's container listens on, as `expose` declares them.</summary>
    public IReadOnlyList<int> Exposed => Node.Sequence("expose")?.Select(p => int.Parse(Yaml.Text(p), System.Globalization.CultureInfo.InvariantCulture)).ToList() ?? [];

    /// <summary>What the service waits for, each with its condition (service_started, service_healthy, ...).</summary>
    public IReadOnlyDictionary<string, string> DependsOn =>
        Node.Mapping("depends_on")?.Children.ToDictionary(c => Yaml.Text(c.Key), c => ((YamlMappingNode)c.Value).Scalar("condition") ?? "service_started") ?? [];

    public bool HasHealthCheck => Node.Mapping("healthcheck") is not null;

    /// <summary>entrypoint and command, as one line.</summary>
    public string CommandLine => string.Join(' ', new[] { "entrypoint", "command" }
        .Select(key => Node.Children.TryGetValue(key, out var value) ? value : null)
        .Where(value => value is not null)
        .SelectMany(value => value is YamlSequenceNode list ? list.Select(Yaml.Text) : [Yaml.Text(value!)]));

    public IReadOnlyList<(string Source, string Target)> Volumes => Node.Sequence("volumes")?.Select(v => v switch
    {
        YamlMappingNode m => (m.Scalar("source") ?? "", m.Scalar("target") ?? ""),
        _ => (Yaml.Text(v).Split(':')[0], Yaml.Text(v).Split(':')[1]),
    }).ToList() ?? [];

    private YamlMappingNode? Build => Node.Mapping("build");
}

internal static class Yaml
{
    public static YamlNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    public static YamlNode ParseFile(string path) => Parse(File.ReadAllText(path));

    public static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    public static string? Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlMappingNode? Mapping(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    public static YamlSequenceNode? Sequence(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? value as YamlSequenceNode : null;
}
