using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Containers.Tests;

/// <summary>
/// The instructions of a Dockerfile (comments dropped, continuation lines joined), enough to check what it copies,
/// builds and runs without a Docker engine.
/// </summary>
internal sealed partial class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments, int Stage);

    private Dockerfile(string path, IReadOnlyList<Instruction> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<Instruction> Instructions { get; }

    public static Dockerfile Read(string path)
    {
        var instructions = new List<Instruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
                continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            line = pending + line;
            pending = "";
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = line[..space].ToUpperInvariant();
            if (keyword == "FROM")
                stage++;
            instructions.Add(new Instruction(keyword, line[(space + 1)..].Trim(), stage));
        }

        return new Dockerfile(path, instructions);
    }

    public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public int FinalStage => Instructions.Max(i => i.Stage);

    /// <summary>The image the final stage runs on.</summary>
    public string RuntimeImage => All("FROM").Last().Arguments.Split(' ')[0];

    /// <summary>ENTRYPOINT in exec form.</summary>
    public IReadOnlyList<string> EntryPoint => ExecForm(All("ENTRYPOINT").Single().Arguments);

    /// <summary>HEALTHCHECK's CMD in exec form.</summary>
    public IReadOnlyList<string> HealthCheck
    {
        get
        {
            var arguments = All("HEALTHCHECK").Single().Arguments;
            return ExecForm(arguments[(arguments.IndexOf("CMD ", StringComparison.Ordinal) + 4)..]);
        }
    }

    /// <summary>ENV of the final stage, in the key=value form.</summary>
    public IReadOnlyDictionary<string, string> Environment => All("ENV").Where(i => i.Stage == FinalStage)
        .SelectMany(i => EnvPair().Matches(i.Arguments))
        .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    public IReadOnlyList<int> ExposedPorts => All("EXPOSE").SelectMany(i => i.Arguments.Split(' ')).Select(int.Parse).ToList();

    /// <summary>COPY instructions from the build context (not from another stage): their sources and destination.</summary>
    public IEnumerable<(int Index, IReadOnlyList<string> Sources, string Destination)> CopiesFromContext =>
        Instructions.Select((instruction, index) => (instruction, index))
            .Where(x => x.instruction.Keyword == "COPY" && !x.instruction.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .Select(x =>
            {
                var parts = x.instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return (x.index, (IReadOnlyList<string>)parts[..^1], parts[^1]);
            });

    /// <summary>The position and project of the first RUN that runs <c>dotnet &lt;verb&gt;</c>.</summary>
    public (int Index, string Project) DotnetRun(string verb)
    {
        var (instruction, index) = Instructions.Select((instruction, index) => (instruction, index))
            .First(x => x.instruction.Keyword == "RUN" && x.instruction.Arguments.StartsWith($"dotnet {verb} ", StringComparison.Ordinal));
        return (index, instruction.Arguments.Split(' ')[2]);
    }

    private static List<string> ExecForm(string json) => JsonSerializer.Deserialize<List<string>>(json)
        ?? throw new InvalidDataException($"Not an exec-form (JSON array) instruction: {json}");

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S*)")]
    private static partial Regex EnvPair();
}
