using System.Net;
using System.Text;
using System.Text.Json;

namespace Pipeline.Transport.Sqs.Tests;

/// <summary>
/// An HTTP relay on 127.0.0.1 in front of the moto_server that holds back the first <c>ChangeMessageVisibility</c>
/// calls by a set time: a bus pointed at it renews a held message too late, as on a machine under load. With
/// <c>refuse</c>, those calls are answered ReceiptHandleIsInvalid instead, as SQS answers a handle that has expired.
/// </summary>
public sealed class SlowRenewalProxy : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly HttpClient _moto;
    private readonly TimeSpan _hold;
    private readonly bool _refuse;
    private readonly Task _relaying;
    private int _slowLeft;
    private int _renewalsHeld;
    private int _messagesReceived;

    public SlowRenewalProxy(string motoUrl, TimeSpan hold, int slowCalls, bool refuse = false)
    {
        _moto = new HttpClient { BaseAddress = new Uri(motoUrl) };
        (_hold, _slowLeft, _refuse) = (hold, slowCalls, refuse);
        (_listener, Url) = LoopbackListener.Start();
        _relaying = Task.Run(() => _listener.ServeAsync(RelayOneAsync));
    }

    public string Url { get; }

    public int RenewalsHeld => Volatile.Read(ref _renewalsHeld);

    /// <summary>Messages handed out by ReceiveMessage calls through the relay, copies included.</summary>
    public int MessagesReceived => Volatile.Read(ref _messagesReceived);

    private async Task RelayOneAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var target = context.Request.Headers["X-Amz-Target"] ?? "";
        if (target.EndsWith(".ChangeMessageVisibility", StringComparison.Ordinal) && Interlocked.Decrement(ref _slowLeft) >= 0)
        {
            Interlocked.Increment(ref _renewalsHeld);
            await Task.Delay(_hold);
            if (_refuse)
            {
                await AnswerAsync(context, 400, "application/x-amz-json-1.0",
                    Encoding.UTF8.GetBytes("{\"__type\":\"com.amazonaws.sqs#ReceiptHandleIsInvalid\",\"message\":\"The receipt handle has expired.\"}"));
                return;
            }
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.RawUrl)
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            if (name is not ("Host" or "Content-Length" or "Connection" or "Expect") && context.Request.Headers[name] is { } value
                && !request.Headers.TryAddWithoutValidation(name, value))
                request.Content.Headers.TryAddWithoutValidation(name, value);
        using var response = await _moto.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (target.EndsWith(".ReceiveMessage", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            Interlocked.Add(ref _messagesReceived, ReceivedCount(answer));
        await AnswerAsync(context, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), answer);
    }

    private static async Task AnswerAsync(HttpListenerContext context, int status, string? contentType, byte[] answer)
    {
        context.Response.StatusCode = status;
        if (contentType is not null)
            context.Response.ContentType = contentType;
        context.Response.ContentLength64 = answer.Length;
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }

    private static int ReceivedCount(byte[] answer)
    {
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.TryGetProperty("Messages", out var messages) ? messages.GetArrayLength() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone, as RecordingHttpServer does: on Unix, Stop then Close binds the port again for a moment, failing
        // with "Address already in use" when another test has taken it meanwhile.
        _listener.Close();
        await _relaying;
        _moto.Dispose();
    }
}
