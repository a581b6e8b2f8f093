using System.Runtime.CompilerServices;

namespace Pipeline.Aws;

/// <summary>
/// Follows an operation's pages: asks for the next page with the token the last one gave, and stops when a page
/// gives no token or the token it was asked with (how GetLogEvents says it has reached the end of a stream).
/// </summary>
public sealed class Paginator<TResponse, TItem>(
    Func<string?, CancellationToken, Task<TResponse>> fetchPage,
    Func<TResponse, string?> nextToken,
    Func<TResponse, IEnumerable<TItem>?> items,
    string? firstToken = null)
{
    /// <summary>Every page; pass a cancellation token with WithCancellation.</summary>
    public IAsyncEnumerable<TResponse> Responses => ReadPages();

    /// <summary>Every item of every page, in order.</summary>
    public IAsyncEnumerable<TItem> Items => ReadItems();

    private async IAsyncEnumerable<TResponse> ReadPages([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var token = firstToken;
        while (true)
        {
            var page = await fetchPage(token, cancellationToken).ConfigureAwait(false);
            yield return page;
            var next = nextToken(page);
            if (string.IsNullOrEmpty(next) || next == token)
                yield break;
            token = next;
        }
    }

    private async IAsyncEnumerable<TItem> ReadItems([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPages(cancellationToken).ConfigureAwait(false))
            foreach (var item in items(page) ?? [])
                yield return item;
    }
}
