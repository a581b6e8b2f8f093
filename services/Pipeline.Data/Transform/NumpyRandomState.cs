namespace Pipeline.Data.Transform;

/// <summary>
/// The part of numpy's legacy RandomState (MT19937) that pandas' <c>DataFrame.sample(frac=1, random_state=seed)</c>
/// uses: the partners of RandomState.shuffle's exchanges (<see cref="Interval"/>), which <see cref="KeptRows.Shuffle"/>
/// applies to the rows. Reproducing them exactly gives each year the notebook's own shuffle, so our train and
/// validation objects hold the same rows, in the same order, as the notebook's.
/// </summary>
public sealed class NumpyRandomState
{
    private const int StateLength = 624;
    private const int Period = 397;
    private readonly uint[] _state = new uint[StateLength];
    private int _position;

    /// <summary>RandomState(seed) for an integer seed in [0, 2^32).</summary>
    public NumpyRandomState(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < StateLength; i++)
            _state[i] = unchecked(1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i);
        _position = StateLength;
    }

    /// <summary>
    /// A uniform integer in [0, max] by masked rejection, as numpy's random_interval does for max below 2^32: the
    /// partner of position max in RandomState.shuffle, which runs max from n-1 down to 1.
    /// </summary>
    public int Interval(int max) => (int)Interval((uint)max);

    private uint Interval(uint max)
    {
        if (max == 0)
            return 0;
        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    public uint NextUInt32()
    {
        if (_position >= StateLength)
            Twist();
        var y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    private void Twist()
    {
        for (var i = 0; i < StateLength; i++)
        {
            var y = (_state[i] & 0x80000000u) | (_state[(i + 1) % StateLength] & 0x7fffffffu);
            var next = _state[(i + Period) % StateLength] ^ (y >> 1);
            _state[i] = (y & 1) != 0 ? next ^ 0x9908b0dfu : next;
        }

        _position = 0;
    }
}
