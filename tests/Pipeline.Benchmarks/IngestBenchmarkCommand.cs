using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>`ingest [--size-mb 1024] [--seed 1729] [--runs 3] [--skip-reference] [--reference-mb N] [--work &lt;dir&gt;] [--keep] [--json]`.</summary>
internal sealed class IngestBenchmarkCommand : Command
{
    private static readonly IngestBenchmarkOptions Defaults = IngestBenchmarkOptions.Defaults;

    private readonly Option<int> _sizeMb = NumberArgument.AtLeast(
        "--size-mb", "Size of the generated year file, in MB of 10^6 bytes.", Defaults.SizeMb, 1);

    private readonly Option<int> _seed = NumberArgument.AtLeast(
        "--seed", "Seed of the generated year file and of the split.", Defaults.Seed, 0);

    private readonly Option<int> _runs = NumberArgument.AtLeast(
        "--runs", "Times our ingestion runs on the file; the median run is reported.", Defaults.Runs, 1);

    private readonly Option<bool> _skipReference = new("--skip-reference") { Description = "Leave out the notebook's reference (python3 with pandas and protobuf)." };

    private readonly Option<int?> _referenceMb = new("--reference-mb")
    {
        Description = "Run the reference on the first N MB of the file only (cut at a line boundary); by default the whole file.",
        CustomParser = result => NumberArgument.AtLeast(result, 1),
    };

    private readonly Option<string> _work = new("--work")
    {
        Description = "Folder for the year file, the objects, the reference's output and ingest-benchmark.json; by default a new temporary folder.",
    };

    private readonly Option<bool> _keep = new("--keep") { Description = "Leave what the benchmark wrote in the work folder." };

    private readonly Option<bool> _json = new("--json") { Description = "Also print the results as JSON." };

    public IngestBenchmarkCommand()
        : base("ingest", "Generates one GDELT year file and ingests it on one core through the production path and through the notebook's reference; prints both throughputs and their ratio.")
    {
        Options.Add(_sizeMb);
        Options.Add(_seed);
        Options.Add(_runs);
        Options.Add(_skipReference);
        Options.Add(_referenceMb);
        Options.Add(_work);
        Options.Add(_keep);
        Options.Add(_json);
        SetAction((parseResult, _) => IngestBenchmark.RunAsync(Read(parseResult)));
    }

    private IngestBenchmarkOptions Read(ParseResult parseResult) => new()
    {
        SizeMb = parseResult.GetValue(_sizeMb),
        Seed = parseResult.GetValue(_seed),
        Runs = parseResult.GetValue(_runs),
        SkipReference = parseResult.GetValue(_skipReference),
        ReferenceMb = parseResult.GetValue(_referenceMb),
        Work = parseResult.GetValue(_work),
        Keep = parseResult.GetValue(_keep),
        Json = parseResult.GetValue(_json),
    };
}
