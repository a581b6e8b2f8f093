using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Pipeline.Cli.Progress;
using Pipeline.Coordinator;
using Pipeline.Deployer;
using Pipeline.Evaluator;
using Pipeline.Ingestor;
using Pipeline.JobWatcher;
using Pipeline.ServiceDefaults;
using Pipeline.Trainer;

namespace Pipeline.Cli.Hosting;

/// <summary>The command line's hosts: all services in one process over the in-memory bus (the default way to run an experiment), or a publisher to a running system.</summary>
public static class EmbeddedHost
{
    /// <summary>
    /// The host, not yet built. <paramref name="addAdapters"/> registers implementations of the services' ports
    /// (tests register doubles); it runs before the bus is built, so it may add consumers too.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(Action<IServiceCollection>? addAdapters = null)
    {
        var builder = CommandLineHost();
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddCoordinator(configuration)
            .AddIngestor(configuration)
            .AddTrainer(configuration)
            .AddJobWatcher(configuration)
            .AddDeployer(configuration)
            .AddEvaluator(configuration);
        addAdapters?.Invoke(services);
        services.AddExperimentObserver();
        services.AddPipelineMessaging(configuration, allServicesInThisProcess: true);
        return builder;
    }

    /// <summary>
    /// A host with no service in it, on SQS: it publishes StartExperiment to a running system (`pipeline up`, or AWS) and
    /// follows the events on a queue of this run's own (<paramref name="progressQueue"/>).
    /// </summary>
    /// <param name="settings">Settings over the usual sources (where the system's SQS answers, say).</param>
    public static HostApplicationBuilder CreatePublisherBuilder(string progressQueue, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = CommandLineHost();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [$"{MessagingOptions.Section}:Transport"] = MessagingOptions.Sqs,
        });
        builder.Services.AddExperimentObserver(progressQueue);
        builder.Services.AddPipelineMessaging(builder.Configuration);
        return builder;
    }

    private static HostApplicationBuilder CommandLineHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "pipeline",
            // appsettings.json next to the program, not in whatever folder the user runs it from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddServiceDefaults("Pipeline.Cli");

        // stdout belongs to the progress display and the report; logs go to stderr and only when they matter.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A host that fails to start logs the exception with its stack trace; the command names the cause itself.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // The command owns Ctrl+C (first press cancels the experiment); the default console lifetime would
        // swallow both presses to stop the host.
        builder.Services.AddSingleton<IHostLifetime, CommandLineHostLifetime>();
        return builder;
    }
}
