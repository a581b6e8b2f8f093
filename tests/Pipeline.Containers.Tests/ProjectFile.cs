using System.Xml.Linq;

namespace Pipeline.Containers.Tests;

/// <summary>What a csproj says about building it: its assembly's name, the projects it references, whether it is ASP.NET Core.</summary>
internal sealed record ProjectFile(string Path)
{
    private XDocument Xml { get; } = XDocument.Load(Path);

    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    public string AssemblyName =>
        Xml.Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault() ?? System.IO.Path.GetFileNameWithoutExtension(Path);

    public bool UsesAspNetCore => Xml.Descendants("FrameworkReference").Any(e => (string?)e.Attribute("Include") == "Microsoft.AspNetCore.App");

    public IEnumerable<ProjectFile> References => Xml.Descendants("ProjectReference")
        .Select(e => new ProjectFile(System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, ((string)e.Attribute("Include")!).Replace('\\', '/')))));

    /// <summary>This project and every project it references, directly or not.</summary>
    public IReadOnlyList<ProjectFile> WithAllReferences()
    {
        var all = new Dictionary<string, ProjectFile>();
        var pending = new Stack<ProjectFile>([this]);
        while (pending.TryPop(out var project))
        {
            if (all.TryAdd(project.Path, project))
                foreach (var reference in project.References)
                    pending.Push(reference);
        }

        return all.Values.ToList();
    }
}
