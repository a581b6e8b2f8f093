namespace Pipeline.Contracts;

/// <summary>
/// The fields a JSON spec set to null (`"data": null`): the declarations say they are never null, JSON does not
/// care. Text fields that validation already names when empty (bucket, role, image, instance types) are left to it.
/// </summary>
internal static class SpecNulls
{
    private const string Hint = "give a value or leave the field out for its default";

    public static IEnumerable<string> Find(ExperimentSpec spec)
    {
        if (spec.Name is null)
            yield return $"Name is null: {Hint}.";
        if (spec.Data is null)
            yield return $"Data is null: {Hint}.";
        else if (spec.Data.TrainingYears is null)
            yield return $"Data.TrainingYears is null: {Hint}.";
        if (spec.Prefix is null)
            yield return $"Prefix is null: {Hint} (\"\" for the bucket's root).";
        if (spec.Training is null)
            yield return $"Training is null: {Hint}.";
        if (spec.HyperParameters is null)
            yield return $"HyperParameters is null: {Hint}.";
        else
            foreach (var (name, _) in spec.HyperParameters.Where(p => p.Value is null))
                yield return $"HyperParameters.{name} is null: hyperparameters are strings.";
        if (spec.Variants is null)
            yield return $"Variants is null: {Hint}.";
        else
            foreach (var index in Enumerable.Range(0, spec.Variants.Count).Where(i => spec.Variants[i] is null))
                yield return $"Variants[{index}] is null: each variant needs a Name and a TrainDistribution.";
        if (spec.Endpoint is null)
            yield return $"Endpoint is null: {Hint}.";
        if (spec.Evaluation is null)
            yield return $"Evaluation is null: {Hint}.";
        if (spec.Timeouts is null)
            yield return $"Timeouts is null: {Hint}.";
        if (spec.Tags is null)
            yield return $"Tags is null: {Hint} ({{}} for none).";
        else
            foreach (var (key, _) in spec.Tags.Where(t => t.Value is null))
                yield return $"Tag '{key}' is null: a tag's value is a string (\"\" for none).";
    }
}
