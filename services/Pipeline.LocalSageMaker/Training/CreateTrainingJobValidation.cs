using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;

namespace Pipeline.LocalSageMaker.Training;

/// <summary>
/// CreateTrainingJob's checks, as SageMaker makes them (botocore's constraints, worded as the service words them:
/// "Value ... at 'member.path' failed to satisfy constraint: ..."), plus what LocalSageMaker cannot run (Pipe and
/// FastFile input, AugmentedManifestFile, uncompressed model output). Every problem is listed, not just the first.
/// </summary>
public static partial class CreateTrainingJobValidation
{
    public const int MaxRuntimeLimitSeconds = 28 * 24 * 3600;
    public const int DefaultMaxRuntimeSeconds = 24 * 3600;

    private static readonly string[] InputModes = ["Pipe", "File", "FastFile"];
    private static readonly string[] DataTypes = ["ManifestFile", "S3Prefix", "AugmentedManifestFile"];
    private static readonly string[] DistributionTypes = ["FullyReplicated", "ShardedByS3Key"];
    private static readonly string[] CompressionTypes = ["None", "Gzip"];
    private static readonly string[] RecordWrapperTypes = ["None", "RecordIO"];
    private static readonly string[] OutputCompressionTypes = ["GZIP", "NONE"];

    /// <summary>The request's problems; empty when it is valid.</summary>
    public static List<string> Problems(CreateTrainingJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = new ProblemList();
        if (p.Required(request.TrainingJobName, "trainingJobName") is { } name)
        {
            p.MaxLength(name, 63, "trainingJobName");
            p.Pattern(name, ConstraintProblems.NamePattern(), ConstraintProblems.NamePatternText, "trainingJobName");
        }

        HyperParameters(p, request.HyperParameters);
        Algorithm(p, request.AlgorithmSpecification);
        if (p.Required(request.RoleArn, "roleArn") is { } role)
        {
            p.Length(role, 20, 2048, "roleArn");
            p.Pattern(role, RoleArnPattern(), @"^arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$", "roleArn");
        }

        Channels(p, request.InputDataConfig, request.AlgorithmSpecification?.TrainingInputMode);
        if (p.Required(request.OutputDataConfig, "outputDataConfig") is { } output)
        {
            if (p.Required(output.S3OutputPath, "outputDataConfig.s3OutputPath") is { } path)
                p.S3Uri(path, "outputDataConfig.s3OutputPath");
            if (p.OneOf(output.CompressionType, OutputCompressionTypes, "outputDataConfig.compressionType") == "NONE")
                p.Add("LocalSageMaker packs models as model.tar.gz only: outputDataConfig.compressionType NONE is not supported.");
        }

        if (p.Required(request.ResourceConfig, "resourceConfig") is { } resources)
        {
            if (p.Required(resources.InstanceType, "resourceConfig.instanceType") is { } type && !type.StartsWith("ml.", StringComparison.Ordinal))
                p.Add($"Value '{type}' at 'resourceConfig.instanceType' failed to satisfy constraint: Member must be an instance type such as ml.m5.xlarge");
            if (p.Required(resources.InstanceCount, "resourceConfig.instanceCount") is { } count)
                p.AtLeast(count, 1, "resourceConfig.instanceCount");
            if (p.Required(resources.VolumeSizeInGB, "resourceConfig.volumeSizeInGB") is { } volume)
                p.AtLeast(volume, 1, "resourceConfig.volumeSizeInGB");
        }

        if (p.Required(request.StoppingCondition, "stoppingCondition") is { } stopping)
        {
            if (stopping.MaxRuntimeInSeconds is { } runtime)
            {
                p.AtLeast(runtime, 1, "stoppingCondition.maxRuntimeInSeconds");
                p.AtMost(runtime, MaxRuntimeLimitSeconds, "stoppingCondition.maxRuntimeInSeconds");
            }

            if (stopping.MaxWaitTimeInSeconds is { } wait)
                p.AtLeast(wait, 1, "stoppingCondition.maxWaitTimeInSeconds");
        }

        Environment(p, request.Environment);
        Tags(p, request.Tags);
        return p.List;
    }

    /// <summary>The message of a ValidationException listing <paramref name="problems"/>, worded as SageMaker words it.</summary>
    public static string Message(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return ConstraintProblems.Message(problems);
    }

    private static void HyperParameters(ProblemList p, Dictionary<string, string>? hyperParameters)
    {
        if (hyperParameters is null)
            return;
        if (hyperParameters.Count > 100)
            p.Add($"Value at 'hyperParameters' failed to satisfy constraint: Member must have length less than or equal to 100");
        foreach (var (key, value) in hyperParameters)
        {
            p.MaxLength(key, 256, $"hyperParameters.{key}.key");
            if (p.Required(value, $"hyperParameters.{key}.value") is { } v)
                p.MaxLength(v, 2500, $"hyperParameters.{key}.value");
        }
    }

    private static void Algorithm(ProblemList p, AlgorithmSpecification? algorithm)
    {
        if (p.Required(algorithm, "algorithmSpecification") is not { } spec)
            return;
        if (p.Required(spec.TrainingInputMode, "algorithmSpecification.trainingInputMode") is { } mode
            && p.OneOf(mode, InputModes, "algorithmSpecification.trainingInputMode") is { } known && known != "File")
            p.Add($"LocalSageMaker supports File input mode only: algorithmSpecification.trainingInputMode is {known}.");
        if (spec.TrainingImage is null && spec.AlgorithmName is not null)
            p.Add("LocalSageMaker does not run algorithm resources (algorithmSpecification.algorithmName): give a trainingImage.");
        else if (p.Required(spec.TrainingImage, "algorithmSpecification.trainingImage") is { } image)
            p.MaxLength(image, 255, "algorithmSpecification.trainingImage");
        MetricDefinitions(p, spec.MetricDefinitions);
    }

    /// <summary>At most 40, each a name (1-255) and a regex (1-500) that compiles: LocalSageMaker runs them on every log line.</summary>
    private static void MetricDefinitions(ProblemList p, List<MetricDefinition>? definitions)
    {
        if (definitions is null)
            return;
        if (definitions.Count > 40)
            p.Add("Value at 'algorithmSpecification.metricDefinitions' failed to satisfy constraint: Member must have length less than or equal to 40");
        for (var i = 0; i < definitions.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"algorithmSpecification.metricDefinitions.{i + 1}.member");
            if (p.Required(definitions[i], at) is not { } definition)
                continue;
            if (p.Required(definition.Name, $"{at}.name") is { } name)
                p.Length(name, 1, 255, $"{at}.name");
            if (p.Required(definition.Regex, $"{at}.regex") is not { } regex)
                continue;
            p.Length(regex, 1, 500, $"{at}.regex");
            try
            {
                _ = TrainingMetrics.Compile(regex);
            }
            catch (ArgumentException e)
            {
                p.Add($"{at}.regex '{regex}' is not a regular expression: {e.Message}");
            }
        }
    }

    private static void Channels(ProblemList p, List<Channel>? channels, string? jobInputMode)
    {
        if (channels is null)
            return;
        if (channels.Count is < 1 or > 20)
            p.Add(string.Create(CultureInfo.InvariantCulture,
                $"Value at 'inputDataConfig' failed to satisfy constraint: Member must have length {(channels.Count < 1 ? "greater than or equal to 1" : "less than or equal to 20")}"));
        for (var i = 0; i < channels.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"inputDataConfig.{i + 1}.member");
            if (p.Required(channels[i], at) is not { } channel)
                continue;
            if (p.Required(channel.ChannelName, $"{at}.channelName") is { } name)
            {
                p.MaxLength(name, 64, $"{at}.channelName");
                p.Pattern(name, ChannelNamePattern(), @"[A-Za-z0-9\.\-_]+", $"{at}.channelName");
            }

            if (p.Required(channel.DataSource, $"{at}.dataSource") is { } source
                && p.Required(source.S3DataSource, $"{at}.dataSource.s3DataSource") is { } s3)
            {
                var s3At = $"{at}.dataSource.s3DataSource";
                if (p.Required(s3.S3DataType, $"{s3At}.s3DataType") is { } dataType
                    && p.OneOf(dataType, DataTypes, $"{s3At}.s3DataType") == "AugmentedManifestFile")
                    p.Add($"LocalSageMaker does not support AugmentedManifestFile data sources ({s3At}.s3DataType).");
                if (p.Required(s3.S3Uri, $"{s3At}.s3Uri") is { } uri)
                    p.S3Uri(uri, $"{s3At}.s3Uri");
                p.OneOf(s3.S3DataDistributionType, DistributionTypes, $"{s3At}.s3DataDistributionType");
            }

            if (channel.ContentType is { } contentType)
                p.MaxLength(contentType, 256, $"{at}.contentType");
            p.OneOf(channel.CompressionType, CompressionTypes, $"{at}.compressionType");
            p.OneOf(channel.RecordWrapperType, RecordWrapperTypes, $"{at}.recordWrapperType");
            if (p.OneOf(channel.InputMode, InputModes, $"{at}.inputMode") is { } mode && mode != "File" && mode != jobInputMode)
                p.Add($"LocalSageMaker supports File input mode only: {at}.inputMode is {mode}.");
        }

        foreach (var duplicate in channels.Where(c => c?.ChannelName is not null).GroupBy(c => c.ChannelName!, StringComparer.Ordinal).Where(g => g.Count() > 1))
            p.Add(string.Create(CultureInfo.InvariantCulture,
                $"Channel names must be unique within inputDataConfig: '{duplicate.Key}' appears {duplicate.Count()} times."));
    }

    private static void Environment(ProblemList p, Dictionary<string, string>? environment)
    {
        if (environment is null)
            return;
        if (environment.Count > 100)
            p.Add("Value at 'environment' failed to satisfy constraint: Member must have length less than or equal to 100");
        foreach (var (key, value) in environment)
        {
            p.MaxLength(key, 512, $"environment.{key}.key");
            p.Pattern(key, EnvironmentKeyPattern(), "[a-zA-Z_][a-zA-Z0-9_]*", $"environment.{key}.key");
            if (p.Required(value, $"environment.{key}.value") is { } v)
                p.MaxLength(v, 512, $"environment.{key}.value");
        }
    }

    private static void Tags(ProblemList p, List<Tag>? tags)
    {
        if (tags is null)
            return;
        if (tags.Count > 50)
            p.Add("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
        for (var i = 0; i < tags.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"tags.{i + 1}.member");
            if (p.Required(tags[i]?.Key, $"{at}.key") is { } key)
                p.Length(key, 1, 128, $"{at}.key");
            if (p.Required(tags[i]?.Value, $"{at}.value") is { } value)
                p.MaxLength(value, 256, $"{at}.value");
        }
    }

    [GeneratedRegex(@"^arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9\.\-_]+$")]
    private static partial Regex ChannelNamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex EnvironmentKeyPattern();

    /// <summary>Problems in SageMaker's words, gathered in the order found.</summary>
    private sealed class ProblemList
    {
        public List<string> List { get; } = [];

        public void Add(string problem) => List.Add(problem);

        public T? Required<T>(T? value, string member) where T : class
        {
            if (value is null)
                Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            return value;
        }

        public int? Required(int? value, string member)
        {
            if (value is null)
                Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
            return value;
        }

        public void MaxLength(string value, int max, string member)
        {
            if (value.Length > max)
                Add(string.Create(CultureInfo.InvariantCulture,
                    $"Value '{Shown(value)}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to {max}"));
        }

        public void Length(string value, int min, int max, string member)
        {
            if (value.Length < min)
                Add(string.Create(CultureInfo.InvariantCulture,
                    $"Value '{Shown(value)}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to {min}"));
            MaxLength(value, max, member);
        }

        public void Pattern(string value, Regex regex, string shown, string member)
        {
            if (!regex.IsMatch(value))
                Add($"Value '{Shown(value)}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {shown}");
        }

        /// <summary>Null when absent (every enum here is optional or checked for presence first) or not one of <paramref name="allowed"/>.</summary>
        public string? OneOf(string? value, string[] allowed, string member)
        {
            if (value is null)
                return null;
            if (allowed.Contains(value, StringComparer.Ordinal))
                return value;
            Add($"Value '{Shown(value)}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
            return null;
        }

        public void AtLeast(int value, int min, string member)
        {
            if (value < min)
                Add(string.Create(CultureInfo.InvariantCulture,
                    $"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value greater than or equal to {min}"));
        }

        public void AtMost(int value, int max, string member)
        {
            if (value > max)
                Add(string.Create(CultureInfo.InvariantCulture,
                    $"Value '{value}' at '{member}' failed to satisfy constraint: Member must have value less than or equal to {max}"));
        }

        public void S3Uri(string value, string member)
        {
            MaxLength(value, 1024, member);
            if (!value.StartsWith("s3://", StringComparison.Ordinal))
            {
                Add($"Value '{Shown(value)}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$ (LocalSageMaker reads s3:// URIs only)");
                return;
            }

            try
            {
                _ = Storage.S3Uri.Parse(value);
            }
            catch (ArgumentException e)
            {
                Add($"Value '{Shown(value)}' at '{member}' is not a valid S3 URI: {e.Message}");
                return;
            }

            ConstraintProblems.NoDotSegments(List, value, member);
        }

        private static string Shown(string value) => value.Length <= 100 ? value : value[..100] + "...";
    }
}
