using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker;
using Pipeline.LocalSageMaker.Server;

namespace Pipeline.Containers.Tests;

/// <summary>
/// What a service's own code reads of the settings it is given. The service's Program runs with the settings on its
/// command line until its host is built (the hosting library announces that on its DiagnosticListener, as
/// WebApplicationFactory uses it); then every options type registered is resolved with a configuration source on top
/// that records each key asked for, and the Program is stopped before anything starts.
/// </summary>
internal sealed record ReadSettings(IReadOnlySet<string> Keys, IReadOnlyList<string> Problems, bool ExportsTelemetry)
{
    private static readonly Type[] OptionsRegistrations =
        [typeof(IConfigureOptions<>), typeof(IPostConfigureOptions<>), typeof(IValidateOptions<>), typeof(IOptionsChangeTokenSource<>)];

    private static readonly AsyncLocal<Recording?> Current = new();

    static ReadSettings() => DiagnosticListener.AllListeners.Subscribe(new HostingListeners());

    /// <summary>Whether the service reads the environment variable <paramref name="name"/> (A__B is key A:B).</summary>
    public bool Reads(string name) => Keys.Contains(name.Replace("__", ":", StringComparison.Ordinal));

    /// <summary>Runs the Program of <paramref name="service"/> (a generic host) up to its built host.</summary>
    public static ReadSettings OfProgram(Assembly service, IReadOnlyDictionary<string, string> environment)
    {
        var recording = Current.Value = new Recording(environment, stopTheProgram: true);
        try
        {
            string[] args = [.. recording.Settings.Select(s => $"--{s.Key}={s.Value}")];
            service.EntryPoint!.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, [args], culture: null);
        }
        catch (ProgramStopped stopped) when (stopped.Recording == recording)
        {
            return recording.Result();
        }
        finally
        {
            Current.Value = null;
        }

        throw new InvalidOperationException($"{service.GetName().Name}'s Program ended without building a host.");
    }

    /// <summary>LocalSageMaker's host as its command line builds it (its Program passes the same engine).</summary>
    public static ReadSettings OfLocalSageMaker(IReadOnlyDictionary<string, string> environment)
    {
        var recording = Current.Value = new Recording(environment, stopTheProgram: false);
        try
        {
            var app = LocalSageMakerHost.Create(recording.Settings, (services, configuration) => services.AddLocalSageMaker(configuration));
            ((IDisposable)app).Dispose();
            return recording.Result();
        }
        finally
        {
            Current.Value = null;
        }
    }

    private sealed class ProgramStopped(Recording recording) : Exception("Stopped once the host was built.")
    {
        public Recording Recording { get; } = recording;
    }

    private sealed class Recording(IReadOnlyDictionary<string, string> environment, bool stopTheProgram)
    {
        private readonly RecordingSource _source = new(environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value));
        private readonly List<string> _problems = [];
        private IServiceCollection? _services;
        private bool _exportsTelemetry;

        public IReadOnlyDictionary<string, string?> Settings => _source.Data;

        public void Building(IServiceCollection services) => _services = services;

        public void Built(IHost host)
        {
            ((IConfigurationBuilder)host.Services.GetRequiredService<IConfiguration>()).Add(_source);
            var registered = _services ?? throw new InvalidOperationException("The host was built without HostBuilding.");
            foreach (var options in registered.Select(d => d.ServiceType)
                         .Where(t => t.IsGenericType && OptionsRegistrations.Contains(t.GetGenericTypeDefinition()))
                         .Select(t => t.GetGenericArguments()[0])
                         .Where(t => !t.ContainsGenericParameters)
                         .Distinct())
            {
                try
                {
                    _ = ((IOptions<object>)host.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(options))).Value;
                }
                catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or InvalidCastException)
                {
                    _problems.Add($"{options.Name}: {e.Message}");
                }
            }

            _exportsTelemetry = registered.Any(d => IsTelemetry(d.ServiceType) || IsTelemetry(ImplementationType(d)));
            if (stopTheProgram)
                throw new ProgramStopped(this);
        }

        public ReadSettings Result() => new(_source.Read, _problems, _exportsTelemetry);

        private static Type? ImplementationType(ServiceDescriptor d) => d.IsKeyedService
            ? d.KeyedImplementationType
            : d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? d.ImplementationFactory?.GetType().GenericTypeArguments.LastOrDefault();

        private static bool IsTelemetry(Type? type) =>
            type?.Namespace?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true || type?.Name == "TelemetryService";
    }

    private sealed class RecordingSource(Dictionary<string, string?> data) : IConfigurationSource
    {
        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyDictionary<string, string?> Data => data;

        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

        private sealed class Provider : ConfigurationProvider
        {
            private readonly RecordingSource _source;

            public Provider(RecordingSource source)
            {
                _source = source;
                foreach (var (key, value) in source.Data)
                    Data[key] = value;
            }

            public override bool TryGet(string key, out string? value)
            {
                lock (_source.Read)
                    _source.Read.Add(key);
                return base.TryGet(key, out value);
            }
        }
    }

    /// <summary>Passes the hosting library's build events to the recording of the flow that runs the Program.</summary>
    private sealed class HostingListeners : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
                listener.Subscribe(this);
        }

        public void OnNext(KeyValuePair<string, object?> hostingEvent)
        {
            if (Current.Value is not { } recording)
                return;
            if (hostingEvent is { Key: "HostBuilding", Value: IHostBuilder builder })
                builder.ConfigureServices(recording.Building);
            else if (hostingEvent is { Key: "HostBuilt", Value: IHost host })
                recording.Built(host);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
