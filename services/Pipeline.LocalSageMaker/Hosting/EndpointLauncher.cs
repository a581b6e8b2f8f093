using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Server;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// Brings an endpoint's instances up (server started, model downloaded and unpacked into the instance's own model
/// folder, loaded, /ping answering 200) and takes them down. Each instance writes its own log stream.
/// </summary>
public sealed class EndpointLauncher(
    IObjectStore store,
    IEndpointLogs logs,
    IOptions<HostingOptions> options,
    IOptions<LocalSageMakerOptions> localOptions,
    WorkFolders workFolders,
    TimeProvider time,
    ILogger<EndpointLauncher> logger) : IDisposable
{
    public const string LogGroupPrefix = "/aws/sagemaker/Endpoints/";

    private readonly HostingOptions _options = options.Value;
    private readonly AllowedHosts _hosts = new(localOptions.Value.AllowedHosts);
    private readonly HttpClient _ping = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    public static string LogGroup(string endpointName) => LogGroupPrefix + endpointName;

    /// <summary>The endpoint's folder: one per endpoint created, so a re-created endpoint of the same name starts clean.</summary>
    public string Folder(HostedEndpoint endpoint) =>
        workFolders.PathOf(localOptions.Value.EndpointsRoot, string.Create(CultureInfo.InvariantCulture, $"{endpoint.Name}-{endpoint.CreationTime.ToUnixTimeMilliseconds()}"));

    /// <summary>Starts every instance of every variant; InService when all serve, Failed (with the reason) when one cannot.</summary>
    public async Task LaunchAsync(HostedEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var cancellationToken = endpoint.Lifetime.Token;
        try
        {
            await Task.Delay(_options.Hosting.TransitionDelay, time, cancellationToken).ConfigureAwait(false);
            await StartVariantsAsync(endpoint, endpoint.Variants, cancellationToken).ConfigureAwait(false);
            if (endpoint.TryMove(HostedEndpoint.InService, time.GetUtcNow()))
                logger.LogInformation("Endpoint {Endpoint} is InService", endpoint.Name);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Deleted while Creating: the teardown stops what was started.
        }
        catch (Exception e)
        {
            var reason = e is InstanceFailedException failed ? failed.Message : $"The endpoint could not be created: {e.Message}";
            if (e is not InstanceFailedException)
                logger.LogError(e, "Endpoint {Endpoint} failed", endpoint.Name);
            if (endpoint.TryMove(HostedEndpoint.Failed, time.GetUtcNow(), reason))
                logger.LogInformation("Endpoint {Endpoint} Failed: {Reason}", endpoint.Name, reason);
            // A failed endpoint serves nothing: its instances stop now, the endpoint stays until deleted.
            await StopInstancesAsync(endpoint.AllVariants).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Brings up the variants of an update (begun with <see cref="HostedEndpoint.TryBeginUpdate"/>) beside the serving
    /// ones, then moves the traffic to them and stops the old instances; when one cannot start, the new ones stop and
    /// the old ones serve on (InService, with the reason as FailureReason).
    /// </summary>
    public async Task UpdateAsync(HostedEndpoint endpoint, IReadOnlyList<HostedVariant> variants)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(variants);
        var cancellationToken = endpoint.Lifetime.Token;
        IReadOnlyList<HostedVariant>? retired;
        try
        {
            await Task.Delay(_options.Hosting.TransitionDelay, time, cancellationToken).ConfigureAwait(false);
            await StartVariantsAsync(endpoint, variants, cancellationToken).ConfigureAwait(false);
            retired = endpoint.EndUpdate(succeeded: true, time.GetUtcNow());
            if (retired is not null)
                logger.LogInformation("Endpoint {Endpoint} is InService on {Config}", endpoint.Name, endpoint.ConfigName);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // Deleted while Updating: the teardown stops every variant.
        }
        catch (Exception e)
        {
            var reason = e is InstanceFailedException failed ? failed.Message : $"The endpoint could not be updated: {e.Message}";
            if (e is not InstanceFailedException)
                logger.LogError(e, "Endpoint {Endpoint} failed to update", endpoint.Name);
            retired = endpoint.EndUpdate(succeeded: false, time.GetUtcNow(), reason);
            if (retired is not null)
                logger.LogInformation("Endpoint {Endpoint} update failed, still serving {Config}: {Reason}", endpoint.Name, endpoint.ConfigName, reason);
        }

        await StopInstancesAsync(retired ?? []).ConfigureAwait(false);
    }

    /// <summary>Stops every instance and removes the endpoint's folder.</summary>
    public async Task StopAsync(HostedEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await StopInstancesAsync(endpoint.AllVariants).ConfigureAwait(false);
        try
        {
            var folder = Folder(endpoint);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not remove the folder of endpoint {Endpoint}", endpoint.Name);
        }
    }

    public void Dispose() => _ping.Dispose();

    /// <summary>Every instance of every variant, started side by side; a failure of one fails the whole.</summary>
    private Task StartVariantsAsync(HostedEndpoint endpoint, IEnumerable<HostedVariant> variants, CancellationToken cancellationToken) =>
        Task.WhenAll(variants.SelectMany(v => Enumerable.Range(0, v.DesiredCount).Select(_ => StartInstanceAsync(endpoint, v, cancellationToken))));

    private async Task StartInstanceAsync(HostedEndpoint endpoint, HostedVariant variant, CancellationToken cancellationToken)
    {
        var id = EndpointInstance.NewInstanceId();
        var log = logs.OpenStream(LogGroup(endpoint.Name), $"{variant.Name}/{id}");
        var modelFolder = Path.Combine(Folder(endpoint), variant.Name, id, "model");
        var instance = await EndpointInstance.StartAsync(id, variant.Name, modelFolder, _options.Hosting.InstanceHost, log, cancellationToken, _hosts)
            .ConfigureAwait(false);
        variant.Add(instance);
        try
        {
            instance.Write($"Downloading model data from {variant.ModelDataUrl} into {modelFolder}");
            var model = await ModelPackage.LoadAsync(store, variant.ModelDataUrl, modelFolder, batchTransform: false, cancellationToken).ConfigureAwait(false);
            instance.Serve(model);
        }
        catch (ModelLoadException e)
        {
            instance.Write($"Error: model load failed: {e.Message}");
            throw new InstanceFailedException(
                $"The primary container for production variant {variant.Name} did not pass the ping health check: {e.Message} Please check CloudWatch logs for this endpoint.");
        }

        await WaitUntilHealthyAsync(instance, variant, cancellationToken).ConfigureAwait(false);
        variant.Serve(instance, time.GetUtcNow());
    }

    /// <summary>SageMaker's health check: /ping must answer 200 before the instance takes traffic.</summary>
    private async Task WaitUntilHealthyAsync(EndpointInstance instance, HostedVariant variant, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Hosting.PingTimeout);
        while (true)
        {
            try
            {
                using var response = await _ping.GetAsync(instance.Ping, deadline.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return;
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                instance.Write("Error: /ping did not answer 200 in time");
                throw new InstanceFailedException(
                    $"The primary container for production variant {variant.Name} did not pass the ping health check. Please check CloudWatch logs for this endpoint.");
            }
        }
    }

    private static async Task StopInstancesAsync(IEnumerable<HostedVariant> variants)
    {
        foreach (var variant in variants)
            foreach (var instance in variant.Instances)
                await instance.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class InstanceFailedException(string message) : Exception(message);
}
