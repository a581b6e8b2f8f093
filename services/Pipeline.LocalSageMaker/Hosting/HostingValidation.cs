using System.Globalization;
using Pipeline.Aws.SageMaker;
using Pipeline.LocalSageMaker.Tagging;
using static Pipeline.LocalSageMaker.ConstraintProblems;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>
/// The hosting requests' checks, worded as SageMaker words them ("Value ... at 'member' failed to satisfy
/// constraint: ..."), every problem listed; plus what LocalSageMaker cannot serve.
/// </summary>
public static class HostingValidation
{
    public const string LinearLearnerImageMarker = "linear-learner";
    public const string XGBoostImageMarker = "xgboost";
    public const int MaxVariants = 10;

    public static void CreateModel(CreateModelRequest request)
    {
        var p = new List<string>();
        Name(p, request.ModelName, "modelName");
        if (request.PrimaryContainer is null && request.Containers is not { Count: > 0 })
            p.Add("Value null at 'primaryContainer' failed to satisfy constraint: Member must not be null");
        if (request.PrimaryContainer is not null && request.Containers is { Count: > 0 })
            p.Add("Specify either primaryContainer or containers, not both.");
        if (request.Containers is { Count: > 1 })
            p.Add("LocalSageMaker serves single-container models: containers must hold one container (inference pipelines are not supported).");
        if (Container(request) is { } container)
        {
            if (container.Image is null)
                p.Add("Value null at 'primaryContainer.image' failed to satisfy constraint: Member must not be null");
            else if (!container.Image.Contains(LinearLearnerImageMarker, StringComparison.Ordinal) && !container.Image.Contains(XGBoostImageMarker, StringComparison.Ordinal))
                p.Add($"LocalSageMaker cannot serve the image '{container.Image}': it serves the built-in linear learner (an image whose path contains '{LinearLearnerImageMarker}') and the built-in XGBoost (one whose path contains '{XGBoostImageMarker}').");
            if (container.Mode is not (null or "SingleModel"))
                p.Add($"LocalSageMaker serves containers in SingleModel mode only, not '{container.Mode}'.");
            if (container.ModelDataUrl is null)
                p.Add("Value null at 'primaryContainer.modelDataUrl' failed to satisfy constraint: Member must not be null (the built-in algorithms need their model artifact)");
            else if (!container.ModelDataUrl.StartsWith("s3://", StringComparison.Ordinal) || container.ModelDataUrl.Length <= "s3://".Length)
                p.Add($"Value '{container.ModelDataUrl}' at 'primaryContainer.modelDataUrl' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$ (LocalSageMaker reads s3:// only)");
            else
                NoDotSegments(p, container.ModelDataUrl, "primaryContainer.modelDataUrl");
        }

        p.AddRange(ResourceTags.Problems(request.Tags));
        ThrowIfAny(p);
    }

    /// <summary>The one container of a model request: PrimaryContainer, or the single entry of Containers.</summary>
    public static ContainerDefinition? Container(CreateModelRequest request) =>
        request.PrimaryContainer ?? (request.Containers is { Count: > 0 } containers ? containers[0] : null);

    public static void CreateEndpointConfig(CreateEndpointConfigRequest request)
    {
        var p = new List<string>();
        Name(p, request.EndpointConfigName, "endpointConfigName");
        if (request.ProductionVariants is not { } variants)
        {
            p.Add("Value null at 'productionVariants' failed to satisfy constraint: Member must not be null");
        }
        else if (variants.Count is 0 or > MaxVariants)
        {
            p.Add(string.Create(CultureInfo.InvariantCulture,
                $"Value '[]' at 'productionVariants' failed to satisfy constraint: Member must have length between 1 and {MaxVariants}"));
        }
        else
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"productionVariants.{i + 1}.member");
                var variant = variants[i];
                Name(p, variant.VariantName, $"{at}.variantName");
                Name(p, variant.ModelName, $"{at}.modelName");
                if (variant.InstanceType is null)
                    p.Add($"Value null at '{at}.instanceType' failed to satisfy constraint: Member must not be null");
                else if (!variant.InstanceType.StartsWith("ml.", StringComparison.Ordinal))
                    p.Add($"Value '{variant.InstanceType}' at '{at}.instanceType' failed to satisfy constraint: Member must be an instance type such as ml.m5.xlarge");
                if (variant.InitialInstanceCount is not { } count)
                    p.Add($"Value null at '{at}.initialInstanceCount' failed to satisfy constraint: Member must not be null");
                else if (count < 1)
                    p.Add(string.Create(CultureInfo.InvariantCulture,
                        $"Value '{count}' at '{at}.initialInstanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1"));
                if (variant.InitialVariantWeight is < 0)
                    p.Add(string.Create(CultureInfo.InvariantCulture,
                        $"Value '{variant.InitialVariantWeight}' at '{at}.initialVariantWeight' failed to satisfy constraint: Member must have value greater than or equal to 0"));
            }

            var duplicate = variants.Where(v => v.VariantName is not null).GroupBy(v => v.VariantName).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                p.Add($"The variant name(s) [{duplicate.Key}] are not unique.");
        }

        p.AddRange(ResourceTags.Problems(request.Tags));
        ThrowIfAny(p);
    }

    public static void CreateEndpoint(CreateEndpointRequest request)
    {
        var p = new List<string>();
        Name(p, request.EndpointName, "endpointName");
        Name(p, request.EndpointConfigName, "endpointConfigName");
        p.AddRange(ResourceTags.Problems(request.Tags));
        ThrowIfAny(p);
    }

    public static void UpdateEndpoint(UpdateEndpointRequest request)
    {
        var p = new List<string>();
        Name(p, request.EndpointName, "endpointName");
        Name(p, request.EndpointConfigName, "endpointConfigName");
        ThrowIfAny(p);
    }

    /// <summary>A name given to Describe or Delete: must be there (what it names is checked by the caller).</summary>
    public static string Required(string? name, string member)
    {
        var p = new List<string>();
        Name(p, name, member);
        ThrowIfAny(p);
        return name!;
    }
}
