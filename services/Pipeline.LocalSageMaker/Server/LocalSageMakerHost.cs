using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;
using Pipeline.Health;
using Pipeline.Telemetry;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>LocalSageMaker as a process of its own: configuration from appsettings.json, the environment and the command line.</summary>
public static class LocalSageMakerHost
{
    /// <summary>The object store's folder, relative to the working directory, when neither --objects nor --s3-endpoint is given.</summary>
    public const string DefaultObjectFolder = "localsagemaker-objects";

    /// <summary>
    /// The application, not yet started. <paramref name="settings"/> (from the command line) override appsettings.json
    /// and environment variables (<c>LocalSageMaker__Server__Port=9000</c>). <paramref name="addEngine"/> registers the
    /// training engine: ITrainingJobApi, ILogsApi and what they need.
    /// </summary>
    public static WebApplication Create(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection, IConfiguration> addEngine)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "Pipeline.LocalSageMaker",
            // appsettings.json next to the program, not in whatever folder the user runs it from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Below every other source: with no store configured, objects live in a folder where the user started it.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Storage:Kind"] = "Local",
                ["Storage:Root"] = Path.GetFullPath(DefaultObjectFolder),
            },
        });
        builder.Configuration.AddInMemoryCollection(settings);

        // stdout carries the address lines a user (or a script) reads; logs go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        // The report a container's health check reads (--health), when Health:StatusFile is set.
        builder.Services.AddHealthReport(builder.Configuration);
        addEngine(builder.Services, builder.Configuration);
        builder.Services.AddPipelineTelemetry(builder.Configuration, "Pipeline.LocalSageMaker", tracing => tracing.AddAspNetCoreInstrumentation());
        return LocalSageMakerHttpFront.Build(builder);
    }
}
