using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.LinearLearner;

/// <summary>
/// The metric definitions SageMaker gives a linear learner job (DescribeTrainingJob's
/// AlgorithmSpecification.MetricDefinitions): each a name and a regex over the container's log lines. The
/// per-epoch series carry <c>epoch=</c>; the <c>:final</c> ones and the test metrics match the end-of-training lines.
/// </summary>
public static class LinearLearnerMetricDefinitions
{
    private const string Quality = @"#quality_metric: host=\S+, ";
    private static readonly string[] AllChannels = ["train", "validation", "test"];
    private static readonly string[] HeldOut = ["validation", "test"];

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        Define("train:progress", @"#progress_metric: host=\S+, completed (\S+) %"),
        Define("train:throughput", @"#throughput_metric: host=\S+, train throughput=(\S+) records/second"),
        Define("train:objective_loss", Quality + @"epoch=\S+, train \S+_objective <loss>=(\S+)"),
        Define("validation:objective_loss", Quality + @"epoch=\S+, validation \S+_objective <loss>=(\S+)"),
        Define("train:objective_loss:final", Quality + @"train \S+_objective <loss>=(\S+)"),
        Define("validation:objective_loss:final", Quality + @"validation \S+_objective <loss>=(\S+)"),
        .. Final(AllChannels, "mse", "loss"),
        .. Final(AllChannels, "absolute_loss", "loss"),
        .. Final(AllChannels, "binary_classification_accuracy", "score"),
        .. Final(AllChannels, "binary_f_beta", "score", logged: @"binary_f_\S+"),
        .. Final(AllChannels, "precision", "score"),
        .. Final(AllChannels, "recall", "score"),
        .. Final(HeldOut, "multiclass_accuracy", "score"),
        .. Final(HeldOut, "multiclass_top_k_accuracy", "score", logged: @"multiclass_top_k_accuracy_\S+"),
        .. Final(HeldOut, "macro_precision", "score"),
        .. Final(HeldOut, "macro_recall", "score"),
        .. Final(HeldOut, "macro_f_beta", "score", logged: @"macro_f_\S+"),
        .. Final(HeldOut, "dcg", "score"),
        Define("test:objective_loss", Quality + @"test \S+_objective <loss>=(\S+)"),
    ];

    /// <summary>One end-of-training metric on each of <paramref name="channels"/>.</summary>
    private static IEnumerable<MetricDefinition> Final(string[] channels, string metric, string kind, string? logged = null) =>
        channels.Select(channel =>
            Define($"{channel}:{metric}", $"{Quality}{channel} {logged ?? metric} <{kind}>=(\\S+)"));

    private static MetricDefinition Define(string name, string regex) => new() { Name = name, Regex = regex };
}
