using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pipeline.Testing;

/// <summary>What a test needs to prove where a server listens: an address of this machine's that is not loopback.</summary>
public static class ThisMachine
{
    public static IPAddress NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This machine has no non-loopback IPv4 address to test the bind against.");

    /// <summary>Whether a TCP connection to that host and port is accepted (refused or unreachable: false).</summary>
    public static async Task<bool> AcceptsConnectionsAsync(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
