using System.IO.Compression;
using Pipeline.LocalSageMaker.Hosting.Inference;
using Pipeline.LocalSageMaker.LinearLearner;
using Pipeline.LocalSageMaker.XGBoost;
using Pipeline.Storage;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// model.tar.gz as hosting reads it: downloaded from the object store and unpacked into an instance's model folder
/// (its stand-in for /opt/ml/model), then loaded as the model found in it: an XGBoost model when the archive holds
/// <c>xgboost-model</c> at its root (as XGBoost training packs it), else the linear learner model (at the root, as
/// the training engine packs algo-1's model folder, or below). The files decide rather than the image, because a
/// transform job knows its model's data only.
/// </summary>
public static class ModelPackage
{
    /// <exception cref="ModelLoadException">The archive is missing, not a tar.gz, or holds no model that loads.</exception>
    /// <param name="batchTransform">The model answers a transform job (XGBoost's CSV then has a line per row).</param>
    public static async Task<IModelInference> LoadAsync(
        IObjectStore store, string modelDataUrl, string modelFolder, bool batchTransform, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        Directory.CreateDirectory(modelFolder);
        Stream source;
        try
        {
            source = await store.OpenReadAsync(modelDataUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            throw new ModelLoadException($"Could not find model data at {modelDataUrl}.");
        }

        try
        {
            await using (source.ConfigureAwait(false))
            {
                var gzip = new GZipStream(source, CompressionMode.Decompress);
                await using (gzip.ConfigureAwait(false))
                    await ModelArchiveExtraction.ExtractAsync(gzip, modelFolder, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ModelArchiveRefusedException e)
        {
            throw new ModelLoadException($"{e.Message} ({modelDataUrl})");
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ModelLoadException(
                $"Failed to extract model data archive from URL \"{modelDataUrl}\". Please ensure that the object located at the URL is a valid tar.gz archive ({e.Message})");
        }

        var xgboostModel = Path.Combine(modelFolder, XGBoostModel.FileName);
        if (File.Exists(xgboostModel))
        {
            try
            {
                return new XGBoostInference(XGBoostModel.Load(xgboostModel), batchTransform);
            }
            catch (InvalidDataException e)
            {
                throw new ModelLoadException($"The XGBoost model in {modelDataUrl} cannot be served: {e.Message}");
            }
        }

        try
        {
            return new LinearLearnerInference(LinearLearnerModel.Load(modelFolder));
        }
        catch (FileNotFoundException)
        {
            throw new ModelLoadException($"The model data at {modelDataUrl} holds neither {XGBoostModel.FileName} nor {ModelArtifact.FileName}: it is not an XGBoost or linear learner model.");
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ModelLoadException($"The linear learner model in {modelDataUrl} cannot be loaded: {e.Message}");
        }
    }
}

/// <summary>An instance could not load its model; the message says why (it becomes part of the endpoint's FailureReason).</summary>
public sealed class ModelLoadException(string message) : Exception(message);
