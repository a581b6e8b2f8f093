using Pipeline.Transport.Sqs.Sending;

namespace Pipeline.Transport.Sqs.Tests.When_packing_headers;

public sealed class When_headers_become_attributes
{
    private static IEnumerable<KeyValuePair<string, object>> Headers(int count) =>
        Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"X-{i}", (object)$"v{i}"));

    [Fact]
    public void Ten_headers_are_ten_attributes_of_their_own()
    {
        var attributes = SqsHeaders.ToAttributes(Headers(10));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"X-{i}"), attributes.Keys.Order());
    }

    [Fact]
    public void More_than_ten_keep_the_well_known_ones_apart_pack_the_rest_and_read_back_the_same()
    {
        var headers = Headers(12).Append(KeyValuePair.Create("Content-Type", (object)"application/vnd.masstransit+json"))
            .Append(KeyValuePair.Create("MT-Activity-Id", (object)"00-abc-def-01")).ToList();

        var attributes = SqsHeaders.ToAttributes(headers);

        Assert.Equal(["Content-Type", "MT-Activity-Id", SqsHeaders.Packed], attributes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(headers.ToDictionary(h => h.Key, h => (string)h.Value), SqsHeaders.FromAttributes(attributes).ToDictionary(h => h.Key, h => (string)h.Value));
    }

    [Fact]
    public void Values_are_written_as_invariant_text_and_empty_ones_left_out()
    {
        var attributes = SqsHeaders.ToAttributes(
        [
            new("Count", 1234.5), new("When", new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero)), new("Flag", true), new("Empty", ""),
            new("Null", null!),
        ]);

        Assert.Equal("1234.5", attributes["Count"]);
        Assert.Equal("2026-12-02T18:00:00.0000000+00:00", attributes["When"]);
        Assert.Equal("True", attributes["Flag"]);
        Assert.DoesNotContain("Empty", attributes.Keys);
        Assert.DoesNotContain("Null", attributes.Keys);
    }
}
