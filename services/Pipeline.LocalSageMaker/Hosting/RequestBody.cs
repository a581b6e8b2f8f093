using Microsoft.AspNetCore.Http;
using Pipeline.LocalSageMaker.Hosting.Inference;

namespace Pipeline.LocalSageMaker.Hosting;

/// <summary>Reads a request body into a pooled buffer, sized from Content-Length when it is given.</summary>
public static class RequestBody
{
    /// <param name="limit">More bytes than this: null is returned once the limit is passed (the rest is not read).</param>
    public static async Task<PooledBuffer?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
            return null;
        var buffer = new PooledBuffer((int)Math.Max(request.ContentLength ?? 0, 4096) + 1);
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    return buffer;
                buffer.Advance(read);
                if (buffer.Length > limit)
                {
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public static async Task<PooledBuffer> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await ReadAsync(request, long.MaxValue, cancellationToken).ConfigureAwait(false))!;
}
