using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// What linear learner writes into a host's model folder as <see cref="FileName"/> (format in README.md, "Model
/// artifact"): the chosen model's weights and bias in normalised space, the normalisation, and how it was chosen.
/// </summary>
public sealed record ModelArtifact
{
    public const string FileName = "linear-learner-model.json";
    public const string CurrentFormat = "pipeline-linear-learner/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public string Format { get; init; } = CurrentFormat;
    public required PredictorType PredictorType { get; init; }
    public required int FeatureDim { get; init; }

    /// <summary>One per feature, applied to the normalised feature (x − mean) / std.</summary>
    public required float[] Weights { get; init; }

    public required float Bias { get; init; }
    public required float[] FeatureMean { get; init; }
    public required float[] FeatureStd { get; init; }

    /// <summary>A regressor's score is (bias + w·x̂) · labelStd + labelMean; 0 and 1 when labels were not normalised.</summary>
    public required float LabelMean { get; init; }

    public required float LabelStd { get; init; }

    /// <summary>The chosen model's settings and the job-wide ones it trained with.</summary>
    public required ChosenModel Model { get; init; }

    /// <summary>Every model trained, with its best loss, so the choice can be checked.</summary>
    public required IReadOnlyList<CandidateModel> Candidates { get; init; }

    public void Write(string modelFolder)
    {
        Directory.CreateDirectory(modelFolder);
        var path = Path.Combine(modelFolder, FileName);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads <see cref="FileName"/> from <paramref name="modelFolder"/>, or from the first folder below it that has one
    /// (model.tar.gz may hold each host's model folder), and checks it is whole.
    /// </summary>
    public static ModelArtifact Read(string modelFolder)
    {
        var path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path))
        {
            var found = Directory.Exists(modelFolder)
                ? Directory.GetFiles(modelFolder, FileName, SearchOption.AllDirectories)
                : [];
            Array.Sort(found, StringComparer.Ordinal);
            path = found.Length > 0 ? found[0] : throw new FileNotFoundException($"No {FileName} in {modelFolder}.", path);
        }

        var artifact = JsonSerializer.Deserialize<ModelArtifact>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        if (artifact.Format != CurrentFormat)
            throw new InvalidDataException($"{path} has format '{artifact.Format}'; this reader knows '{CurrentFormat}'.");
        if (artifact.FeatureDim < 1 || artifact.Weights.Length != artifact.FeatureDim || artifact.FeatureMean.Length != artifact.FeatureDim
            || artifact.FeatureStd.Length != artifact.FeatureDim)
            throw new InvalidDataException($"{path} does not hold {artifact.FeatureDim} weights, means and deviations.");
        return artifact;
    }
}

/// <param name="SelectedBy">"validation" or "train": the loss the model was chosen by.</param>
/// <param name="Loss">Its mean objective (normalised label scale) at <paramref name="Epoch"/>.</param>
public sealed record ChosenModel(
    int Index,
    float LearningRate,
    float Wd,
    float L1,
    string Optimizer,
    string Loss,
    int MiniBatchSize,
    int EpochsTrained,
    string SelectedBy,
    double SelectionLoss,
    int Epoch);

public sealed record CandidateModel(int Index, float LearningRate, float Wd, float L1, double BestLoss, int BestEpoch);
