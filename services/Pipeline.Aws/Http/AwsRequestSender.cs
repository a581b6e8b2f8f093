using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Pipeline.Aws.Http;

/// <summary>
/// Sends signed requests to one service and retries what the <see cref="AwsRetryPolicy"/> calls transient: error
/// answers it names, connection failures and attempts that time out. Each attempt is signed anew (the signature
/// carries the time). Error answers become the typed <see cref="AwsServiceException"/>s.
/// </summary>
public sealed class AwsRequestSender(
    HttpClient http, AwsServiceEndpoint endpoint, AwsCredentialsSource credentials, AwsRetryPolicy retry, TimeSpan attemptTimeout)
{
    private readonly AwsRequestSigner _signer = new(endpoint);

    public async Task<AwsHttpResponse> SendAsync(AwsHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bodySha256 = Convert.ToHexStringLower(SHA256.HashData(request.Body.Span));
        using var activity = AwsTelemetry.Source.StartActivity(SpanName(request.Operation), ActivityKind.Client);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", endpoint.SigningName);
        activity?.SetTag("rpc.method", Method(request.Operation));
        activity?.SetTag("aws.resource", request.Resource);
        for (var attempt = 1; ; attempt++)
        {
            activity?.SetTag("aws.attempts", attempt);
            var final = attempt >= retry.MaxAttempts;
            using var attemptTimeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeoutSource.CancelAfter(attemptTimeout);
            try
            {
                var response = await SendOnceAsync(request, bodySha256, attemptTimeoutSource.Token).ConfigureAwait(false);
                if (response.Error is null)
                    return response.Answer!;
                activity?.SetTag("aws.error_code", response.Error.ErrorCode);
                if (final || !AwsRetryPolicy.IsRetryable(response.Error))
                {
                    activity?.SetStatus(ActivityStatusCode.Error, response.Error.ErrorCode);
                    throw response.Error;
                }
            }
            catch (HttpRequestException) when (!final)
            {
                // a refused or broken connection: retried
            }
            catch (HttpRequestException e)
            {
                throw new HttpRequestException(
                    $"{request.Operation} to {endpoint.Url}: no answer after {attempt} attempt(s): {e.Message}", e, e.StatusCode);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                if (final)
                    throw new TimeoutException(
                        $"{request.Operation} to {endpoint.Url}: no answer within {attemptTimeout.TotalSeconds:0.###} s in {attempt} attempt(s).", e);
            }

            await Task.Delay(retry.DelayBeforeRetry(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SageMaker.CreateTrainingJob for JSON targets; sns.Publish for a Query action.</summary>
    private string SpanName(string operation) => operation.Contains('.', StringComparison.Ordinal) ? operation : $"{endpoint.SigningName}.{operation}";

    private static string Method(string operation) => operation[(operation.LastIndexOf('.') + 1)..];

    private async Task<(AwsHttpResponse? Answer, AwsServiceException? Error)> SendOnceAsync(
        AwsHttpRequest request, string bodySha256, CancellationToken cancellationToken)
    {
        var signedHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = request.ContentType };
        foreach (var (name, value) in request.Headers)
            signedHeaders[name] = value;
        var identity = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        var url = _signer.Sign(request.ResourcePath, request.PathResources, signedHeaders, bodySha256, identity);

        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(request.Body) };
        foreach (var (name, value) in signedHeaders)
        {
            // HttpClient writes Host from the URL, which is what was signed; the other headers go out exactly as signed.
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!message.Headers.TryAddWithoutValidation(name, value))
                message.Content.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = HeadersOf(response);
        if (response.IsSuccessStatusCode)
            return (new AwsHttpResponse(response.StatusCode, body, headers.GetValueOrDefault("Content-Type"), headers), null);
        headers.TryGetValue("X-Amzn-ErrorType", out var errorType);
        return (null, AwsErrors.Read(response.StatusCode, body, errorType));
    }

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers[name] = string.Join(",", values);
        return headers;
    }
}
