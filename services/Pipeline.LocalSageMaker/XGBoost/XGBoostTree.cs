using System.Text.Json;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// One tree as XGBoost's JSON holds it, node i in position i of each array: its children, split feature, condition
/// and the way a missing value goes; a leaf (no left child) holds its value in the condition. Read checks that the
/// arrays form a tree whose indices all lie in it and in num_feature, which <see cref="XGBoostForest"/> relies on.
/// </summary>
internal sealed record XGBoostTree(int[] Left, int[] Right, int[] Feature, float[] Condition, bool[] DefaultLeft)
{
    /// <summary>The most splits from the root to a leaf.</summary>
    public int Depth()
    {
        var deepest = 0;
        var pending = new Stack<(int Node, int Depth)>([(0, 0)]);
        while (pending.TryPop(out var at))
        {
            deepest = Math.Max(deepest, at.Depth);
            if (Left[at.Node] >= 0)
            {
                pending.Push((Left[at.Node], at.Depth + 1));
                pending.Push((Right[at.Node], at.Depth + 1));
            }
        }

        return deepest;
    }

    public static XGBoostTree Read(JsonElement tree, int featureCount)
    {
        if (tree.TryGetProperty("tree_param", out var param) && XGBoostModel.Integer(param, "size_leaf_vector", 0) > 0)
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

        return new XGBoostTree(left, right, feature, condition, defaultLeft);
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
