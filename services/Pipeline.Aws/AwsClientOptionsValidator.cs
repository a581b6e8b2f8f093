using Microsoft.Extensions.Options;
using Pipeline.Aws.Http;

namespace Pipeline.Aws;

/// <summary>The rules data annotations cannot say: URLs and region names.</summary>
public sealed class AwsClientOptionsValidator : IValidateOptions<AwsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(options.Region) && !AwsRegions.IsRegionName(options.Region))
            problems.Add($"Aws:Region must be a region name such as eu-west-1, not '{options.Region}'.");
        foreach (var (key, url) in (ReadOnlySpan<(string, string?)>)[
                     ("Aws:SageMakerServiceUrl", options.SageMakerServiceUrl),
                     ("Aws:LogsServiceUrl", options.LogsServiceUrl),
                     ("Aws:SageMakerRuntimeServiceUrl", options.SageMakerRuntimeServiceUrl),
                     ("Aws:SnsServiceUrl", options.SnsServiceUrl)])
        {
            if (!string.IsNullOrEmpty(url) && !AwsServiceEndpoint.IsServiceUrl(url))
                problems.Add($"{key} must be an absolute http(s) URL such as http://127.0.0.1:5000, not '{url}'.");
        }

        if (options.MaxRetryDelay < options.RetryBaseDelay)
            problems.Add("Aws:MaxRetryDelay must be at least Aws:RetryBaseDelay.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
