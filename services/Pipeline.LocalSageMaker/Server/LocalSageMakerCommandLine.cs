using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Metrics;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// <c>Pipeline.LocalSageMaker [--host ip] [--port n] [--work-root folder] [--objects folder | --s3-endpoint url]</c>:
/// starts the server, prints its address and the environment variables that point boto3 at it, runs until Ctrl+C.
/// </summary>
public sealed class LocalSageMakerCommandLine
{
    public const int Stopped = 0;
    public const int FailedToStart = 1;
    public const int InvalidConfiguration = 4;

    /// <summary>The line that announces the address; a script reads the address after it.</summary>
    public const string ListeningPrefix = "LocalSageMaker listening on ";

    /// <summary>The engine's setting for the folder that holds the jobs' host folders.</summary>
    public const string WorkRootKey = "LocalSageMaker:WorkRoot";

    private readonly Option<string> _host = new("--host")
    {
        Description = "IP address to listen on: 127.0.0.1 by default (this machine only); 0.0.0.0 for every interface.",
    };

    private readonly Option<int?> _port = new("--port")
    {
        Description = "Port to listen on; 0 (the default) takes a free port, printed at start.",
    };

    private readonly Option<string> _workRoot = new("--work-root")
    {
        Description = "Folder for the training jobs' host folders (their stand-ins for /opt/ml) and logs.",
    };

    private readonly Option<string> _objects = new("--objects")
    {
        Description = "Object store in a local folder holding one sub-folder per bucket (s3://bucket/key = <folder>/bucket/key).",
    };

    private readonly Option<Uri> _s3Endpoint = new("--s3-endpoint")
    {
        Description = "Object store at an S3 endpoint such as moto_server (http://127.0.0.1:5000); credentials from the usual AWS chain.",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return uri;
            result.AddError($"--s3-endpoint '{text}' is not an http:// or https:// URL.");
            return null;
        },
    };

    /// <param name="addEngine">Registers the training engine (ITrainingJobApi, ILogsApi).</param>
    /// <param name="output">Where the address lines go (stdout by default); errors go to stderr.</param>
    public LocalSageMakerCommandLine(Action<IServiceCollection, IConfiguration> addEngine, TextWriter? output = null)
    {
        Root = new RootCommand(
            "LocalSageMaker: SageMaker training jobs, models, endpoints (with the Runtime's InvokeEndpoint), batch transform jobs, their CloudWatch Logs and the training jobs' CloudWatch metrics on this machine, behind the AWS protocols (JSON, and CBOR for CloudWatch). " +
            "Every setting can also come from appsettings.json or the environment (LocalSageMaker__Server__Port, Storage__Kind, ...).")
        {
            _host, _port, _workRoot, _objects, _s3Endpoint,
        };
        Root.Validators.Add(result =>
        {
            if (result.GetResult(_objects) is not null && result.GetResult(_s3Endpoint) is not null)
                result.AddError("Give --objects or --s3-endpoint, not both: the object store is one or the other.");
        });
        Root.SetAction((parseResult, cancellationToken) => RunAsync(Settings(parseResult), addEngine, output ?? Console.Out, cancellationToken));
    }

    public RootCommand Root { get; }

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>Runs until Ctrl+C or SIGTERM; the exit code is one of the constants above (or 1 for a command-line error).</summary>
    public Task<int> InvokeAsync(IReadOnlyList<string> args) => Parse(args).InvokeAsync();

    /// <summary>The configuration keys the options given stand for; options not given leave the configuration as it is.</summary>
    public IReadOnlyDictionary<string, string?> Settings(ParseResult parseResult)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (parseResult.GetValue(_host) is { } host)
            settings[$"{LocalSageMakerServerOptions.Section}:Host"] = host;
        if (parseResult.GetValue(_port) is { } port)
            settings[$"{LocalSageMakerServerOptions.Section}:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (parseResult.GetValue(_workRoot) is { } workRoot)
            settings[WorkRootKey] = Path.GetFullPath(workRoot);
        if (parseResult.GetValue(_objects) is { } objects)
        {
            settings["Storage:Kind"] = "Local";
            settings["Storage:Root"] = Path.GetFullPath(objects);
        }

        if (parseResult.GetValue(_s3Endpoint) is { } endpoint)
        {
            settings["Storage:Kind"] = "S3";
            settings["Storage:S3:ServiceUrl"] = endpoint.ToString();
        }

        return settings;
    }

    private static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection, IConfiguration> addEngine,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            // Building resolves Kestrel, which reads (and so validates) where to listen.
            app = LocalSageMakerHost.Create(settings, addEngine);
        }
        catch (OptionsValidationException e)
        {
            return await RefuseAsync(InvalidConfiguration, $"Invalid configuration: {string.Join(" ", e.Failures)}");
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (OptionsValidationException e)
            {
                return await RefuseAsync(InvalidConfiguration, $"Invalid configuration: {string.Join(" ", e.Failures)}");
            }
            catch (IOException e)
            {
                // Kestrel's "address already in use" and the like.
                return await RefuseAsync(FailedToStart, $"Cannot start: {e.Message}");
            }

            await WriteBannerAsync(output, LocalSageMakerHttpFront.BaseAddress(app), app.Services.GetServices<IOperationTable>(),
                app.Services.GetRequiredService<RequestGate>().Authenticates);
            await app.WaitForShutdownAsync(cancellationToken);
            return Stopped;
        }
    }

    private static async Task<int> RefuseAsync(int exitCode, string message)
    {
        await Console.Error.WriteLineAsync(message);
        return exitCode;
    }

    private static async Task WriteBannerAsync(TextWriter output, Uri address, IEnumerable<IOperationTable> tables, bool authenticated)
    {
        var url = address.ToString().TrimEnd('/');
        await output.WriteLineAsync($"{ListeningPrefix}{url}");
        foreach (var service in tables.GroupBy(t => t.TargetPrefix, StringComparer.Ordinal))
            await output.WriteLineAsync($"  {service.Key}: {string.Join(", ", service.SelectMany(t => t.Operations).Order(StringComparer.Ordinal))}");
        await output.WriteLineAsync(
            $"  {CloudWatchEndpoint.ServiceName} (CloudWatch) also in {CloudWatchEndpoint.Protocol}: {string.Join(", ", CloudWatchEndpoint.Operations.Order(StringComparer.Ordinal))}");
        if (authenticated)
        {
            await output.WriteLineAsync("Requests must be signed (SigV4) with the key pair of LocalSageMaker:Auth.");
            await output.WriteLineAsync("Point boto3 and the AWS CLI at it (that key pair, any region; S3 stays wherever it was):");
        }
        else
        {
            await output.WriteLineAsync("UNAUTHENTICATED: anyone who reaches this port can use it (set LocalSageMaker:Auth:AccessKeyId and SecretAccessKey to require signatures).");
            await output.WriteLineAsync("Point boto3 and the AWS CLI at it (any credentials and region; S3 stays wherever it was):");
        }

        await output.WriteLineAsync($"export AWS_ENDPOINT_URL_SAGEMAKER={url}");
        await output.WriteLineAsync($"export AWS_ENDPOINT_URL_CLOUDWATCH={url}");
        await output.WriteLineAsync($"export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS={url}");
        await output.WriteLineAsync($"export AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME={url}");
        await output.FlushAsync(CancellationToken.None);
    }
}
