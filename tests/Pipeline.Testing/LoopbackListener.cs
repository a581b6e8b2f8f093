using System.Net;
using System.Net.Sockets;

namespace Pipeline.Testing;

/// <summary>An HttpListener started on 127.0.0.1 and a free port, and the loop that serves it.</summary>
public static class LoopbackListener
{
    /// <returns>The started listener and its http://127.0.0.1:&lt;port&gt;.</returns>
    public static (HttpListener Listener, string Url) Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, $"http://127.0.0.1:{port}");
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken between asking for it and binding it
            }
        }
    }

    /// <summary>Hands each request to <paramref name="answer"/> on a task of its own until the listener is closed.</summary>
    public static async Task ServeAsync(this HttpListener listener, Func<HttpListenerContext, Task> answer)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (!listener.IsListening || e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => answer(context));
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
