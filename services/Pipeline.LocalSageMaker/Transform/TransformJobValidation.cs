using System.Globalization;
using Pipeline.Aws;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tagging;
using static Pipeline.LocalSageMaker.ConstraintProblems;

namespace Pipeline.LocalSageMaker.Transform;

/// <summary>
/// CreateTransformJob's checks as SageMaker makes them (botocore's constraints, worded as the service words them),
/// plus what LocalSageMaker cannot run (AugmentedManifestFile, RecordIO and TFRecord splitting). Every problem is
/// listed, not just the first. Whether the model exists is the engine's check.
/// </summary>
public static class TransformJobValidation
{
    public const int MaxPayloadLimitMB = 100;

    private static readonly string[] BatchStrategies = ["MultiRecord", "SingleRecord"];
    private static readonly string[] DataTypes = ["ManifestFile", "S3Prefix", "AugmentedManifestFile"];
    private static readonly string[] CompressionTypes = ["None", "Gzip"];
    private static readonly string[] SplitTypes = ["None", "Line", "RecordIO", "TFRecord"];
    private static readonly string[] AssembleWithValues = ["None", "Line"];

    /// <exception cref="ValidationException">The request breaks one or more constraints; the message lists them all.</exception>
    public static void Validate(CreateTransformJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = new List<string>();
        Name(p, request.TransformJobName, "transformJobName");
        Name(p, request.ModelName, "modelName");
        if (request.MaxConcurrentTransforms is < 0)
            p.Add(Value(request.MaxConcurrentTransforms.Value, "maxConcurrentTransforms", "Member must have value greater than or equal to 0"));
        if (request.MaxPayloadInMB is < 0 or > MaxPayloadLimitMB)
            p.Add(Value(request.MaxPayloadInMB.Value, "maxPayloadInMB",
                request.MaxPayloadInMB < 0 ? "Member must have value greater than or equal to 0" : $"Member must have value less than or equal to {MaxPayloadLimitMB}"));
        if (request.MaxConcurrentTransforms is > 0 && request.MaxPayloadInMB is > 0
            && (long)request.MaxConcurrentTransforms.Value * request.MaxPayloadInMB.Value > MaxPayloadLimitMB)
            p.Add(string.Create(CultureInfo.InvariantCulture,
                $"MaxConcurrentTransforms ({request.MaxConcurrentTransforms}) * MaxPayloadInMB ({request.MaxPayloadInMB}) must not exceed {MaxPayloadLimitMB} MB."));
        OneOf(p, request.BatchStrategy, BatchStrategies, "batchStrategy");
        Input(p, request.TransformInput);
        Output(p, request.TransformOutput);
        if (Required(p, request.TransformResources, "transformResources") is { } resources)
        {
            if (Required(p, resources.InstanceType, "transformResources.instanceType") is { } type && !type.StartsWith("ml.", StringComparison.Ordinal))
                p.Add($"Value '{type}' at 'transformResources.instanceType' failed to satisfy constraint: Member must be an instance type such as ml.m5.xlarge");
            if (resources.InstanceCount is null)
                p.Add("Value null at 'transformResources.instanceCount' failed to satisfy constraint: Member must not be null");
            else if (resources.InstanceCount < 1)
                p.Add(Value(resources.InstanceCount.Value, "transformResources.instanceCount", "Member must have value greater than or equal to 1"));
        }

        p.AddRange(ResourceTags.Problems(request.Tags));
        ThrowIfAny(p);
    }

    private static void Input(List<string> p, TransformInput? input)
    {
        if (Required(p, input, "transformInput") is not { } transformInput)
            return;
        if (Required(p, transformInput.DataSource, "transformInput.dataSource") is { } source
            && Required(p, source.S3DataSource, "transformInput.dataSource.s3DataSource") is { } s3)
        {
            const string at = "transformInput.dataSource.s3DataSource";
            if (Required(p, s3.S3DataType, $"{at}.s3DataType") is { } dataType
                && OneOf(p, dataType, DataTypes, $"{at}.s3DataType") == "AugmentedManifestFile")
                p.Add($"LocalSageMaker does not support AugmentedManifestFile data sources ({at}.s3DataType).");
            if (Required(p, s3.S3Uri, $"{at}.s3Uri") is { } uri)
                S3Uri(p, uri, $"{at}.s3Uri");
        }

        if (transformInput.ContentType is { Length: > 256 } contentType)
            p.Add($"Value '{contentType[..100]}...' at 'transformInput.contentType' failed to satisfy constraint: Member must have length less than or equal to 256");
        OneOf(p, transformInput.CompressionType, CompressionTypes, "transformInput.compressionType");
        if (OneOf(p, transformInput.SplitType, SplitTypes, "transformInput.splitType") is "RecordIO" or "TFRecord")
            p.Add($"LocalSageMaker splits input by Line or not at all: transformInput.splitType {transformInput.SplitType} is not supported.");
    }

    private static void Output(List<string> p, TransformOutput? output)
    {
        if (Required(p, output, "transformOutput") is not { } transformOutput)
            return;
        if (Required(p, transformOutput.S3OutputPath, "transformOutput.s3OutputPath") is { } path)
            S3Uri(p, path, "transformOutput.s3OutputPath");
        if (transformOutput.Accept is { Length: > 256 } accept)
            p.Add($"Value '{accept[..100]}...' at 'transformOutput.accept' failed to satisfy constraint: Member must have length less than or equal to 256");
        OneOf(p, transformOutput.AssembleWith, AssembleWithValues, "transformOutput.assembleWith");
    }

    private static void S3Uri(List<string> p, string value, string member)
    {
        if (value.Length > 1024)
            p.Add($"Value '{value[..100]}...' at '{member}' failed to satisfy constraint: Member must have length less than or equal to 1024");
        if (!value.StartsWith("s3://", StringComparison.Ordinal))
        {
            p.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$ (LocalSageMaker reads s3:// URIs only)");
            return;
        }

        try
        {
            _ = Storage.S3Uri.Parse(value);
        }
        catch (ArgumentException e)
        {
            p.Add($"Value '{value}' at '{member}' is not a valid S3 URI: {e.Message}");
            return;
        }

        ConstraintProblems.NoDotSegments(p, value, member);
    }

    private static T? Required<T>(List<string> p, T? value, string member) where T : class
    {
        if (value is null)
            p.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
        return value;
    }

    /// <summary>The value when it is one of <paramref name="allowed"/>; null when absent (each of these is optional) or not allowed.</summary>
    private static string? OneOf(List<string> p, string? value, string[] allowed, string member)
    {
        if (value is null)
            return null;
        if (allowed.Contains(value, StringComparer.Ordinal))
            return value;
        p.Add($"Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        return null;
    }

    private static string Value(int value, string member, string constraint) =>
        string.Create(CultureInfo.InvariantCulture, $"Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");
}
