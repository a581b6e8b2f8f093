using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Microsoft.AspNetCore.Http;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// Verifies a request's Signature Version 4 against the configured credentials: the canonical request is rebuilt from
/// what arrived (the signed headers, the path, the query, the body's own SHA-256) and signed again by AWSSDK.Core's
/// signer, and the two signatures are compared in constant time. Derives from AWS4Signer only to reach its
/// canonicalisation, so the rules are the SDK's, not a second copy.
/// </summary>
internal sealed class SignatureCheck(LocalSageMakerAuthOptions options, TimeProvider time) : AWS4Signer
{
    private const string AuthorizationScheme = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    /// <summary>Null when the signature is right; otherwise the error code and message to answer with (403).</summary>
    public (string Code, string Message)? Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
            return ("MissingAuthenticationTokenException",
                "Missing Authentication Token: this LocalSageMaker requires requests signed (SigV4) with the credentials of LocalSageMaker:Auth.");
        if (Parse(authorization) is not { } auth)
            return ("IncompleteSignatureException", $"Authorization header is not {AuthorizationScheme} Credential=..., SignedHeaders=..., Signature=....");
        if (!FixedTimeEquals(auth.AccessKeyId, options.AccessKeyId!))
            return ("UnrecognizedClientException", "The security token included in the request is invalid.");
        if (!DateTime.TryParseExact(request.Headers["X-Amz-Date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || !auth.SignedHeaders.Contains("x-amz-date") || signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) != auth.Date)
            return ("IncompleteSignatureException", "The request must carry a signed X-Amz-Date matching the date of its credential scope.");
        if ((time.GetUtcNow().UtcDateTime - signedAt).Duration() > MaxSkew)
            return ("InvalidSignatureException", $"Signature expired: {signedAt:yyyyMMdd'T'HHmmss'Z'} is more than 15 minutes from the server's time.");
        if (!auth.SignedHeaders.Contains("host") || (request.Headers.ContainsKey("X-Amz-Target") && !auth.SignedHeaders.Contains("x-amz-target")))
            return ("IncompleteSignatureException", "The signed headers must include host (and x-amz-target when it is sent).");

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in auth.SignedHeaders)
        {
            if (!request.Headers.TryGetValue(name, out var values))
                return ("IncompleteSignatureException", $"The signed header '{name}' is not in the request.");
            headers[name] = string.Join(",", values.ToArray());
        }

        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (headers.TryGetValue("x-amz-content-sha256", out var declared) && !string.Equals(declared, bodyHash, StringComparison.OrdinalIgnoreCase))
            return ("InvalidSignatureException", "The x-amz-content-sha256 header does not match the body's SHA-256.");
        var query = request.QueryString.HasValue ? CanonicalizeQueryParameters(request.QueryString.Value![1..]) : "";
        var canonical = CanonicalizeRequest(new Uri($"{request.Scheme}://{request.Host.Value}"), request.Path.HasValue ? request.Path.Value : "/",
            request.Method, headers, query, bodyHash);
        var expected = ComputeSignature(options.AccessKeyId, options.SecretAccessKey, auth.Region, signedAt, auth.Service,
            string.Join(';', auth.SignedHeaders), canonical).Signature;
        return FixedTimeEquals(expected, auth.Signature)
            ? null
            : ("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static Authorization? Parse(string header)
    {
        if (!header.StartsWith(AuthorizationScheme + " ", StringComparison.Ordinal))
            return null;
        var parts = header[(AuthorizationScheme.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signed)
            || !parts.TryGetValue("Signature", out var signature))
            return null;
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            return null;
        return new Authorization(scope[0], scope[1], scope[2], scope[3], signed.Split(';').ToHashSet(StringComparer.Ordinal), signature);
    }

    private sealed record Authorization(string AccessKeyId, string Date, string Region, string Service, HashSet<string> SignedHeaders, string Signature);
}
