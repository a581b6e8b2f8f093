using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Pipeline.Testing;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 (HttpListener) that records every request and answers as the test says:
/// a canned reply per attempt, including slow answers. For checking what a client puts
/// on the wire and how it handles failures a real peer will not produce on demand.
/// </summary>
public sealed class RecordingHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, int, Reply> _reply;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;
    private int _count;

    /// <param name="reply">The answer to a request, given it and its 1-based number.</param>
    public RecordingHttpServer(Func<RecordedRequest, int, Reply> reply)
    {
        _reply = reply;
        (_listener, Url) = LoopbackListener.Start();
        _loop = Task.Run(() => _listener.ServeAsync(AnswerAsync));
    }

    /// <summary>Always the same answer.</summary>
    public RecordingHttpServer(Reply reply)
        : this((_, _) => reply)
    {
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;</summary>
    public string Url { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in context.Request.Headers.AllKeys)
                if (name is not null)
                    headers[name] = context.Request.Headers[name] ?? "";
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "", headers, body.ToArray());
            _requests.Enqueue(request);
            var reply = _reply(request, Interlocked.Increment(ref _count));
            if (reply.Delay > TimeSpan.Zero)
                await Task.Delay(reply.Delay);
            context.Response.StatusCode = reply.Status;
            if (reply.ContentType is not null)
                context.Response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            var bytes = reply.BodyBytes ?? Encoding.UTF8.GetBytes(reply.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // the client gave up on this request (a timeout under test)
        }
    }

    public void Dispose()
    {
        // Close alone: on Unix, Stop then Close removes the listener twice, and the second removal binds the port again
        // for a moment, failing with "Address already in use" when another test has taken it meanwhile.
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <param name="RawPath">The request target as sent, escapes included.</param>
public sealed record RecordedRequest(string Method, string RawPath, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string BodyText => Encoding.UTF8.GetString(Body);
}

public sealed record Reply(int Status, string Body = "{}", string? ContentType = "application/x-amz-json-1.1")
{
    public byte[]? BodyBytes { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; init; }

    public static Reply Ok(string body = "{}") => new(200, body);

    /// <summary>A JSON-protocol error answer: <c>{"__type": type, "message": message}</c>.</summary>
    public static Reply Error(int status, string type, string message, string messageMember = "message") =>
        new(status, $$"""{"__type":{{System.Text.Json.JsonSerializer.Serialize(type)}},"{{messageMember}}":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""");
}
