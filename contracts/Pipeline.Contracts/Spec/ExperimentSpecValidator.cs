using System.Text.RegularExpressions;

namespace Pipeline.Contracts;

/// <summary>Finds every problem in a spec at once, in the order a reader meets the fields.</summary>
internal static partial class ExperimentSpecValidator
{
    /// <summary>What the GDELT transform produces: NumArticles, four coordinates and 20 event codes.</summary>
    private const int GdeltFeatureDim = 25;

    private const int MaxRuntimeLimitSeconds = 28 * 24 * 3600;

    /// <summary>
    /// Instances of one training job or endpoint. SageMaker's own ceiling is an account quota (20 or fewer instances
    /// of a type by default); LocalSageMaker gives every simulated instance its own folder tree and copy of the data
    /// on this machine, so a count beyond it only fills the disk.
    /// </summary>
    public const int MaxInstanceCount = 20;

    public static IReadOnlyList<string> Validate(ExperimentSpec spec)
    {
        var problems = new List<string>();
        // A JSON null gets past the non-nullable declarations; each is reported and its section skipped.
        problems.AddRange(SpecNulls.Find(spec));
        if (spec.Data is not null)
            ValidateData(spec.Data, problems);
        ValidateStorage(spec, problems);
        if (spec.Training is not null)
            ValidateTraining(spec.Training, problems);
        if (spec.Variants is not null && spec.Training is not null)
        {
            ValidateVariants(spec, problems);
            ValidateSweptNames(spec, problems);
        }

        if (spec.HyperParameters is not null)
            ValidateHyperParameters(spec, problems);
        if (spec.Endpoint is not null)
            ValidateEndpoint(spec.Endpoint, problems);
        if (spec.Evaluation is not null)
            ValidateEvaluation(spec.Evaluation, problems);
        if (spec.Timeouts is not null)
            ValidateTimeouts(spec.Timeouts, problems);
        if (spec.Tags is not null)
            ValidateTags(spec.Tags, problems);
        return problems;
    }

    private static void ValidateData(DataSourceSpec data, List<string> problems)
    {
        if (data.Prepared is { } prepared)
        {
            RequireS3Uri(prepared.TrainPrefix, "Data.Prepared.TrainPrefix", problems);
            RequireS3Uri(prepared.ValidationPrefix, "Data.Prepared.ValidationPrefix", problems);
            RequireS3Uri(prepared.TestObject, "Data.Prepared.TestObject", problems);
            if (prepared.FeatureDim < 1)
                problems.Add($"Data.Prepared.FeatureDim must be at least 1 (got {prepared.FeatureDim}).");
            if (!DatasetContentTypes.All.Contains(prepared.ContentType ?? ""))
                problems.Add($"Data.Prepared.ContentType '{prepared.ContentType}' is not one of {string.Join(", ", DatasetContentTypes.All)}.");
            return;
        }

        if (data.Kind == DataSourceKind.GeneratedSales)
        {
            ValidateSales(data.SalesOrDefault, problems);
            return;
        }

        if (data.TrainingYears is null)
            return;
        if (data.TrainingYears.Count == 0)
            problems.Add("Data.TrainingYears is empty: name at least one training year.");
        foreach (var year in data.TrainingYears.GroupBy(y => y).Where(g => g.Count() > 1))
            problems.Add($"Data.TrainingYears lists {year.Key} more than once.");
        foreach (var year in data.TrainingYears.Append(data.TestYear).Distinct().Where(y => y is < 1979 or > 2100))
            problems.Add($"Year {year} is outside GDELT 1.0 (1979 onwards).");
        if (data.TrainingYears.Contains(data.TestYear))
            problems.Add($"Data.TestYear {data.TestYear} is also a training year: the test year must be held out.");

        switch (data.Kind)
        {
            case DataSourceKind.Generated:
                if (data.RowsPerYear is not > 0)
                    problems.Add("Data.RowsPerYear must be at least 1 for generated data.");
                break;
            case DataSourceKind.Local:
                if (string.IsNullOrWhiteSpace(data.Location))
                    problems.Add("Data.Location must name a folder of GDELT year files.");
                break;
            case DataSourceKind.S3:
                RequireS3Uri(data.Location, "Data.Location", problems);
                // The public bucket holds yearly files up to 2005, monthly ones after.
                foreach (var year in data.TrainingYears.Append(data.TestYear).Distinct().Where(y => y > 2005))
                    problems.Add($"Year {year}: GDELT publishes yearly event files only for 1979-2005.");
                break;
            default:
                problems.Add($"Data.Kind '{data.Kind}' is not one of Local, S3, Generated, GeneratedSales.");
                break;
        }
    }

    private static void ValidateSales(SalesDataSpec sales, List<string> problems)
    {
        if (sales.Stores is < 1 or > SalesDataSpec.MaxStores)
            problems.Add($"Data.Sales.Stores must be 1-{SalesDataSpec.MaxStores} (got {sales.Stores}).");
        if (sales.Items is < 1 or > SalesDataSpec.MaxItems)
            problems.Add($"Data.Sales.Items must be 1-{SalesDataSpec.MaxItems} (got {sales.Items}).");
        if (sales.ValidationDays < 1)
            problems.Add($"Data.Sales.ValidationDays must be at least 1 (got {sales.ValidationDays}).");
        if (sales.TestDays < 1)
            problems.Add($"Data.Sales.TestDays must be at least 1 (got {sales.TestDays}).");
        if (sales.Days > SalesDataSpec.MaxDays)
            problems.Add($"Data.Sales.Days must be at most {SalesDataSpec.MaxDays} (got {sales.Days}).");
        else if (sales.TrainDays < 1)
            problems.Add($"Data.Sales.Days ({sales.Days}) must exceed ValidationDays + TestDays ({sales.ValidationDays + sales.TestDays}): no day is left to train on.");
        else if ((long)sales.Stores * sales.Items * sales.Days > SalesDataSpec.MaxRows)
            problems.Add($"Data.Sales: {sales.Stores} stores x {sales.Items} items x {sales.Days} days is more than {SalesDataSpec.MaxRows:N0} rows.");
    }

    private static void ValidateStorage(ExperimentSpec spec, List<string> problems)
    {
        if (string.IsNullOrEmpty(spec.Bucket))
            problems.Add("Bucket is empty: name the S3 bucket for the dataset and the model artifacts.");
        else if (!BucketName().IsMatch(spec.Bucket) || spec.Bucket.Contains("..", StringComparison.Ordinal))
            problems.Add($"Bucket '{spec.Bucket}' is not a valid S3 bucket name (3-63 lower-case letters, digits, dots, hyphens).");

        if (spec.Prefix is not null && (spec.Prefix.StartsWith('/') || spec.Prefix.Split('/').Contains("..")))
            problems.Add($"Prefix '{spec.Prefix}' must be relative to the bucket and must not contain '..'.");

        if (!RoleArn().IsMatch(spec.RoleArn ?? ""))
            problems.Add($"RoleArn '{spec.RoleArn}' is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>).");

        if (string.IsNullOrWhiteSpace(spec.AlgorithmImage))
            problems.Add("AlgorithmImage is empty.");
    }

    private static void ValidateTraining(TrainingSpec training, List<string> problems)
    {
        if (training.InstanceCount is < 1 or > MaxInstanceCount)
            problems.Add($"Training.InstanceCount must be 1-{MaxInstanceCount} (got {training.InstanceCount}).");
        if (!InstanceType().IsMatch(training.InstanceType ?? ""))
            problems.Add($"Training.InstanceType '{training.InstanceType}' is not an instance type such as ml.c4.2xlarge.");
        if (training.VolumeSizeInGB is < 1 or > 16384)
            problems.Add($"Training.VolumeSizeInGB must be 1-16384 (got {training.VolumeSizeInGB}).");
        if (training.InstanceCounts is { } counts)
        {
            if (counts.Count == 0)
                problems.Add("Training.InstanceCounts is empty: leave it out, or name the instance counts to sweep.");
            foreach (var count in counts.Where(c => c is < 1 or > MaxInstanceCount).Distinct())
                problems.Add($"Training.InstanceCounts: {count} is not 1-{MaxInstanceCount}.");
            foreach (var count in counts.GroupBy(c => c).Where(g => g.Count() > 1))
                problems.Add($"Training.InstanceCounts lists {count.Key} more than once.");
        }

        if (training.MaxRuntimeInSeconds is < 1 or > MaxRuntimeLimitSeconds)
            problems.Add($"Training.MaxRuntimeInSeconds must be 1-{MaxRuntimeLimitSeconds} (28 days) (got {training.MaxRuntimeInSeconds}).");
    }

    /// <summary>
    /// A sweep names each variant &lt;variant&gt;-&lt;count&gt;: a declared name that is valid can grow too long. The
    /// declared variants are checked as they are (above); the counts under Training.InstanceCounts.
    /// </summary>
    private static void ValidateSweptNames(ExperimentSpec spec, List<string> problems)
    {
        if (spec.Training.InstanceCounts is not { Count: > 0 } counts)
            return;
        var longest = counts.Where(c => c is >= 1 and <= MaxInstanceCount).DefaultIfEmpty().Max();
        foreach (var variant in spec.Variants.OfType<VariantSpec>().Where(v => ResourceNames.IsValidVariantName(v.Name ?? "")))
        {
            var swept = $"{variant.Name}-{longest}";
            if (longest > 0 && !ResourceNames.IsValidVariantName(swept))
                problems.Add($"Variant name '{swept}' (variant '{variant.Name}' at {longest} instances in the sweep) must be 1-{ResourceNames.MaxVariantNameLength} characters: shorten '{variant.Name}'.");
        }
    }

    private static void ValidateVariants(ExperimentSpec spec, List<string> problems)
    {
        if (spec.Variants.Count == 0)
        {
            problems.Add("Variants is empty: name at least one train-channel distribution to try.");
            return;
        }

        var variants = spec.Variants.OfType<VariantSpec>().ToList();
        foreach (var variant in variants)
        {
            if (!ResourceNames.IsValidVariantName(variant.Name ?? ""))
                problems.Add($"Variant name '{variant.Name}' must be 1-{ResourceNames.MaxVariantNameLength} lower-case letters, digits and single hyphens, starting with a letter (it begins every SageMaker name of the variant, which SageMaker limits to {ResourceNames.MaxLength} characters).");
            if (!DistributionTypes.All.Contains(variant.TrainDistribution ?? ""))
                problems.Add($"Variant '{variant.Name}': unknown distribution type '{variant.TrainDistribution}' (expected {string.Join(" or ", DistributionTypes.All)}).");
            if (variant.InstanceCount is < 1 or > MaxInstanceCount)
                problems.Add($"Variant '{variant.Name}': InstanceCount must be 1-{MaxInstanceCount} (got {variant.InstanceCount}).");
        }

        foreach (var name in variants.GroupBy(v => v.Name).Where(g => g.Count() > 1))
            problems.Add($"Variant name '{name.Key}' is used more than once.");
        // A sweep trains every variant at every count, whatever count the variant names: then the type alone tells them apart.
        var sweeps = spec.Training.InstanceCounts is { Count: > 0 };
        foreach (var same in variants.GroupBy(v => (v.TrainDistribution, Count: sweeps ? 0 : spec.InstanceCountOf(v))).Where(g => g.Count() > 1))
            problems.Add($"Variants {string.Join(", ", same.Select(v => $"'{v.Name}'"))} are the same experiment ({same.Key.TrainDistribution} "
                + (sweeps ? "at every count of the sweep)." : $"on {same.Key.Count} instances)."));
    }

    private static void ValidateHyperParameters(ExperimentSpec spec, List<string> problems)
    {
        if (Algorithms.IsXGBoost(spec.AlgorithmImage))
            ValidateXGBoost(spec, problems);
        if (!Algorithms.IsLinearLearner(spec.AlgorithmImage))
            return;
        problems.AddRange(LinearLearnerHyperParameters.Validate(spec.HyperParameters.Where(p => p.Value is not null).ToDictionary()));

        var expectedDim = spec.Data?.Prepared?.FeatureDim
            ?? (spec.Data?.Kind == DataSourceKind.GeneratedSales ? SalesDataSpec.FeatureCount : GdeltFeatureDim);
        if (spec.HyperParameters.TryGetValue("feature_dim", out var dim) && dim != "auto"
            && int.TryParse(dim, out var featureDim) && featureDim != expectedDim)
            problems.Add($"HyperParameters.feature_dim is {featureDim} but the dataset has {expectedDim} features.");
    }

    /// <summary>
    /// What the spec alone can tell; the rest of XGBoost's hyperparameters are checked when the job is created, as
    /// SageMaker's container checks them.
    /// </summary>
    private static void ValidateXGBoost(ExperimentSpec spec, List<string> problems)
    {
        if (!spec.HyperParameters.TryGetValue("num_round", out var rounds))
            problems.Add("HyperParameters.num_round is missing: the built-in XGBoost requires it (the number of boosting rounds).");
        else if (!int.TryParse(rounds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
            problems.Add($"HyperParameters.num_round='{rounds}': must be a whole number of rounds, at least 1.");

        var recordIo = spec.Data?.Prepared is { } prepared
            ? prepared.ContentType == DatasetContentTypes.RecordIOProtobuf
            : spec.Data?.Kind != DataSourceKind.GeneratedSales;
        if (recordIo)
            problems.Add("AlgorithmImage names the built-in XGBoost, which reads CSV or LIBSVM, but the dataset is RecordIO-protobuf: "
                + "use Data.Kind GeneratedSales, or a prepared dataset whose ContentType is text/csv.");
    }

    private static void ValidateEndpoint(EndpointSpec endpoint, List<string> problems)
    {
        if (!InstanceType().IsMatch(endpoint.InstanceType ?? ""))
            problems.Add($"Endpoint.InstanceType '{endpoint.InstanceType}' is not an instance type such as ml.m4.xlarge.");
        if (endpoint.InstanceCount is < 1 or > MaxInstanceCount)
            problems.Add($"Endpoint.InstanceCount must be 1-{MaxInstanceCount} (got {endpoint.InstanceCount}).");
    }

    private static void ValidateEvaluation(EvaluationSpec evaluation, List<string> problems)
    {
        if (!EvaluationMethods.All.Contains(evaluation.Method ?? ""))
            problems.Add($"Evaluation.Method '{evaluation.Method}' is not one of {string.Join(", ", EvaluationMethods.All)}.");
        if (!InstanceType().IsMatch(evaluation.TransformInstanceType ?? ""))
            problems.Add($"Evaluation.TransformInstanceType '{evaluation.TransformInstanceType}' is not an instance type such as ml.m4.xlarge.");
        if (evaluation.TransformInstanceCount is < 1 or > MaxInstanceCount)
            problems.Add($"Evaluation.TransformInstanceCount must be 1-{MaxInstanceCount} (got {evaluation.TransformInstanceCount}).");
    }

    private static void ValidateTimeouts(StageTimeouts timeouts, List<string> problems)
    {
        void Positive(TimeSpan? value, string name)
        {
            if (value is { } v && v <= TimeSpan.Zero)
                problems.Add($"Timeouts.{name} must be positive (got {v}).");
        }

        Positive(timeouts.Ingestion, nameof(timeouts.Ingestion));
        Positive(timeouts.Training, nameof(timeouts.Training));
        Positive(timeouts.Deploy, nameof(timeouts.Deploy));
        Positive(timeouts.Evaluation, nameof(timeouts.Evaluation));
        Positive(timeouts.Teardown, nameof(timeouts.Teardown));
    }

    private static void ValidateTags(IReadOnlyDictionary<string, string> tags, List<string> problems)
    {
        const int max = 50 - PipelineTags.Count;
        if (tags.Count > max)
            problems.Add($"Tags: at most {max} tags (got {tags.Count}): a SageMaker resource takes 50, and the pipeline adds {PipelineTags.Count} of its own.");
        foreach (var (key, value) in tags)
        {
            if (key.Length is < 1 or > 128)
                problems.Add($"Tag key '{key}' must be 1-128 characters.");
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                problems.Add($"Tag key '{key}': the aws: prefix is reserved.");
            else if (PipelineTags.IsReserved(key))
                problems.Add($"Tag key '{key}': the pipeline sets '{PipelineTags.Pipeline}' and the '{PipelineTags.Pipeline}:' keys itself.");
            if (value?.Length > 256)
                problems.Add($"Tag '{key}': the value must be at most 256 characters.");
        }
    }

    private static void RequireS3Uri(string? value, string field, List<string> problems)
    {
        if (value is null || !S3Uri().IsMatch(value))
            problems.Add($"{field} '{value}' is not an S3 URI (s3://bucket/key).");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^ml\.[a-z0-9]+\.[a-z0-9]+$")]
    private static partial Regex InstanceType();

    [GeneratedRegex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$")]
    private static partial Regex S3Uri();
}
