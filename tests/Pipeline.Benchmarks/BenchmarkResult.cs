using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>The figures of one benchmark run, as a table and as JSON.</summary>
internal sealed record BenchmarkResult(
    IngestBenchmarkOptions Options,
    string Pinning,
    BenchmarkYearFile File,
    ProductionRun Ours,
    long PeakWorkingSetBytes,
    BenchmarkYearFile? ReferenceInput,
    ReferenceRun? Reference,
    string? OutputComparison)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public double OursMbPerSecond => Ours.InputBytes / 1e6 / Ours.Seconds;

    public double? ReferenceMbPerSecond => Reference is null ? null : Reference.InputBytes / 1e6 / Reference.Seconds;

    public double? Ratio => ReferenceMbPerSecond is { } reference ? OursMbPerSecond / reference : null;

    public string Table()
    {
        var text = new StringBuilder();
        void Line(string format, params object?[] values) =>
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, values));

        Line("Ingestion benchmark: one generated GDELT year ({0}, seed {1}), one core ({2})", File.Year, Options.Seed, Pinning);
        Line("Generation: {0:N1} MB, {1:N0} rows in {2:N2} s = {3:N0} MB/s", File.Bytes / 1e6, File.Rows, File.GenerationSeconds,
            File.Bytes / 1e6 / File.GenerationSeconds);
        Line("");
        Line("{0,-42}{1,20}{2,22}", "", "ours", Reference is null ? "" : "reference");
        Row("input MB", Ours.InputBytes / 1e6, Reference?.InputBytes / 1e6, "N1");
        Row("rows read", Ours.RowsRead, Reference?.RowsRead, "N0");
        Row("rows kept", Ours.RowsKept, Reference?.RowsKept, "N0");
        Row("train / validation rows", $"{Ours.TrainRows:N0} / {Ours.ValidationRows:N0}",
            Reference is null ? null : $"{Reference.TrainRows:N0} / {Reference.ValidationRows:N0}");
        Row(Ours.AllRunSeconds.Count > 1 ? $"wall s (median of {Ours.AllRunSeconds.Count} runs)" : "wall s (read, split, write)",
            Ours.Seconds, Reference?.Seconds, "N2");
        Row("MB/s end to end", OursMbPerSecond, ReferenceMbPerSecond, "N1");
        Row("rows/s (rows read)", Ours.RowsRead / Ours.Seconds, Reference is null ? null : Reference.RowsRead / Reference.Seconds, "N0");
        Row("peak memory MB (working set / max RSS)", PeakWorkingSetBytes / 1e6, Reference?.PeakRssBytes / 1e6, "N1");
        Row("peak managed heap MB", Ours.PeakManagedHeapBytes / 1e6, null, "N1");
        Row("kept rows MB (25 bytes a row)", Ours.KeptRowsBytes / 1e6, null, "N1");
        Row("set aside on disk MB (28 B a candidate)", Ours.SpilledBytes / 1e6, null, "N1");
        Row("RecordIO written MB", Ours.OutputBytes / 1e6, null, "N1");
        Line("");
        if (Ours.AllRunSeconds.Count > 1)
            Line("Our runs: {0} s; the median run is reported, with the first run's memory.", string.Join(", ", Ours.AllRunSeconds.Select(s => s.ToString("N2", CultureInfo.InvariantCulture))));
        Line("Ours by stage (MB/s = input MB / stage seconds):");
        foreach (var stage in Ours.Stages)
            Line("  {0,-40}{1,8:N2} s{2,10:N0} MB/s", stage.Name, stage.Seconds, Ours.InputBytes / 1e6 / stage.Seconds);
        Line("  allocated {0:N1} MB, {1} gen0 collections; dropped: {2}", Ours.AllocatedBytes / 1e6, Ours.Gen0Collections,
            string.Join(", ", Ours.Dropped.Select(d => $"{d.Value:N0} {d.Key}")));
        if (Reference is not null)
        {
            Line("Reference by stage (python3 process {0:N2} s with start-up):", Reference.ProcessSeconds);
            foreach (var stage in Reference.Stages)
                Line("  {0,-40}{1,8:N2} s", stage.Name, stage.Seconds);
            Line("");
            var compared = ReferenceInput == File
                ? "the same file"
                : $"ours on the whole file ({File.Bytes / 1e6:N1} MB), the reference on its first {ReferenceInput!.Bytes / 1e6:N1} MB";
            Line("Ratio ours/reference: {0:N1}x MB/s end to end ({1}).", Ratio, compared);
            Line("Outputs: {0}.", OutputComparison);
        }

        return text.ToString();

        void Row(string name, object? ours, object? reference, string? format = null) =>
            Line("{0,-42}{1,20}{2,22}", name, Format(ours, format), Format(reference, format));
    }

    public string Json() => JsonSerializer.Serialize(new
    {
        options = Options,
        pinning = Pinning,
        generation = new { File.Bytes, File.Rows, File.GenerationSeconds, MbPerSecond = File.Bytes / 1e6 / File.GenerationSeconds },
        ours = new
        {
            Ours.InputBytes, Ours.RowsRead, Ours.RowsKept, Ours.TrainRows, Ours.ValidationRows, Ours.Seconds, Ours.AllRunSeconds,
            MbPerSecond = OursMbPerSecond, RowsPerSecond = Ours.RowsRead / Ours.Seconds,
            Stages = Ours.Stages.Select(s => new { s.Name, s.Seconds, MbPerSecond = Ours.InputBytes / 1e6 / s.Seconds }),
            PeakWorkingSetBytes, Ours.PeakManagedHeapBytes, Ours.KeptRowsBytes, Ours.SpilledBytes, Ours.OutputBytes, Ours.AllocatedBytes,
            Ours.Dropped,
        },
        reference = Reference is null ? null : new
        {
            Reference.InputBytes, Reference.RowsRead, Reference.RowsKept, Reference.TrainRows, Reference.ValidationRows,
            Reference.Seconds, Reference.ProcessSeconds, MbPerSecond = ReferenceMbPerSecond,
            RowsPerSecond = Reference.RowsRead / Reference.Seconds, Reference.Stages, Reference.PeakRssBytes,
            SameFile = ReferenceInput == File,
        },
        ratio = Ratio,
        outputs = OutputComparison,
    }, Indented);

    private static string Format(object? value, string? format) => value switch
    {
        null => "",
        IFormattable number when format is not null => number.ToString(format, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
