namespace Pipeline.Aws.Tests;

public sealed class PaginatorTests
{
    private sealed record Page(string[] Items, string? Next);

    [Fact]
    public async Task Follows_tokens_until_a_page_has_none()
    {
        var asked = new List<string?>();
        var pages = new Dictionary<string, Page> { ["start"] = new(["a", "b"], "t1"), ["t1"] = new(["c"], "t2"), ["t2"] = new(["d"], null) };
        var paginator = new Paginator<Page, string>(
            (token, _) => { asked.Add(token); return Task.FromResult(pages[token ?? "start"]); },
            page => page.Next, page => page.Items);

        var items = await paginator.Items.ToListAsync();

        Assert.Equal(["a", "b", "c", "d"], items);
        Assert.Equal([null, "t1", "t2"], asked);
    }

    [Fact]
    public async Task Stops_when_the_token_it_was_asked_with_comes_back()
    {
        var asked = new List<string?>();
        var paginator = new Paginator<Page, string>(
            (token, _) =>
            {
                asked.Add(token);
                return Task.FromResult(token switch
                {
                    null => new Page(["1"], "f/1"),
                    "f/1" => new Page(["2"], "f/2"),
                    _ => new Page([], "f/2"),
                });
            },
            page => page.Next, page => page.Items);

        var responses = await paginator.Responses.ToListAsync();

        Assert.Equal(3, responses.Count);
        Assert.Equal([null, "f/1", "f/2"], asked);
    }

    [Fact]
    public async Task Starts_from_the_token_of_the_request()
    {
        var asked = new List<string?>();
        var paginator = new Paginator<Page, string>(
            (token, _) => { asked.Add(token); return Task.FromResult(new Page(["x"], null)); },
            page => page.Next, page => page.Items, firstToken: "resume-here");

        await paginator.Items.ToListAsync();

        Assert.Equal(["resume-here"], asked);
    }

    [Fact]
    public async Task Passes_the_cancellation_given_to_WithCancellation()
    {
        using var cancel = new CancellationTokenSource();
        CancellationToken seen = default;
        var paginator = new Paginator<Page, string>(
            (_, ct) => { seen = ct; return Task.FromResult(new Page([], null)); },
            page => page.Next, page => page.Items);

        await foreach (var _ in paginator.Responses.WithCancellation(cancel.Token))
        {
        }

        await cancel.CancelAsync();
        Assert.True(seen.IsCancellationRequested);
    }
}
