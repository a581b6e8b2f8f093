using System.Diagnostics;

namespace Pipeline.Benchmarks;

/// <summary>
/// `ingest`: generates one year file, runs it through the production ingestion path and through the notebook
/// reference on one core, and prints both throughputs and their ratio.
/// </summary>
internal static class IngestBenchmark
{
    private const int Year = 1979;
    private const long BytesPerMb = 1_000_000;

    public static async Task<int> RunAsync(IngestBenchmarkOptions options)
    {
        if (!options.SkipReference && NotebookReference.Unavailable() is { } missing)
            return BenchmarkCommandLine.Refuse($"The reference cannot run: {missing}\nInstall it or pass --skip-reference.");

        var pinning = SingleCore.Pin();
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), $"pipeline-ingest-benchmark-{Guid.NewGuid():N}");
        var ownFolder = options.Work is null; // a folder the user named keeps the JSON results
        Directory.CreateDirectory(work);
        var created = new List<string>();
        try
        {
            Console.WriteLine($"One core: {pinning}.");
            Console.WriteLine($"Generating {options.SizeMb:N0} MB of {Year} (seed {options.Seed}) in {work} ...");
            var file = BenchmarkYearFile.Generate(work, Year, options.Seed, options.SizeMb * BytesPerMb);
            created.Add(file.Path);
            Console.WriteLine($"  {file.Bytes / 1e6:N1} MB, {file.Rows:N0} rows in {file.GenerationSeconds:N2} s: {file.Bytes / 1e6 / file.GenerationSeconds:N0} MB/s");

            Console.WriteLine($"Ours: production ingestion of the year, {options.Runs} run(s) ...");
            var store = Path.Combine(work, "store");
            created.Add(store);
            var runs = new List<ProductionRun>();
            long peakWorkingSet = 0;
            for (var run = 0; run < options.Runs; run++)
            {
                // A store of its own per run, so no run replaces another's objects.
                runs.Add(await ProductionIngestion.RunAsync(file, options.Seed, Path.Combine(store, $"run-{run + 1}")));
                if (run == 0)
                    peakWorkingSet = PeakWorkingSet(); // memory is the first run's: later runs start with its garbage
                Console.WriteLine($"  {runs[^1].Seconds:N2} s");
            }

            var ours = runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2) with
            {
                PeakManagedHeapBytes = runs[0].PeakManagedHeapBytes,
                AllRunSeconds = runs.Select(r => r.Seconds).ToList(),
            };

            ReferenceRun? reference = null;
            BenchmarkYearFile? referenceInput = null;
            string? comparison = null;
            if (!options.SkipReference)
            {
                referenceInput = options.ReferenceMb is { } mb && mb * BytesPerMb < file.Bytes
                    ? file.Prefix(Path.Combine(work, $"{Year}-first-{mb}MB.csv"), mb * BytesPerMb)
                    : file;
                if (referenceInput != file)
                    created.Add(referenceInput.Path);
                Console.WriteLine($"Reference: the notebook's pandas code and the SDK's per-row protobuf writer on {referenceInput.Bytes / 1e6:N1} MB ...");
                var referenceOutput = Path.Combine(work, "reference");
                created.Add(referenceOutput);
                reference = await NotebookReference.RunAsync(referenceInput, options.Seed, referenceOutput);
                Console.WriteLine($"  {reference.Seconds:N2} s");
                comparison = referenceInput == file
                    ? $"train {SameBytes.Compare(ours.TrainObject, reference.TrainObject)}; validation {SameBytes.Compare(ours.ValidationObject, reference.ValidationObject)}"
                    : "not compared (the reference read a prefix of the file)";
            }

            var result = new BenchmarkResult(options, pinning, file, ours, peakWorkingSet, referenceInput, reference, comparison);
            Console.WriteLine();
            Console.Write(result.Table());
            var json = result.Json();
            if (options.Json)
                Console.WriteLine(json);
            if (options.Keep || options.Work is not null)
            {
                var path = Path.Combine(work, "ingest-benchmark.json");
                await File.WriteAllTextAsync(path, json);
                Console.WriteLine($"Results: {path}");
            }

            return 0;
        }
        finally
        {
            if (!options.Keep)
            {
                if (ownFolder)
                    Directory.Delete(work, recursive: true);
                else
                    created.ForEach(Remove);
            }
        }
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        else
            File.Delete(path);
    }
}
