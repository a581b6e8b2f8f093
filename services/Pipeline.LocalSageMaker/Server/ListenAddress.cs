using System.Net;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>The address to call a server at, given the URL Kestrel reports for the endpoint it bound.</summary>
internal static class ListenAddress
{
    /// <summary>
    /// A server bound to every interface (0.0.0.0 or ::) reports that wildcard, which is no address to send a request to
    /// (and no Host a request may name: browsers route http://0.0.0.0 to this machine, so it is refused): its own
    /// callers reach it through loopback instead, 127.0.0.1 or [::1].
    /// </summary>
    public static Uri Reachable(string boundUrl)
    {
        var url = new UriBuilder(boundUrl);
        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            if (address.Equals(IPAddress.Any))
                url.Host = IPAddress.Loopback.ToString();
            else if (address.Equals(IPAddress.IPv6Any))
                url.Host = "[::1]";
        }

        return url.Uri;
    }
}
