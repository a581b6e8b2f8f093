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
}
