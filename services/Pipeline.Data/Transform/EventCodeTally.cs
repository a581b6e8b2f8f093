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
    private readonly Dictionary<int, int> _indexOf = [];
    private Tally[] _tallies = new Tally[256];

    public int Count => _indexOf.Count;

    /// <summary>The tally of <paramref name="code"/>, which row <paramref name="row"/> (0-based among well-formed rows) has.</summary>
    public ref Tally Of(int code, long row, out int index)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexOf, code, out var seen);
        if (!seen)
        {
            slot = _indexOf.Count - 1;
            if (slot == _tallies.Length)
                Array.Resize(ref _tallies, 2 * _tallies.Length);
            _tallies[slot] = new Tally { Code = code, FirstRow = row };
        }

        index = slot;
        return ref _tallies[slot];
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
