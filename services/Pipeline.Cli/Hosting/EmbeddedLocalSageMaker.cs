using System.Security.Cryptography;
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
        var credentials = RunCredentials(builder.Configuration);
        // The engine's configuration is the run's plus the credentials it verifies; the secret is in no log or file.
        var engineConfiguration = new ConfigurationBuilder()
            .AddConfiguration(builder.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{LocalSageMakerAuthOptions.Section}:{nameof(LocalSageMakerAuthOptions.AccessKeyId)}"] = credentials.AccessKey,
                [$"{LocalSageMakerAuthOptions.Section}:{nameof(LocalSageMakerAuthOptions.SecretAccessKey)}"] = credentials.SecretKey,
            })
            .Build();
        services.AddLocalSageMaker(engineConfiguration);
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
        // The clients sign with the credentials the server verifies (which also keeps the SDK's chain and its lookups out of it).
        builder.Services.AddSingleton(new AwsCredentialsSource(new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey)));
        return new EmbeddedLocalSageMaker(engine, server, address);
    }

    /// <summary>
    /// LocalSageMaker:Auth when set; otherwise a key pair made for this run alone, so that no other process on the
    /// machine can call the embedded LocalSageMaker (it runs training commands and serves the run's models).
    /// </summary>
    private static ImmutableCredentials RunCredentials(ConfigurationManager configuration)
    {
        var section = configuration.GetSection(LocalSageMakerAuthOptions.Section);
        if (section[nameof(LocalSageMakerAuthOptions.AccessKeyId)] is { Length: > 0 } keyId
            && section[nameof(LocalSageMakerAuthOptions.SecretAccessKey)] is { Length: > 0 } secret)
            return new ImmutableCredentials(keyId, secret, null);
        return new ImmutableCredentials(
            "LSMRUN" + Convert.ToHexString(RandomNumberGenerator.GetBytes(7)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            null);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _engine.DisposeAsync();
    }
}
