using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Pipeline.Aws;
using Pipeline.Aws.Http;
using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Server;

namespace Pipeline.Cli.Hosting;

/// <summary>
/// LocalSageMaker inside the command's process: its engine in a container of its own (reading and writing the same
/// object store as the pipeline), served on a free loopback port, with the pipeline's SageMaker, Logs and Runtime
/// clients pointed at it. The clients still speak HTTP to it, exactly as they would to AWS.
/// </summary>
public sealed class EmbeddedLocalSageMaker : IAsyncDisposable
{
    /// <summary>Set to false to send the embedded pipeline's SageMaker calls to AWS (or Aws:*ServiceUrl) instead.</summary>
    public const string EnabledKey = "LocalSageMaker:Embedded";

    private readonly ServiceProvider _engine;
    private readonly LocalSageMakerServer _server;

    private EmbeddedLocalSageMaker(ServiceProvider engine, LocalSageMakerServer server, Uri address)
    {
        _engine = engine;
        _server = server;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts LocalSageMaker and points <paramref name="builder"/>'s AWS clients at it; null when disabled.</summary>
    public static async Task<EmbeddedLocalSageMaker?> StartAsync(HostApplicationBuilder builder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Configuration.GetValue(EnabledKey, defaultValue: true))
            return null;

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddSimpleConsole(o => o.SingleLine = true);
        });
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddLocalSageMaker(builder.Configuration);
        var engine = services.BuildServiceProvider(validateScopes: true);
        try
        {
            // This container has no host to run its ValidateOnStart checks: without this, an invalid LocalSageMaker
            // setting would surface in the middle of a training job.
            engine.GetService<IStartupValidator>()?.Validate();
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }

        var server = new LocalSageMakerServer(engine);
        Uri address;
        try
        {
            address = await server.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            await engine.DisposeAsync();
            throw;
        }

        var url = address.ToString().TrimEnd('/');
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{AwsClientOptions.Section}:{nameof(AwsClientOptions.SageMakerServiceUrl)}"] = url,
            [$"{AwsClientOptions.Section}:{nameof(AwsClientOptions.LogsServiceUrl)}"] = url,
            [$"{AwsClientOptions.Section}:{nameof(AwsClientOptions.SageMakerRuntimeServiceUrl)}"] = url,
            [$"{AwsClientOptions.Section}:{nameof(AwsClientOptions.Region)}"] = builder.Configuration[$"{AwsClientOptions.Section}:Region"] ?? "us-east-1",
        });
        // LocalSageMaker checks no signature; placeholder keys keep the SDK's chain (and its network lookups) out of it.
        builder.Services.AddSingleton(new AwsCredentialsSource(new BasicAWSCredentials("local", "local")));
        return new EmbeddedLocalSageMaker(engine, server, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _engine.DisposeAsync();
    }
}
