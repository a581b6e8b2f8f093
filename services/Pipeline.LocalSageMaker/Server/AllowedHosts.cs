using System.Net;
using Microsoft.AspNetCore.Http;

namespace Pipeline.LocalSageMaker.Server;

/// <summary>
/// Which Host headers LocalSageMaker answers: loopback addresses (127.0.0.0/8, ::1), <c>localhost</c> and the names of
/// LocalSageMaker:AllowedHosts. A page a browser loaded from elsewhere that re-resolves its own name to 127.0.0.1 (DNS
/// rebinding) still sends its own name, so it is refused.
/// </summary>
public sealed class AllowedHosts(IEnumerable<string>? names = null)
{
    public const string Setting = "LocalSageMaker:AllowedHosts";

    private readonly HashSet<string> _names = new(names ?? [], StringComparer.OrdinalIgnoreCase);

    public bool Allows(HostString host)
    {
        if (!host.HasValue)
            return false;
        var name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || _names.Contains(name))
            return true;
        // Not 0.0.0.0 or ::: a browser sends a page's requests for http://0.0.0.0 to this machine too.
        return IPAddress.TryParse(name.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Answers 403 to a request whose Host is not allowed; true when it did.</summary>
    public async Task<bool> RefuseAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Allows(context.Request.Host))
            return false;
        var host = context.Request.Host.HasValue ? context.Request.Host.Value : "(none)";
        await GateAnswer.WriteAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException",
            $"Host '{host}' is not served: LocalSageMaker answers requests addressed to a loopback address, localhost or a name in {Setting}.")
            .ConfigureAwait(false);
        return true;
    }
}
