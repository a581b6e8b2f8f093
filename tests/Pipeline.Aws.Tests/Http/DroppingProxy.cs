using System.Net;
using System.Net.Sockets;

namespace Pipeline.Aws.Tests.Http;

/// <summary>
/// A TCP proxy on 127.0.0.1 that closes its first <paramref name="drops"/> connections as soon as a request
/// arrives (no answer at all) and passes later ones through to <paramref name="target"/>.
/// </summary>
public sealed class DroppingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Uri _target;
    private int _dropsLeft;

    public DroppingProxy(string target, int drops)
    {
        _target = new Uri(target);
        _dropsLeft = drops;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Dropped { get; private set; }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            if (Interlocked.Decrement(ref _dropsLeft) >= 0)
            {
                _ = await stream.ReadAsync(new byte[4096], _stop.Token); // the request has started; how much of it arrived does not matter
                Dropped++;
                client.Client.LingerState = new LingerOption(true, 0); // reset, not a polite close
                return;
            }

            using var upstream = new TcpClient();
            await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var upstreamStream = upstream.GetStream();
            try
            {
                await Task.WhenAny(stream.CopyToAsync(upstreamStream, _stop.Token), upstreamStream.CopyToAsync(stream, _stop.Token));
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // either side closed
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
