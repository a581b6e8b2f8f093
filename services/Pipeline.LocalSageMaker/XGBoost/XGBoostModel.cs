using System.Globalization;
using System.Text.Json;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// A gbtree model saved by XGBoost 1.7 in its JSON format (what training writes as <c>xgboost-model</c>), evaluated
/// as XGBoost's CPU predictor does: the base margin plus each tree's leaf value, summed in float in tree order, then
/// the objective's transform. A node sends a row left when its feature is below the split condition, and a missing
/// feature (NaN) the node's default way (<see cref="XGBoostForest"/>). Models this evaluator cannot answer exactly
/// (dart, gblinear, several classes or targets, categorical splits, vector leaves, other objectives) are refused when
/// loading.
/// </summary>
public sealed class XGBoostModel
{
    public const string FileName = "xgboost-model";

    private readonly XGBoostForest _forest;
    private readonly float _baseMargin;
    private readonly OutputTransform _transform;

    private XGBoostModel(string objective, int featureCount, float baseMargin, OutputTransform transform, XGBoostForest forest)
    {
        Objective = objective;
        FeatureCount = featureCount;
        _baseMargin = baseMargin;
        _transform = transform;
        _forest = forest;
    }

    public string Objective { get; }

    /// <summary>The learner's num_feature: the columns a row may have.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _forest.TreeCount;

    private enum OutputTransform
    {
        Margin,
        Sigmoid,
        Exp,
        Hinge,
    }

    /// <exception cref="InvalidDataException">The file is not an XGBoost JSON model, or one this evaluator refuses; the message says which.</exception>
    public static XGBoostModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not an XGBoost model in JSON format (the binary and pickle formats are not read here): {e.Message}");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} is not a well-formed XGBoost JSON model: {e.Message}");
            }
        }
    }

    /// <summary>
    /// The predictions for <paramref name="scores"/>.Length rows of <see cref="FeatureCount"/> features each (NaN where
    /// missing), as Booster.predict gives them.
    /// </summary>
    public void Predict(ReadOnlySpan<float> rows, Span<float> scores)
    {
        scores.Fill(_baseMargin);
        _forest.AddLeafValues(rows, scores);
        foreach (ref var score in scores)
        {
            var margin = score;
            score = _transform switch
            {
                OutputTransform.Sigmoid => 1f / (1f + MathF.Exp(-margin)),
                OutputTransform.Exp => MathF.Exp(margin),
                OutputTransform.Hinge => margin > 0 ? 1f : 0f,
                _ => margin,
            };
        }
    }

    private static XGBoostModel Read(JsonElement root)
    {
        var learner = root.GetProperty("learner");
        var parameters = learner.GetProperty("learner_model_param");
        var objective = learner.GetProperty("objective").GetProperty("name").GetString() ?? "";
        var booster = learner.GetProperty("gradient_booster");
        var boosterName = booster.GetProperty("name").GetString();
        if (boosterName != "gbtree")
            throw new InvalidDataException($"The model's booster is '{boosterName}'; LocalSageMaker evaluates gbtree models only (not dart or gblinear).");
        if (Integer(parameters, "num_class", 0) > 1)
            throw new InvalidDataException($"The model has num_class={Integer(parameters, "num_class", 0)} ({objective}); LocalSageMaker evaluates single-output models only.");
        if (Integer(parameters, "num_target", 1) > 1)
            throw new InvalidDataException("The model has several targets; LocalSageMaker evaluates single-output models only.");

        var baseScore = float.Parse(parameters.GetProperty("base_score").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        var (transform, baseMargin) = objective switch
        {
            "reg:squarederror" or "reg:linear" or "reg:squaredlogerror" or "reg:pseudohubererror" or "reg:absoluteerror"
                => (OutputTransform.Margin, baseScore),
            "reg:logistic" or "binary:logistic" => (OutputTransform.Sigmoid, Logit(baseScore)),
            // 1.7's logitraw takes base_score as a margin (its ProbToMargin is the identity), unlike binary:logistic.
            "binary:logitraw" => (OutputTransform.Margin, baseScore),
            "count:poisson" or "reg:gamma" or "reg:tweedie" => (OutputTransform.Exp, MathF.Log(baseScore)),
            "binary:hinge" => (OutputTransform.Hinge, baseScore),
            _ => throw new InvalidDataException($"LocalSageMaker does not evaluate models of objective '{objective}'."),
        };

        var featureCount = Integer(parameters, "num_feature", 0);
        var trees = booster.GetProperty("model").GetProperty("trees").EnumerateArray().Select(t => XGBoostTree.Read(t, featureCount)).ToArray();
        return new XGBoostModel(objective, featureCount, baseMargin, transform, XGBoostForest.Build(trees, featureCount));
    }

    // XGBoost's ProbToMargin for the logistic objectives, in float as it computes it.
    private static float Logit(float probability) => -MathF.Log((1f / probability) - 1f);

    /// <summary>An integer parameter of XGBoost's JSON (written as a string or a number), or <paramref name="absent"/>.</summary>
    internal static int Integer(JsonElement parameters, string name, int absent) =>
        parameters.TryGetProperty(name, out var value)
            ? int.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), CultureInfo.InvariantCulture)
            : absent;
}
