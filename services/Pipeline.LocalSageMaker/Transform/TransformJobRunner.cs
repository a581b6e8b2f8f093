using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.LocalSageMaker.Hosting;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.LocalSageMaker.Logs;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>
/// Runs one transform job to its end on its instances. Each instance is a worker of this process with a model
/// folder and a log stream (<c>/aws/sagemaker/TransformJobs</c>, <c>&lt;job&gt;/&lt;instance id&gt;</c>) of its
/// own: it unpacks and loads the model, then transforms its share of the input objects (object i goes to instance
/// i mod InstanceCount, in the objects' order). The first instance that fails stops the others and its reason is the
/// job's; a stop request cancels them all.
/// </summary>
public sealed class TransformJobRunner(
    IObjectStore store,
    LogStore logs,
    IOptions<TransformOptions> options,
    IOptions<LocalSageMakerOptions> localOptions,
    WorkFolders workFolders,
    TimeProvider time,
    ILogger<TransformJobRunner> logger)
{
    public const string LogGroup = "/aws/sagemaker/TransformJobs";

    public string Folder(TransformJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return workFolders.PathOf(localOptions.Value.TransformRoot,
            string.Create(CultureInfo.InvariantCulture, $"{job.Name}-{job.CreationTime.ToUnixTimeMilliseconds()}"));
    }

    public async Task RunAsync(TransformJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var halted = job.Halted;
        var folder = Folder(job);
        string? failure = null;
        try
        {
            await Task.Delay(options.Value.InstanceStartDelay, time, halted).ConfigureAwait(false);
            job.Started(time.GetUtcNow());
            var objects = await TransformInputObjects.ListAsync(store, job.Request.TransformInput!.DataSource!.S3DataSource!, halted).ConfigureAwait(false);
            failure = await RunInstancesAsync(job, objects, folder).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (halted.IsCancellationRequested)
        {
            // Stopped: what was written stays, as in SageMaker.
        }
        catch (TransformFailedException e)
        {
            failure = e.Message;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Transform job {Job} failed", job.Name);
            failure = $"InternalServerError: {e.Message}";
        }
        finally
        {
            if (!localOptions.Value.KeepJobFolders)
                TryDelete(folder);
        }

        job.End(failure, time.GetUtcNow());
        logger.LogInformation("Transform job {Job} is {Status}{Reason}", job.Name, job.Status, failure is null ? "" : ": " + failure);
    }

    /// <returns>The first instance's failure, or null.</returns>
    private async Task<string?> RunInstancesAsync(TransformJob job, List<TransformInputObject> objects, string folder)
    {
        using var work = CancellationTokenSource.CreateLinkedTokenSource(job.Halted);
        string? failure = null;
        var instances = Enumerable.Range(0, job.InstanceCount).Select(async index =>
        {
            try
            {
                await RunInstanceAsync(job, index, objects, folder, work.Token).ConfigureAwait(false);
            }
            catch (TransformFailedException e)
            {
                Interlocked.CompareExchange(ref failure, e.Message, null);
                await work.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (work.IsCancellationRequested)
            {
                // Another instance failed, or the job was stopped.
            }
        }).ToList();
        await Task.WhenAll(instances).ConfigureAwait(false);
        job.Halted.ThrowIfCancellationRequested();
        return failure;
    }

    private async Task RunInstanceAsync(TransformJob job, int index, List<TransformInputObject> objects, string folder, CancellationToken cancellationToken)
    {
        var id = EndpointInstance.NewInstanceId();
        var log = logs.CreateStream(LogGroup, $"{job.Name}/{id}");
        var modelFolder = Path.Combine(folder, id, "model");
        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"Instance {id} ({index + 1} of {job.InstanceCount}, {job.Request.TransformResources!.InstanceType}) of transform job {job.Name}: downloading model data from {job.ModelDataUrl}"));
        IModelInference inference;
        try
        {
            inference = await ModelPackage.LoadAsync(store, job.ModelDataUrl, modelFolder, batchTransform: true, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelLoadException e)
        {
            log.Write($"Error: model load failed: {e.Message}");
            throw new TransformFailedException($"ClientError: The model could not be loaded: {e.Message}", e);
        }

        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"Loaded {inference.Description}; MaxConcurrentTransforms={job.MaxConcurrentTransforms}, MaxPayloadInMB={job.Request.MaxPayloadInMB}, BatchStrategy={job.Request.BatchStrategy}"));
        var transformer = new ObjectTransformer(store, inference, job);
        for (var i = index; i < objects.Count; i += job.InstanceCount)
        {
            var input = objects[i];
            try
            {
                var (records, requests) = await transformer.TransformAsync(input, cancellationToken).ConfigureAwait(false);
                log.Write(string.Create(CultureInfo.InvariantCulture,
                    $"Transformed {input.Uri} into {input.OutputUri(job.Request.TransformOutput!.S3OutputPath!)}: {records} records in {requests} requests"));
            }
            catch (TransformFailedException e)
            {
                log.Write($"Error: {e.Message}");
                throw;
            }
        }

        log.Write($"Instance {id} done");
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not remove the transform job folder {Folder}", folder);
        }
    }
}
