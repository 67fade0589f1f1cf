using System.Reflection;

namespace Reports.Site.Cli;

/// <summary>Default folders, from the repository this binary was built in, so the cwd does not matter.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Path.GetFullPath(
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ReportsRepoRoot")?.Value ?? Directory.GetCurrentDirectory());

    public static string Templates => Path.Combine(Root, "templates");

    public static string Output => Path.Combine(Root, "output");
}
