using System.CommandLine;

namespace Pipeline.Benchmarks;

/// <summary>`transport [--messages 2000] [--concurrency 1,10,50] [--repeats 3]`.</summary>
internal sealed class TransportBenchmarkCommand : Command
{
    private readonly Option<int> _messages = NumberArgument.Between("--messages", "Messages per figure.", 2000, 10, 1_000_000);

    private readonly Option<int> _repeats = NumberArgument.Between("--repeats", "Alternating runs of each loop per figure; the median is shown.", 3, 1, 15);

    private readonly Option<string> _concurrency = new("--concurrency")
    {
        Description = "Comma-separated concurrency levels: parallel senders and receivers (plain loop), consumer limit and senders (transport).",
        DefaultValueFactory = _ => "1,10,50",
    };

    public TransportBenchmarkCommand()
        : base("transport", "Messages per second through the MassTransit SQS transport against a plain AWSSDK.SQS send/receive/delete loop on the same moto_server; target ratio 0.8 (exit code 1 when missed).")
    {
        Options.Add(_messages);
        Options.Add(_concurrency);
        Options.Add(_repeats);
        SetAction((parseResult, _) =>
        {
            var levels = new List<int>();
            foreach (var part in parseResult.GetValue(_concurrency)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, out var level) || level is < 1 or > 200)
                    return Task.FromResult(BenchmarkCommandLine.Refuse($"--concurrency: '{part}' is not a level from 1 to 200."));
                levels.Add(level);
            }

            return TransportBenchmark.RunAsync(parseResult.GetValue(_messages), levels, parseResult.GetValue(_repeats));
        });
    }
}
