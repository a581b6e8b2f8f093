using System.Text;

namespace Pipeline.Storage.Tests;

public sealed class KeyOrderTests
{
    [Fact]
    public void Orders_keys_as_their_utf8_bytes_do()
    {
        string[] keys = ["b", "a", "", "ab", "a/b", "a-b", "\uFFFD", "\U0001F600", "\uE000", "\u00e9", "Z", "\U00010000", "\uD7FF"];
        var byUtf8 = keys.Order(Comparer<string>.Create((x, y) =>
            Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y))))).ToList();

        Assert.Equal(byUtf8, keys.Order(KeyOrder.Instance));
        Assert.NotEqual(byUtf8, keys.Order(StringComparer.Ordinal)); // the case KeyOrder exists for
    }
}
