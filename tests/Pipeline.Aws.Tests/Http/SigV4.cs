using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Aws.Tests.Http;

/// <summary>
/// Signature Version 4 recomputed from the request as it arrived, written from AWS's published algorithm (not
/// from the SDK), to check the signature a client sent. Non-S3 services: the path is URI-encoded a second time.
/// </summary>
public static class SigV4
{
    public sealed record Authorization(string AccessKey, string Date, string Region, string Service, string[] SignedHeaders, string Signature);

    public static Authorization Parse(string header)
    {
        Assert.StartsWith("AWS4-HMAC-SHA256 ", header, StringComparison.Ordinal);
        var parts = header["AWS4-HMAC-SHA256 ".Length..].Split(", ")
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var scope = parts["Credential"].Split('/');
        Assert.Equal(5, scope.Length);
        Assert.Equal("aws4_request", scope[4]);
        return new Authorization(scope[0], scope[1], scope[2], scope[3], parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }

    public static string Expected(RecordedRequest request, string secretKey)
    {
        var authorization = Parse(request.Header("Authorization")!);
        var amzDate = request.Header("X-Amz-Date")!;
        var canonicalHeaders = string.Concat(authorization.SignedHeaders.Select(h => $"{h}:{request.Header(h)!.Trim()}\n"));
        var path = request.RawPath.Split('?')[0];
        var canonicalRequest = string.Join('\n',
            request.Method,
            EncodeAgain(path),
            "",
            canonicalHeaders,
            string.Join(';', authorization.SignedHeaders),
            Hex(SHA256.HashData(request.Body)));
        var scope = $"{authorization.Date}/{authorization.Region}/{authorization.Service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), authorization.Date);
        key = Hmac(key, authorization.Region);
        key = Hmac(key, authorization.Service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static string EncodeAgain(string path)
    {
        var builder = new StringBuilder();
        foreach (var c in path)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/')
                builder.Append(c);
            else
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
