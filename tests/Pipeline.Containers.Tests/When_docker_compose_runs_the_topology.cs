using Pipeline.Cli.Distributed;
using Pipeline.Cli.Specs;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Containers.Tests;

/// <summary>docker-compose.yml, as docker-compose reads it, against the code and `pipeline up`.</summary>
public sealed class When_docker_compose_runs_the_topology
{
    private const string Moto = "http://moto:5000";
    private const string LocalSageMaker = "http://localsagemaker:8080";
    private const string Collector = "otel-collector";
    private const string CollectorConfig = "/etc/otelcol/config.yaml";

    /// <summary>Read by the AWS SDK's credential and region chain from the process's environment, not through configuration.</summary>
    private static readonly HashSet<string> AwsSdkVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION"];

    /// <summary>Read by the OpenTelemetry SDK from the process's environment, where the host registers it.</summary>
    private static readonly HashSet<string> OpenTelemetryVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    private static readonly Lazy<ComposeFile> LazyCompose = new(ComposeFile.Load);

    private static readonly Dictionary<string, Task<ReadSettings>> Reads = [];

    private static ComposeFile Compose => LazyCompose.Value;

    /// <summary>What the container's process sees: the image's ENV, then the compose file's environment over it.</summary>
    private static Dictionary<string, string> EnvironmentOf(string project)
    {
        var environment = new Dictionary<string, string>(Services.Dockerfile(project).Environment);
        foreach (var (name, value) in Compose.Services[Services.ComposeName(project)].Environment)
            environment[name] = value;
        return environment;
    }

    /// <summary>What the service's code reads when given its compose environment (once per service).</summary>
    private static Task<ReadSettings> ReadByAsync(string project)
    {
        lock (Reads)
        {
            if (!Reads.TryGetValue(project, out var read))
            {
                var environment = EnvironmentOf(project);
                Reads[project] = read = project == "Pipeline.LocalSageMaker"
                    ? Task.FromResult(ReadSettings.OfLocalSageMaker(environment))
                    : Task.Run(() => ReadSettings.OfProgram(System.Reflection.Assembly.Load(project), environment));
            }

            return read;
        }
    }

    [Fact]
    public void Docker_compose_validates_it()
    {
        var (exitCode, _, error) = DockerCompose.Run(["config", "-q"]);
        Assert.True(exitCode == 0, error);
    }

    [Fact]
    public void It_will_not_run_without_a_secret_key_of_your_own()
    {
        var (exitCode, _, error) = DockerCompose.Run(["config", "-q"], withSecret: false);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"set {DockerCompose.SecretVariable}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void It_runs_what_pipeline_up_runs_with_the_collector_and_Jaeger()
    {
        string[] expected = ["moto", "buckets", .. Services.Projects.Select(Services.ComposeName), Collector, "jaeger"];
        Assert.Equal(expected.Order(), Compose.Services.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public void Each_service_is_built_by_its_own_Dockerfile_from_the_repository_root(string project)
    {
        var service = Compose.Services[Services.ComposeName(project)];
        Assert.Equal(Repository.Root, service.BuildContext);
        Assert.Equal(Services.DockerfilePath(project), service.Dockerfile);
        Assert.True(File.Exists(Repository.PathOf(service.Dockerfile!)));
        var (_, published) = Services.Dockerfile(project).DotnetRun("publish");
        Assert.Equal(Services.Project(project).Path, Repository.PathOf(published));
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public async Task Every_variable_a_service_is_given_is_a_setting_its_code_reads_and_accepts(string project)
    {
        var read = await ReadByAsync(project);
        var unread = EnvironmentOf(project).Keys
            .Where(name => !read.Reads(name) && !AwsSdkVariables.Contains(name) && !(read.ExportsTelemetry && OpenTelemetryVariables.Contains(name)))
            .ToList();

        Assert.True(unread.Count == 0, $"{project} reads none of: {string.Join(", ", unread)}");
        Assert.Empty(read.Problems);
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public async Task Each_service_gets_what_pipeline_up_gives_it_at_this_files_addresses(string project)
    {
        var read = await ReadByAsync(project);
        var environment = EnvironmentOf(project);
        if (project == "Pipeline.LocalSageMaker")
        {
            // `up` starts it with --s3-endpoint <moto> and signs with the key pair it gives every service.
            Assert.Equal(("S3", Moto), (environment["Storage__Kind"], environment["Storage__S3__ServiceUrl"]));
            Assert.Equal(environment["AWS_ACCESS_KEY_ID"], environment["LocalSageMaker__Auth__AccessKeyId"]);
            Assert.Equal(environment["AWS_SECRET_ACCESS_KEY"], environment["LocalSageMaker__Auth__SecretAccessKey"]);
            return;
        }

        var differing = ProcessTopology.ServiceSettings(Moto, LocalSageMaker)
            .Where(setting => read.Reads(setting.Key))
            .Where(setting => !environment.TryGetValue(setting.Key, out var value) || value != setting.Value)
            .Select(setting => $"{setting.Key}={setting.Value} (compose: {environment.GetValueOrDefault(setting.Key) ?? "unset"})")
            .ToList();
        Assert.True(differing.Count == 0, $"{project} differs from `pipeline up`: {string.Join("; ", differing)}");
        Assert.Contains("AWS_ACCESS_KEY_ID", environment.Keys);
        Assert.Contains("AWS_SECRET_ACCESS_KEY", environment.Keys);
    }

    [Theory]
    [MemberData(nameof(Services.ProjectData), MemberType = typeof(Services))]
    public async Task Each_service_that_exports_telemetry_sends_it_to_the_collector_under_its_own_name(string project)
    {
        // Every .NET service of the file sets up OpenTelemetry, so each must be sent to the collector.
        Assert.True((await ReadByAsync(project)).ExportsTelemetry, $"{project} registers no OpenTelemetry");
        var environment = EnvironmentOf(project);
        Assert.Equal(Services.Project(project).AssemblyName, environment.GetValueOrDefault("OTEL_SERVICE_NAME"));
        Assert.Equal(Collector, new Uri(environment["OTEL_EXPORTER_OTLP_ENDPOINT"]).Host);
        Assert.Equal("service_started", Compose.Services[Services.ComposeName(project)].DependsOn.GetValueOrDefault(Collector));
    }

    [Fact]
    public void Every_address_is_a_service_of_the_file_at_a_port_it_listens_on()
    {
        var addresses = Compose.Services.Values
            .SelectMany(service => service.Environment.Select(v => (From: $"{service.Name}: {v.Key}", v.Value)))
            .Where(v => Uri.TryCreate(v.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .Select(v => (v.From, Address: new Uri(v.Value)))
            .Concat(CollectorExporters().Select(e => (From: $"{Collector}: exporter {e.Name}", Address: new Uri($"http://{e.Endpoint}"))))
            .ToList();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a =>
        {
            Assert.True(Compose.Services.TryGetValue(a.Address.Host, out var target), $"{a.From} names {a.Address.Host}, which is no service here.");
            Assert.True(target.Exposed.Contains(a.Address.Port), $"{a.From} calls {a.Address.Host} on {a.Address.Port}; it listens on {string.Join(", ", target.Exposed)}.");
        });

        // LocalSageMaker answers only Host names it is told to (besides loopback): the one its callers use.
        var allowed = EnvironmentOf("Pipeline.LocalSageMaker").Where(v => v.Key.StartsWith("LocalSageMaker__AllowedHosts__", StringComparison.Ordinal)).Select(v => v.Value);
        Assert.All(addresses.Where(a => a.Address.Host == "localsagemaker"), a => Assert.Contains(a.Address.Host, allowed));

        // And what each service listens on is what it says it exposes.
        Assert.Contains(int.Parse(Compose.Services["moto"].Environment["MOTO_PORT"], System.Globalization.CultureInfo.InvariantCulture), Compose.Services["moto"].Exposed);
        var localSageMakerPort = EnvironmentOf("Pipeline.LocalSageMaker")["LocalSageMaker__Server__Port"];
        Assert.Contains(int.Parse(localSageMakerPort, System.Globalization.CultureInfo.InvariantCulture), Compose.Services["localsagemaker"].Exposed);
        Assert.Equal("0.0.0.0", EnvironmentOf("Pipeline.LocalSageMaker")["LocalSageMaker__Server__Host"]);
        var receivers = CollectorReceiverPorts();
        Assert.Equal(receivers.Order(), Compose.Services[Collector].Exposed.Order());
    }

    [Fact]
    public void Services_start_once_what_they_need_is_healthy_in_the_order_pipeline_up_keeps()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var (needed, condition) in service.DependsOn)
            {
                Assert.True(Compose.Services.TryGetValue(needed, out var dependency), $"{service.Name} waits for {needed}, which is no service here.");
                if (condition == "service_healthy")
                    Assert.True(HasHealthCheck(dependency), $"{service.Name} waits for {needed} to be healthy, and {needed} has no health check.");
            }
        }

        Assert.Equal("service_completed_successfully", Compose.Services["localsagemaker"].DependsOn["buckets"]);
        Assert.Contains($"Bucket='{DefaultSpec.Bucket}'", Compose.Services["buckets"].CommandLine, StringComparison.Ordinal);
        Assert.All(Services.Workers, worker =>
        {
            Assert.Equal("service_healthy", Compose.Services[worker].DependsOn.GetValueOrDefault("moto"));
            Assert.Equal("service_healthy", Compose.Services[worker].DependsOn.GetValueOrDefault("localsagemaker"));
            Assert.Equal("service_healthy", Compose.Services["coordinator"].DependsOn.GetValueOrDefault(worker));
        });
    }

    [Fact]
    public void The_collector_sends_traces_to_Jaeger_over_OTLP_with_the_configuration_kept_here()
    {
        Assert.Contains(Compose.Services[Collector].Volumes, v => v.Target == CollectorConfig && File.Exists(v.Source));
        Assert.Contains($"--config={CollectorConfig}", Compose.Services[Collector].CommandLine, StringComparison.Ordinal);
        var traces = (YamlMappingNode)CollectorConfiguration()["service"]["pipelines"]["traces"];
        var exporters = ((YamlSequenceNode)traces["exporters"]).Select(Yaml.Text).ToList();
        Assert.Contains(CollectorExporters(), e => exporters.Contains(e.Name) && e.Name.StartsWith("otlp", StringComparison.Ordinal) && e.Endpoint.StartsWith("jaeger:", StringComparison.Ordinal));
    }

    private static bool HasHealthCheck(ComposeService service) =>
        service.HasHealthCheck || (service.Dockerfile is { } dockerfile && Dockerfile.Read(Repository.PathOf(dockerfile)).All("HEALTHCHECK").Any());

    private static YamlMappingNode CollectorConfiguration()
    {
        var source = Compose.Services[Collector].Volumes.Single(v => v.Target == CollectorConfig).Source;
        return (YamlMappingNode)Yaml.ParseFile(source);
    }

    private static IEnumerable<(string Name, string Endpoint)> CollectorExporters() =>
        ((YamlMappingNode)CollectorConfiguration()["exporters"]).Children
            .Select(e => (Name: Yaml.Text(e.Key), Endpoint: (e.Value as YamlMappingNode)?.Scalar("endpoint")))
            .Where(e => e.Endpoint is not null)
            .Select(e => (e.Name, e.Endpoint!));

    private static IEnumerable<int> CollectorReceiverPorts() =>
        ((YamlMappingNode)CollectorConfiguration()["receivers"]["otlp"]["protocols"]).Children
            .Select(p => ((YamlMappingNode)p.Value).Scalar("endpoint")!)
            .Select(endpoint => int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
