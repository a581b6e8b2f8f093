using Pipeline.Data.Transform;

namespace Pipeline.Data.Tests.Transform;

public sealed class NumpyRandomStateTests
{
    [Fact]
    public void Seed_5489_gives_the_outputs_the_C_plus_plus_standard_requires_of_mt19937()
    {
        // [rand.predef]: the 10000th output of a default-constructed std::mt19937 (seed 5489) is 4123659995;
        // the first, 3499211612, is the one every MT19937 implementation lists.
        var random = new NumpyRandomState(5489);
        var first = random.NextUInt32();
        uint last = first;
        for (var i = 2; i <= 10000; i++)
            last = random.NextUInt32();

        Assert.Equal(3499211612u, first);
        Assert.Equal(4123659995u, last);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(12345)]
    public void Permutation_holds_every_index_once(int n)
    {
        var permutation = new NumpyRandomState(1729).Permutation(n);

        Assert.Equal(Enumerable.Range(0, n), permutation.Order());
    }

    [Fact]
    public void Same_seed_same_permutation_other_seed_another()
    {
        var a = new NumpyRandomState(1729).Permutation(500);
        var b = new NumpyRandomState(1729).Permutation(500);
        var c = new NumpyRandomState(1730).Permutation(500);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
