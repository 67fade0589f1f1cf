using System.Text.RegularExpressions;
using Reports.Specs.Content;

namespace Reports.Site.Tests;

/// <summary>One registry for every RPT id: each id used anywhere is in it once, with a title.</summary>
public sealed class DiagnosticRegistryTests
{
    [Fact]
    public void Every_rpt_id_in_the_code_docs_and_tests_is_registered_once_with_a_title()
    {
        DiagnosticIds.All.Select(d => d.Id).ShouldBeUnique();
        DiagnosticIds.All.ShouldAllBe(d => Regex.IsMatch(d.Id, "^RPT[0-3][0-9]{3}$") && d.Title.Length > 0);
        var registered = DiagnosticIds.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        var folders = new[] { "generator", "tests", "docs", "content" }.Select(f => Path.Combine(TestPaths.RepoRoot, f)).Where(Directory.Exists);
        var files = folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal)))
            .Append(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var used = files.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\bRPT[0-9]{4}\b").Select(m => (Id: m.Value, File: f))).ToList();

        used.Count.ShouldBeGreaterThan(50);
        used.Where(u => !registered.Contains(u.Id)).Select(u => u.Id + " in " + Path.GetRelativePath(TestPaths.RepoRoot, u.File)).ShouldBeEmpty();
    }
}
