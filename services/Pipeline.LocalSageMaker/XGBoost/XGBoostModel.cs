using System.Globalization;
using System.Text.Json;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// A gbtree model saved by XGBoost 1.7 in its JSON format (what training writes as <c>xgboost-model</c>), evaluated
/// as XGBoost's CPU predictor does: the base margin plus each tree's leaf value, summed in float in tree order, then
/// the objective's transform. A node sends a row left when its feature is below the split condition, and a missing
/// feature (NaN) the node's default way. Models this evaluator cannot answer exactly (dart, gblinear, several
/// classes or targets, categorical splits, vector leaves, other objectives) are refused when loading.
/// </summary>
public sealed class XGBoostModel
{
    public const string FileName = "xgboost-model";

    private readonly Tree[] _trees;
    private readonly float _baseMargin;
    private readonly OutputTransform _transform;

    private XGBoostModel(string objective, int featureCount, float baseMargin, OutputTransform transform, Tree[] trees)
    {
        Objective = objective;
        FeatureCount = featureCount;
        _baseMargin = baseMargin;
        _transform = transform;
        _trees = trees;
    }

    public string Objective { get; }

    /// <summary>The learner's num_feature: the columns a row may have.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _trees.Length;

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

    /// <summary>The prediction for one row of <see cref="FeatureCount"/> features (NaN where missing), as Booster.predict gives it.</summary>
    public float Predict(ReadOnlySpan<float> row)
    {
        var margin = _baseMargin;
        foreach (var tree in _trees)
            margin += tree.LeafValue(row);
        return _transform switch
        {
            OutputTransform.Sigmoid => 1f / (1f + MathF.Exp(-margin)),
            OutputTransform.Exp => MathF.Exp(margin),
            OutputTransform.Hinge => margin > 0 ? 1f : 0f,
            _ => margin,
        };
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
        var trees = booster.GetProperty("model").GetProperty("trees").EnumerateArray().Select(t => Tree.Read(t, featureCount)).ToArray();
        return new XGBoostModel(objective, featureCount, baseMargin, transform, trees);
    }

    // XGBoost's ProbToMargin for the logistic objectives, in float as it computes it.
    private static float Logit(float probability) => -MathF.Log((1f / probability) - 1f);

    private static int Integer(JsonElement parameters, string name, int absent) =>
        parameters.TryGetProperty(name, out var value)
            ? int.Parse(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), CultureInfo.InvariantCulture)
            : absent;

    /// <summary>One tree in XGBoost's array layout: node i's children, split feature and condition; a leaf (no left child) holds its value in the condition.</summary>
    private sealed class Tree(int[] left, int[] right, int[] feature, float[] condition, bool[] defaultLeft)
    {
        public float LeafValue(ReadOnlySpan<float> row)
        {
            var node = 0;
            while (left[node] >= 0)
            {
                var value = row[feature[node]];
                node = float.IsNaN(value)
                    ? (defaultLeft[node] ? left[node] : right[node])
                    : (value < condition[node] ? left[node] : right[node]);
            }

            return condition[node];
        }

        public static Tree Read(JsonElement tree, int featureCount)
        {
            if (tree.TryGetProperty("tree_param", out var param) && Integer(param, "size_leaf_vector", 0) > 0)
                throw new InvalidDataException("The model has vector leaves; LocalSageMaker evaluates scalar-leaf trees only.");
            if (tree.TryGetProperty("split_type", out var splitTypes) && splitTypes.EnumerateArray().Any(s => s.GetInt32() != 0))
                throw new InvalidDataException("The model has categorical splits; LocalSageMaker evaluates numerical splits only.");

            var left = Ints(tree.GetProperty("left_children"));
            var right = Ints(tree.GetProperty("right_children"));
            var feature = Ints(tree.GetProperty("split_indices"));
            var condition = tree.GetProperty("split_conditions").EnumerateArray().Select(c => c.GetSingle()).ToArray();
            var defaultLeft = tree.GetProperty("default_left").EnumerateArray()
                .Select(d => d.ValueKind is JsonValueKind.True or JsonValueKind.False ? d.GetBoolean() : d.GetInt32() != 0).ToArray();
            var nodes = left.Length;
            if (nodes == 0 || right.Length != nodes || feature.Length != nodes || condition.Length != nodes || defaultLeft.Length != nodes)
                throw new InvalidDataException("A tree's node arrays are empty or of different lengths.");
            for (var i = 0; i < nodes; i++)
            {
                if (left[i] < 0)
                    continue;
                if (left[i] >= nodes || right[i] < 0 || right[i] >= nodes)
                    throw new InvalidDataException($"A tree's node {i} has children outside the tree.");
                if (feature[i] < 0 || feature[i] >= featureCount)
                    throw new InvalidDataException($"A tree's node {i} splits on feature {feature[i]}, beyond num_feature={featureCount}.");
            }

            // A node reached twice would make the walk loop or share subtrees: not a tree.
            var reached = new bool[nodes];
            var pending = new Stack<int>([0]);
            while (pending.TryPop(out var node))
            {
                if (reached[node])
                    throw new InvalidDataException($"A tree's node {node} is reached twice: the arrays do not form a tree.");
                reached[node] = true;
                if (left[node] >= 0)
                {
                    pending.Push(left[node]);
                    pending.Push(right[node]);
                }
            }

            return new Tree(left, right, feature, condition, defaultLeft);
        }

        private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }
}
