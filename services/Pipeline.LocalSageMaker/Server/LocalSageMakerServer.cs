using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Hosting;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// The HTTP front started inside another process (the embedded host, tests): Kestrel on a loopback port of its own,
/// serving the engine the caller supplies. Configuration and logging are the caller's; nothing is read from files
/// or the environment.
/// </summary>
public sealed class LocalSageMakerServer : IAsyncDisposable
{
    private readonly Action<IServiceCollection> _configureServices;
    private readonly LocalSageMakerServerOptions _options;
    private WebApplication? _app;

    /// <param name="configureServices">Registers ITrainingJobApi and ILogsApi (and, if wanted, IMetricsApi and an ILoggerFactory).</param>
    /// <param name="options">Where to listen; by default 127.0.0.1 on a free port.</param>
    public LocalSageMakerServer(Action<IServiceCollection> configureServices, LocalSageMakerServerOptions? options = null)
    {
        _configureServices = configureServices;
        _options = options ?? new LocalSageMakerServerOptions();
    }

    /// <summary>
    /// Serves the ITrainingJobApi and ILogsApi of <paramref name="engine"/> (resolved when starting) and logs through its
    /// ILoggerFactory. <paramref name="engine"/> keeps owning them: the server disposes none of them.
    /// </summary>
    public LocalSageMakerServer(IServiceProvider engine, LocalSageMakerServerOptions? options = null)
        : this(services => ServeFrom(engine, services), options)
    {
    }

    /// <summary>http://127.0.0.1:&lt;port&gt; once started.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>Starts listening and returns the base address to give clients as their endpoint URL.</summary>
    public async Task<Uri> StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
            throw new InvalidOperationException("The LocalSageMaker server is already started.");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalSageMakerServer).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LocalSageMakerServerOptions.Section}:{nameof(LocalSageMakerServerOptions.Host)}"] = _options.Host,
            [$"{LocalSageMakerServerOptions.Section}:{nameof(LocalSageMakerServerOptions.Port)}"] = _options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _configureServices(builder.Services);
        _app = LocalSageMakerHttpFront.Build(builder);
        await _app.StartAsync(cancellationToken);
        return BaseAddress = LocalSageMakerHttpFront.BaseAddress(_app);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null)
            return;
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private static void ServeFrom(IServiceProvider engine, IServiceCollection services)
    {
        // Instances, not factories: a container never disposes an instance it was handed.
        services.AddSingleton(engine.GetRequiredService<ITrainingJobApi>());
        services.AddSingleton(engine.GetRequiredService<ILogsApi>());
        // Hosting is optional: a host without it answers its operations with InternalFailure.
        if (engine.GetService<IHostingApi>() is { } hosting)
            services.AddSingleton(hosting);
        if (engine.GetService<ITransformJobApi>() is { } transform)
            services.AddSingleton(transform);
        if (engine.GetService<ITagsApi>() is { } tags)
            services.AddSingleton(tags);
        if (engine.GetService<IMetricsApi>() is { } metrics)
            services.AddSingleton(metrics);
        if (engine.GetService<InvokeEndpointRoute>() is { } runtime)
            services.AddSingleton(runtime);
        if (engine.GetService<ILoggerFactory>() is { } loggers)
            services.AddSingleton(loggers);
        // Who may call it (allowed Host names, the credentials to verify) is the engine's configuration too.
        if (engine.GetService<IOptions<LocalSageMakerOptions>>() is { } options)
            services.AddSingleton(options);
        if (engine.GetService<IOptions<LocalSageMakerAuthOptions>>() is { } auth)
            services.AddSingleton(auth);
        if (engine.GetService<TimeProvider>() is { } time)
            services.AddSingleton(time);
    }
}
