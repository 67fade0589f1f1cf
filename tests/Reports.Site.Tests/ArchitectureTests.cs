using System.Text.RegularExpressions;

namespace Reports.Site.Tests;

/// <summary>
/// The site generator's folders depend on each other one way: Rendering and Review at the bottom, then the
/// derived site model, posts, pages, the API, the build's stages, and the commands on top. A cycle would let a
/// change in one folder break another that seems unrelated, so a new one fails here, naming the files.
/// </summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void The_site_generator_namespaces_form_no_cycle()
    {
        var root = Path.Combine(TestPaths.RepoRoot, "generator", "Reports.Site");
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f)))
            .ToList();
        var graph = NamespaceGraph.From(sources);

        graph.Edges.Count.ShouldBeGreaterThan(20);
        graph.Edges.ShouldContainKey(("Building", "Pages"));
        graph.Cycles().ShouldBeEmpty();
    }

    [Fact]
    public void Two_namespaces_that_use_each_other_are_reported_with_the_files_that_do()
    {
        var graph = NamespaceGraph.From(
        [
            ("Pages/A.cs", "using Reports.Site.Building;\nnamespace Reports.Site.Pages;\nclass A { }"),
            ("Building/B.cs", "namespace Reports.Site.Building;\n// Pages.A in a comment is not a use\nclass B { Pages.A a; }"),
            ("Review/C.cs", "namespace Reports.Site.Review;\nclass C { string s = \"Pages.A\"; }"),
        ]);

        graph.Cycles().ShouldBe(["Building -> Pages (Building/B.cs)", "Pages -> Building (Pages/A.cs)"]);
    }

    [Theory]
    [InlineData("CostMonth", "cost_month")]
    [InlineData("P90", "p90")]
    [InlineData("Fp8Kv", "fp8_kv")]
    [InlineData("TtftP50", "ttft_p50")]
    [InlineData("ASetting", "a_setting")]
    [InlineData("ABreakEven", "a_break_even")]
    [InlineData("E", "e")]
    public void A_page_model_property_is_named_in_templates_by_its_words(string property, string variable)
        => Rendering.MemberAccessors.TemplateName(property).ShouldBe(variable);

    /// <summary>Which namespace of Reports.Site uses which, read from the sources: using directives and qualified names, comments and strings left out.</summary>
    private sealed partial class NamespaceGraph
    {
        public Dictionary<(string From, string To), List<string>> Edges { get; } = [];

        public static NamespaceGraph From(IEnumerable<(string Path, string Text)> sources)
        {
            var files = sources.Select(s => (s.Path, Text: Code(s.Text))).ToList();
            var names = files.Select(f => Own(f.Text)).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
            var graph = new NamespaceGraph();
            foreach (var (path, text) in files)
            {
                var own = Own(text);
                foreach (var other in names.Where(n => n != own))
                {
                    var escaped = Regex.Escape(other);
                    if (Regex.IsMatch(text, @"using Reports\.Site\." + escaped + @";") || Regex.IsMatch(text, @"(?<![\w.])(Reports\.Site\.)?" + escaped + @"\.[A-Z]\w*"))
                    {
                        var key = (own, other);
                        if (!graph.Edges.TryGetValue(key, out var list))
                        {
                            graph.Edges[key] = list = [];
                        }

                        list.Add(path.Replace('\\', '/'));
                    }
                }
            }

            return graph;
        }

        /// <summary>Every edge that lies on a cycle, with the files that make it.</summary>
        public IReadOnlyList<string> Cycles()
            => Edges.Where(e => Reaches(e.Key.To, e.Key.From))
                .Select(e => e.Key.From + " -> " + e.Key.To + " (" + string.Join(", ", e.Value.Order(StringComparer.Ordinal)) + ")")
                .Order(StringComparer.Ordinal)
                .ToList();

        private bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { from };
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var next in Edges.Keys.Where(k => k.From == current).Select(k => k.To))
                {
                    if (next == to)
                    {
                        return true;
                    }

                    if (seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            return false;
        }

        /// <summary>"Pages" for namespace Reports.Site.Pages; empty for the root namespace.</summary>
        private static string Own(string text) => NamespaceLine().Match(text) is { Success: true } m ? m.Groups[1].Value : "";

        /// <summary>The text without comments and string literals, where a namespace's name is not a use of it.</summary>
        private static string Code(string text) => StringsAndComments().Replace(text, "");

        [GeneratedRegex(@"^namespace Reports\.Site\.(\w+)", RegexOptions.Multiline)]
        private static partial Regex NamespaceLine();

        [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
        private static partial Regex StringsAndComments();
    }
}
