using System.Globalization;
using Pipeline.LocalSageMaker.Training;

namespace Pipeline.LocalSageMaker.XGBoost;

/// <summary>
/// SageMaker's XGBoost hyperparameters (the 1.7-1 container's table: names, ranges, aliases, the few rules between them),
/// checked before any process starts. A problem is a <see cref="ClientErrorException"/> worded as the container's
/// algorithm toolkit words it ("Missing required hyperparameter: num_round", "Hyperparameter eta: 1.5 is not in [0, 1]",
/// "Hyperparameter max_depth: could not parse value (caused by ValueError)", "Extraneous hyperparameter found: x").
/// </summary>
public static class XGBoostHyperparameters
{
    private static readonly string[] Objectives =
    [
        "aft_loss_distribution", "binary:logistic", "binary:logitraw", "binary:hinge", "count:poisson", "multi:softmax",
        "multi:softprob", "rank:pairwise", "rank:ndcg", "rank:map", "reg:linear", "reg:squarederror", "reg:logistic",
        "reg:gamma", "reg:pseudohubererror", "reg:squaredlogerror", "reg:tweedie", "survival:aft", "survival:cox",
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["learning_rate"] = "eta",
        ["min_split_loss"] = "gamma",
        ["reg_lambda"] = "lambda",
        ["reg_alpha"] = "alpha",
    };

    private static readonly Dictionary<string, Rule> Rules = new Rule[]
    {
        new Integer("num_round", Interval.AtLeast(1)),
        new Integer("csv_weights", Interval.Closed(0, 1)),
        new Integer("early_stopping_rounds", Interval.AtLeast(1)),
        new Choice("booster", ["gbtree", "gblinear", "dart"]),
        new Integer("verbosity", Interval.Closed(0, 3)),
        new Integer("nthread", Interval.AtLeast(1)),
        new Continuous("eta", Interval.Closed(0, 1)),
        new Continuous("gamma", Interval.AtLeast(0)),
        new Integer("max_depth", Interval.AtLeast(0)),
        new Continuous("min_child_weight", Interval.AtLeast(0)),
        new Continuous("max_delta_step", Interval.AtLeast(0)),
        new Continuous("subsample", Interval.OpenClosed(0, 1)),
        new Continuous("colsample_bytree", Interval.OpenClosed(0, 1)),
        new Continuous("colsample_bylevel", Interval.OpenClosed(0, 1)),
        new Continuous("colsample_bynode", Interval.OpenClosed(0, 1)),
        new Continuous("lambda", Interval.AtLeast(0)),
        new Continuous("alpha", Interval.AtLeast(0)),
        new Choice("tree_method", ["auto", "exact", "approx", "hist", "gpu_hist"]),
        new Continuous("sketch_eps", new Interval(0, true, 1, true)),
        new Continuous("scale_pos_weight", new Interval(0, true, null, false)),
        new FreeText("updater"),
        new Choice("dsplit", ["row", "col"]),
        new Integer("refresh_leaf", Interval.Closed(0, 1)),
        new Choice("process_type", ["default", "update"]),
        new Choice("grow_policy", ["depthwise", "lossguide"]),
        new Integer("max_leaves", Interval.AtLeast(0)),
        new Integer("max_bin", Interval.AtLeast(0)),
        new Choice("predictor", ["auto", "cpu_predictor", "gpu_predictor"]),
        new FreeText("monotone_constraints"),
        new FreeText("interaction_constraints"),
        new Choice("sample_type", ["uniform", "weighted"]),
        new Choice("normalize_type", ["tree", "forest"]),
        new Continuous("rate_drop", Interval.Closed(0, 1)),
        new Integer("one_drop", Interval.Closed(0, 1)),
        new Continuous("skip_drop", Interval.Closed(0, 1)),
        new Continuous("lambda_bias", Interval.Closed(0, 1)),
        new Continuous("tweedie_variance_power", new Interval(1, true, 2, true)),
        new Choice("objective", Objectives),
        new Integer("num_class", Interval.AtLeast(2)),
        new Continuous("base_score", Interval.AtLeast(0)),
        new Integer("_kfold", Interval.AtLeast(2)),
        new Integer("_num_cv_round", Interval.AtLeast(1)),
        new Choice("_tuning_objective_metric", [.. XGBoostMetricDefinitions.All.Select(d => d.Name!)]),
        new MetricList("eval_metric"),
        new Integer("seed", new Interval(-(1L << 31), true, (1L << 31) - 1, true)),
        new Integer("num_parallel_tree", Interval.AtLeast(1)),
        new Choice("save_model_on_termination", ["true", "false"]),
        new Choice("aft_loss_distribution", ["normal", "logistic", "extreme"]),
        new Continuous("aft_loss_distribution_scale", Interval.AtLeast(0)),
        new Choice("single_precision_histogram", ["true", "false"]),
        new Choice("deterministic_histogram", ["true", "false"]),
        new Choice("sampling_method", ["uniform", "gradient_based"]),
        new Integer("prob_buffer_row", new Interval(1, true, null, false)),
    }.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Throws <see cref="ClientErrorException"/> for the first problem, in the container's order of checks.</summary>
    public static void Validate(IReadOnlyDictionary<string, string> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in hyperparameters)
            given[Aliases.GetValueOrDefault(name, name)] = value;
        if (!given.ContainsKey("num_round"))
            throw Problem("Missing required hyperparameter: num_round");
        foreach (var name in given.Keys)
            if (!Rules.ContainsKey(name))
                throw Problem($"Extraneous hyperparameter found: {name}");
        foreach (var (name, value) in given)
            Rules[name].Check(value);

        var objective = given.GetValueOrDefault("objective", "reg:squarederror");
        if (objective is "multi:softmax" or "multi:softprob" && !given.ContainsKey("num_class"))
            throw Problem("Require input for parameter 'num_class' for multi-classification");
        if (given.TryGetValue("eval_metric", out var metrics))
        {
            var names = metrics.Split(',');
            if (names.Contains("auc") && !(objective.StartsWith("binary:", StringComparison.Ordinal) || objective.StartsWith("rank:", StringComparison.Ordinal)))
                throw Problem("Metric 'auc' can only be applied for classification and ranking problems.");
            if (names.Contains("aft-nloglik") && objective != "survival:aft")
                throw Problem("Metric 'aft-nloglik' can only be applied for 'survival:aft' objective.");
        }
    }

    private static ClientErrorException Problem(string message) => new($"ClientError: {message}");

    private abstract record Rule(string Name)
    {
        public abstract void Check(string value);

        protected ClientErrorException NotParsed() => Problem($"Hyperparameter {Name}: could not parse value (caused by ValueError)");
    }

    private sealed record FreeText(string Name) : Rule(Name)
    {
        public override void Check(string value)
        {
        }
    }

    private sealed record Integer(string Name, Interval Range) : Rule(Name)
    {
        public override void Check(string value)
        {
            // Python's int(): an optional sign and digits, surrounding spaces allowed; "1.0" is not an integer.
            if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                throw NotParsed();
            if (!Range.Contains(number))
                throw Problem($"Hyperparameter {Name}: {number.ToString(CultureInfo.InvariantCulture)} is not in {Range}");
        }
    }

    private sealed record Continuous(string Name, Interval Range) : Rule(Name)
    {
        public override void Check(string value)
        {
            if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
                throw NotParsed();
            if (!Range.Contains(number))
                throw Problem($"Hyperparameter {Name}: {PythonFloat(number)} is not in {Range}");
        }

        // Python prints a whole float with ".0" (1.5, 2.0, -1.0).
        private static string PythonFloat(double number)
        {
            var text = number.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.') || text.Contains('E') ? text : text + ".0";
        }
    }

    private sealed record Choice(string Name, string[] Values) : Rule(Name)
    {
        public override void Check(string value)
        {
            if (!Values.Contains(value))
                throw Problem($"Hyperparameter {Name}: {value} is not in {PythonList(Values)}");
        }
    }

    private sealed record MetricList(string Name) : Rule(Name)
    {
        private static readonly string[] Known = [.. XGBoostMetricDefinitions.EvalMetrics];

        public override void Check(string value)
        {
            var names = value.Split(',');
            foreach (var metric in names.Where(m => m.Contains('@')))
            {
                var (name, threshold) = (metric.Split('@')[0].Trim(), metric.Split('@')[1].Trim());
                if (name is not ("error" or "ndcg" or "map"))
                    throw Problem($"Metric '{metric}' is not supported. Parameter 'eval_metric' with customized threshold should be one of these options: 'error', 'ndcg', 'map'.");
                if (!double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw Problem($"Threshold value 't' in '{name}@t' expects float input.");
            }

            if (names.Any(m => !m.Contains('@') && !Known.Contains(m)))
                throw Problem($"Hyperparameter {Name}: value {PythonList(names)} not in range {PythonList(Known)}");
        }
    }

    private static string PythonList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => $"'{v}'")) + "]";

    /// <summary>A range as the toolkit prints it: [0, 1], (0, 1], [1, +inf).</summary>
    private sealed record Interval(double? Min, bool MinOpen, double? Max, bool MaxOpen)
    {
        public static Interval AtLeast(double min) => new(min, false, null, false);

        public static Interval Closed(double min, double max) => new(min, false, max, false);

        public static Interval OpenClosed(double min, double max) => new(min, true, max, false);

        public bool Contains(double value) =>
            !(Min is { } min && (MinOpen ? value <= min : value < min)) && !(Max is { } max && (MaxOpen ? value >= max : value > max));

        public override string ToString() =>
            (Min is { } min ? (MinOpen ? "(" : "[") + Bound(min) : "(-inf") + ", " + (Max is { } max ? Bound(max) + (MaxOpen ? ")" : "]") : "+inf)");

        private static string Bound(double bound) => bound.ToString("R", CultureInfo.InvariantCulture);
    }
}
