using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Pipeline.Aws.Http;

/// <summary>Signature Version 4 by the SDK's own signer (AWS4Signer over a DefaultRequest).</summary>
internal sealed class AwsRequestSigner(AwsServiceEndpoint endpoint)
{
    private readonly AWS4Signer _signer = new();
    private readonly SigningConfig _config = new()
    {
        AuthenticationRegion = endpoint.Region,
        AuthenticationServiceName = endpoint.SigningName,
    };

    /// <summary>
    /// Adds Host, X-Amz-Date, X-Amz-Content-SHA256, X-Amz-Security-Token (for temporary credentials) and
    /// Authorization to <paramref name="headers"/>, which must hold every other header that is sent with the request.
    /// Returns the URL to send it to, with the path resources escaped as the signature expects.
    /// </summary>
    public Uri Sign(string resourcePath, IReadOnlyDictionary<string, string> pathResources, IDictionary<string, string> headers,
        string bodySha256Hex, ImmutableCredentials credentials)
    {
        using var request = new DefaultRequest(OriginalRequest.Instance, endpoint.SigningName)
        {
            HttpMethod = "POST",
            Endpoint = endpoint.Url,
            ResourcePath = resourcePath,
            PrecomputedContentSha256 = bodySha256Hex,
        };
        foreach (var (name, value) in pathResources)
            request.AddPathResource(name, value);
        foreach (var (name, value) in headers)
            request.Headers[name] = value;
        if (credentials.UseToken)
            request.Headers["X-Amz-Security-Token"] = credentials.Token;

        var result = _signer.SignRequest(request, _config, null, credentials.AccessKey, credentials.SecretKey);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;

        headers.Clear();
        foreach (var (name, value) in request.Headers)
            headers[name] = value;
        return AmazonServiceClient.ComposeUrl(request);
    }

    /// <summary>The SDK's request wrapper wants the typed request it came from; these calls have none.</summary>
    private sealed class OriginalRequest : AmazonWebServiceRequest
    {
        public static readonly OriginalRequest Instance = new();
    }

    /// <summary>The two settings the signer reads (signing region and service name); nothing else of ClientConfig is used.</summary>
    private sealed class SigningConfig() : ClientConfig(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard }]))
    {
        public override string ServiceVersion => "1";
        public override string UserAgent => "pipeline";
        public override string RegionEndpointServiceName => AuthenticationServiceName;
        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            throw new NotSupportedException("The endpoint is resolved by AwsServiceEndpoint.");
    }
}
