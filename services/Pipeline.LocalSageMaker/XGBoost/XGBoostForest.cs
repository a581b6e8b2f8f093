using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// The trees of a model in one array of nodes, tree after tree, scored a block of rows at a time: each tree walks
/// every row of the block before the next tree starts, so the tree and the block stay in the L1 cache, and a row's
/// margin still gets the trees' leaf values added in tree order. A leaf points to itself both ways, so every row
/// takes exactly the tree's depth in steps: no test for a leaf, and the steps of different rows overlap in the CPU.
/// </summary>
internal sealed class XGBoostForest
{
    // 64 rows of 25 features are 6.4 KB, beside a tree of depth 6 (127 nodes, 2 KB) in a 32 KB L1 cache.
    private const int BlockRows = 64;

    private readonly int _featureCount;
    private readonly Node[] _nodes;
    private readonly int[] _missing;
    private readonly int[] _roots;
    private readonly int[] _depths;

    private XGBoostForest(int featureCount, Node[] nodes, int[] missing, int[] roots, int[] depths)
    {
        _featureCount = featureCount;
        _nodes = nodes;
        _missing = missing;
        _roots = roots;
        _depths = depths;
    }

    public int TreeCount => _roots.Length;

    /// <summary>
    /// One node. A split sends a row to <see cref="Left"/> when its feature is below <see cref="Threshold"/>, else to
    /// <see cref="Right"/>; a leaf has both children itself and holds its value in <see cref="Threshold"/>.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Node(int feature, float threshold, int left, int right)
    {
        public readonly int Feature = feature;
        public readonly float Threshold = threshold;
        public readonly int Left = left;
        public readonly int Right = right;

        /// <summary>
        /// <see cref="Right"/> when <paramref name="right"/>, else <see cref="Left"/>, read at Left's offset plus 0 or 1:
        /// no jump, which the CPU would mispredict half the time (the way a row goes looks random to it).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Child(in Node node, bool right) => Unsafe.Add(ref Unsafe.AsRef(in node.Left), Unsafe.BitCast<bool, byte>(right));
    }

    /// <summary>Lays out trees that <see cref="XGBoostTree.Read"/> has checked against <paramref name="featureCount"/> (num_feature).</summary>
    public static XGBoostForest Build(IReadOnlyList<XGBoostTree> trees, int featureCount)
    {
        var nodes = new Node[trees.Sum(t => t.Left.Length)];
        var missing = new int[nodes.Length];
        var roots = new int[trees.Count];
        var depths = new int[trees.Count];
        var at = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            roots[t] = at;
            depths[t] = tree.Depth();
            for (var i = 0; i < tree.Left.Length; i++)
            {
                var node = at + i;
                if (tree.Left[i] < 0)
                {
                    nodes[node] = new Node(0, tree.Condition[i], node, node);
                    missing[node] = node;
                }
                else
                {
                    nodes[node] = new Node(tree.Feature[i], tree.Condition[i], at + tree.Left[i], at + tree.Right[i]);
                    missing[node] = at + (tree.DefaultLeft[i] ? tree.Left[i] : tree.Right[i]);
                }
            }

            at += tree.Left.Length;
        }

        return new XGBoostForest(featureCount, nodes, missing, roots, depths);
    }

    /// <summary>
    /// Adds every tree's leaf value, in tree order, to each row's margin. <paramref name="rows"/> holds
    /// <paramref name="margins"/>.Length rows of num_feature features (NaN where missing).
    /// </summary>
    public void AddLeafValues(ReadOnlySpan<float> rows, Span<float> margins)
    {
        var featureCount = _featureCount;
        if (rows.Length != margins.Length * featureCount)
            throw new ArgumentException($"{rows.Length} features are not {margins.Length} rows of {featureCount}.", nameof(rows));
        for (var start = 0; start < margins.Length; start += BlockRows)
        {
            var count = Math.Min(BlockRows, margins.Length - start);
            var block = rows.Slice(start * featureCount, count * featureCount);
            if (HasMissing(block))
                AddWithMissing(block, featureCount, margins.Slice(start, count));
            else
                Add(block, featureCount, margins.Slice(start, count));
        }
    }

    // The walks check no bounds: Read checked every child index against its tree and every feature index against
    // num_feature, the rows' width. Without missing values, "not below the threshold" is value >= threshold.
    private void Add(ReadOnlySpan<float> block, int featureCount, Span<float> margins)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var first = ref MemoryMarshal.GetReference(block);
        ref var margin = ref MemoryMarshal.GetReference(margins);
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            var depth = _depths[t];
            var r = 0;
            // Four rows walk the tree side by side: four independent chains of loads keep the CPU busy.
            for (; r + 4 <= margins.Length; r += 4)
            {
                ref var row0 = ref Unsafe.Add(ref first, r * featureCount);
                ref var row1 = ref Unsafe.Add(ref row0, featureCount);
                ref var row2 = ref Unsafe.Add(ref row1, featureCount);
                ref var row3 = ref Unsafe.Add(ref row2, featureCount);
                int i0 = root, i1 = root, i2 = root, i3 = root;
                for (var d = 0; d < depth; d++)
                {
                    i0 = Step(ref nodes, i0, ref row0);
                    i1 = Step(ref nodes, i1, ref row1);
                    i2 = Step(ref nodes, i2, ref row2);
                    i3 = Step(ref nodes, i3, ref row3);
                }

                Unsafe.Add(ref margin, r) += Unsafe.Add(ref nodes, i0).Threshold;
                Unsafe.Add(ref margin, r + 1) += Unsafe.Add(ref nodes, i1).Threshold;
                Unsafe.Add(ref margin, r + 2) += Unsafe.Add(ref nodes, i2).Threshold;
                Unsafe.Add(ref margin, r + 3) += Unsafe.Add(ref nodes, i3).Threshold;
            }

            for (; r < margins.Length; r++)
            {
                ref var row = ref Unsafe.Add(ref first, r * featureCount);
                var i = root;
                for (var d = 0; d < depth; d++)
                    i = Step(ref nodes, i, ref row);
                Unsafe.Add(ref margin, r) += Unsafe.Add(ref nodes, i).Threshold;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, int i, ref float row)
    {
        ref var node = ref Unsafe.Add(ref nodes, i);
        return Node.Child(in node, Unsafe.Add(ref row, node.Feature) >= node.Threshold);
    }

    private void AddWithMissing(ReadOnlySpan<float> block, int featureCount, Span<float> margins)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var missing = ref MemoryMarshal.GetArrayDataReference(_missing);
        ref var first = ref MemoryMarshal.GetReference(block);
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            var depth = _depths[t];
            for (var r = 0; r < margins.Length; r++)
            {
                ref var row = ref Unsafe.Add(ref first, r * featureCount);
                var i = root;
                for (var d = 0; d < depth; d++)
                {
                    ref var node = ref Unsafe.Add(ref nodes, i);
                    var value = Unsafe.Add(ref row, node.Feature);
                    i = float.IsNaN(value) ? Unsafe.Add(ref missing, i) : Node.Child(in node, value >= node.Threshold);
                }

                margins[r] += Unsafe.Add(ref nodes, i).Threshold;
            }
        }
    }

    private static bool HasMissing(ReadOnlySpan<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        foreach (var vector in vectors)
        {
            if (!Vector.EqualsAll(vector, vector))
                return true;
        }

        foreach (var value in values[(vectors.Length * Vector<float>.Count)..])
        {
            if (float.IsNaN(value))
                return true;
        }

        return false;
    }
}
