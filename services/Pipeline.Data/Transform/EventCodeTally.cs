using System.Runtime.InteropServices;

namespace Pipeline.Data.Transform;

/// <summary>
/// Per event code of the first training year: how many rows have it (the vocabulary's count), how many of them are
/// dropped whatever the vocabulary (actor at (0, 0), missing coordinates), and the row number of the first of each,
/// so the drop counts and their order can be settled once the vocabulary is known. Each code gets a small index on
/// first sight, which <see cref="CandidateRows"/> stores in place of the code.
/// </summary>
internal sealed class EventCodeTally
{
    /// <summary>CAMEO codes read as integers are below 10,000 (four digits at most): those are indexed by an array.</summary>
    private const int DirectCodes = 10_000;

    private readonly int[] _directIndexPlusOne = new int[DirectCodes];
    private readonly Dictionary<int, int> _otherIndexOf = [];
    private Tally[] _tallies = new Tally[256];

    public int Count { get; private set; }

    /// <summary>The tally of <paramref name="code"/>, which row <paramref name="row"/> (0-based among well-formed rows) has.</summary>
    public ref Tally Of(int code, long row, out int index)
    {
        if ((uint)code < DirectCodes)
        {
            ref var plusOne = ref _directIndexPlusOne[code];
            if (plusOne == 0)
                plusOne = Add(code, row) + 1;
            index = plusOne - 1;
        }
        else
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_otherIndexOf, code, out var seen);
            if (!seen)
                slot = Add(code, row);
            index = slot;
        }

        return ref _tallies[index];
    }

    private int Add(int code, long row)
    {
        if (Count == _tallies.Length)
            Array.Resize(ref _tallies, 2 * _tallies.Length);
        _tallies[Count] = new Tally { Code = code, FirstRow = row };
        return Count++;
    }

    public ReadOnlySpan<Tally> Tallies => _tallies.AsSpan(0, Count);

    public Dictionary<int, long> RowsByCode()
    {
        var counts = new Dictionary<int, long>(Count);
        foreach (var tally in Tallies)
            counts[tally.Code] = tally.Rows;
        return counts;
    }

    internal struct Tally
    {
        public int Code;
        public long Rows;
        public long FirstRow;
        public long AtZeroZero;
        public long FirstAtZeroZero;
        public long MissingCoordinates;
        public long FirstMissingCoordinates;

        public void Count(RowFate fate, long row)
        {
            if (fate == RowFate.ActorAtZeroZero)
            {
                if (AtZeroZero++ == 0)
                    FirstAtZeroZero = row;
            }
            else if (MissingCoordinates++ == 0)
            {
                FirstMissingCoordinates = row;
            }
        }
    }
}
