using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.LocalSageMaker.Api;
using Pipeline.LocalSageMaker.Server;
using Pipeline.LocalSageMaker.Tests.Server.Doubles;

namespace Pipeline.LocalSageMaker.Tests.Server;

/// <summary>A LocalSageMakerServer on a loopback port over scripted APIs, and a plain HTTP client for it.</summary>
public sealed class Front : IAsyncDisposable
{
    private readonly LocalSageMakerServer _server;
    private readonly HttpClient _http = new();

    private Front()
    {
        _server = new LocalSageMakerServer(services =>
        {
            services.AddSingleton<ITrainingJobApi>(TrainingJobs);
            services.AddSingleton<ILogsApi>(Logs);
            services.AddLogging(logging => logging.AddProvider(Log));
        });
    }

    public ScriptedTrainingJobApi TrainingJobs { get; } = new();
    public ScriptedLogsApi Logs { get; } = new();
    public RecordingLoggerProvider Log { get; } = new();
    public Uri Address { get; private set; } = null!;

    public static async Task<Front> StartAsync()
    {
        var front = new Front();
        front.Address = await front._server.StartAsync();
        return front;
    }

    /// <summary>A JSON 1.1 call as botocore makes it (without a signature): POST / with the target header.</summary>
    public Task<Answer> PostAsync(string? target, string body, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Address)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-amz-json-1.1")),
        };
        if (target is not null)
            request.Headers.Add("X-Amz-Target", target);
        adjust?.Invoke(request);
        return SendAsync(request);
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            return new Answer(
                response.StatusCode,
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.Single() : null,
                text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public sealed record Answer(HttpStatusCode Status, string? ContentType, string? RequestId, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The error as botocore reads it: __type, and message or Message.</summary>
        public (string Code, string Message) Error =>
            (Json.GetProperty("__type").GetString()!,
             (Json.TryGetProperty("message", out var message) ? message : Json.GetProperty("Message")).GetString()!);
    }
}
