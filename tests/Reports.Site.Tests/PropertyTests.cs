using CsCheck;
using Markdig;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Site.Posts;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Tests;

/// <summary>
/// Mutated YAML, Markdown and claim values: the build either succeeds or reports located errors;
/// never an unhandled exception, a hang, or a partial output.
/// </summary>
public sealed class PropertyTests
{
    private static readonly string[] Seeds = Directory.EnumerateFiles(Path.Combine(TestPaths.BasicFixture, "data"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
    private static readonly SiteModel Site = new(Reports.Specs.Catalog.Catalog.Compiled);

    /// <summary>Edits that break YAML and data in realistic ways: YAML punctuation, digits, whitespace, deletions.</summary>
    private static Gen<string> Mutated(string text)
    {
        var piece = Gen.OneOfConst(":", "-", "[", "]", "{", "}", "\n", "  ", "&a", "*a", "!!", "\"", "'", "#", "0", "-1", "1e999", ".nan", "\t", "\u00e9", "~", ",", "|", ">", "?", "%", "@", "`");
        var edit = Gen.Select(Gen.Int[0, text.Length], Gen.Int[0, 12], piece, Gen.Bool);
        return edit.Array[1, 6].Select(edits =>
        {
            var s = text;
            foreach (var (at, length, insert, delete) in edits)
            {
                var i = Math.Min(at, s.Length);
                s = delete ? s.Remove(i, Math.Min(length, s.Length - i)) : s.Insert(i, insert);
            }

            return s;
        });
    }

    [Fact]
    public void Mutated_yaml_never_throws_and_every_diagnostic_has_a_location()
    {
        Gen.Int[0, Seeds.Length - 1].SelectMany(i => Mutated(File.ReadAllText(Seeds[i])).Select(t => (Seeds[i], t)))
            .Sample(pair =>
            {
                var (path, text) = pair;
                var kind = path.Contains("/models/", StringComparison.Ordinal) ? ContentKind.Model
                    : path.Contains("/gpus/", StringComparison.Ordinal) ? ContentKind.Gpu
                    : path.Contains("/providers/", StringComparison.Ordinal) ? ContentKind.Provider
                    : path.Contains("/benchmarks/", StringComparison.Ordinal) ? ContentKind.Benchmark
                    : ContentKind.Measurement;
                var file = ContentFile.Load(path, kind, text);
                file.Diagnostics.ShouldAllBe(d => d.Line >= 1 && d.Column >= 1 && d.Path == path && d.Message.Length > 0);
                (file.Entity is not null || file.HasErrors).ShouldBeTrue();
            }, iter: 1500, threads: 1);
    }

    [Fact]
    public void Mutated_posts_never_throw_and_errors_point_inside_the_post()
    {
        var path = Path.Combine(TestPaths.BasicFixture, "posts", "llama-3-1-70b-vs-llama-3-1-8b.md");
        var original = File.ReadAllText(path);
        var compiler = new PostCompiler(Site);
        var lines = original.Split('\n').Length + 40;
        Mutated(original).Sample(text =>
        {
            var (post, diagnostics) = compiler.Compile(path, text);
            (post is not null || diagnostics.Count > 0).ShouldBeTrue();
            diagnostics.ShouldAllBe(d => d.Line >= 1 && d.Line <= lines && d.Path == path && d.Id.StartsWith("RPT2", StringComparison.Ordinal));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Claim_values_parse_or_are_refused_never_throw()
    {
        Gen.String[Gen.Char["0123456789.,~$%KMBTGiB kmgtx-+e"], 0, 14].Sample(text =>
        {
            var value = ClaimValue.TryParse(text, out var error);
            if (value is null)
            {
                error.ShouldNotBeNullOrEmpty();
            }
            else
            {
                value.Candidates.ShouldNotBeEmpty();
                value.Candidates.ShouldAllBe(c => double.IsFinite(c) && c >= 0);
            }
        }, iter: 5000);
    }

    [Fact]
    public async Task A_build_from_mutated_content_succeeds_or_fails_with_located_errors_and_never_leaves_a_partial_site()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var output = temp["site"];
        (await CliRunner.RunAsync("build", "--content", content, "--out", output, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var target = Path.Combine(content, "data", "models", "llama-3-1-8b.yaml");
        var original = File.ReadAllText(target);
        var iteration = 0;

        Mutated(original).Sample(text =>
        {
            File.WriteAllText(target, text);
            var before = TempFolder.Snapshot(output);
            var (code, _, stderr) = CliRunner.RunAsync("build", "--content", content, "--out", output, "--templates", TestPaths.Templates, "--base-url", "https://run" + iteration++ + ".example.org/").GetAwaiter().GetResult();
            code.ShouldBeOneOf(0, 1);
            if (code == 1)
            {
                stderr.ShouldContain("): error RPT");
                TempFolder.ShouldBeIdentical(TempFolder.Snapshot(output), before);
            }
            else
            {
                File.ReadAllText(Path.Combine(output, "index.html")).ShouldContain("https://run");
            }

            Directory.EnumerateDirectories(temp.Root).Order().Select(Path.GetFileName).ShouldBe(["content", "site"]);
        }, iter: 25, threads: 1);
    }

    /// <summary>Any page text, escaped for the PR comment and read back by a Markdown parser, is that text and nothing else.</summary>
    [Fact]
    public void Page_text_escaped_for_the_comment_reads_back_as_the_same_text_and_no_markup()
    {
        var markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
        var piece = Gen.OneOf(Gen.OneOfConst("<", ">", "&", "*", "_", "`", "[", "]", "(", ")", "!", "|", "~", "$", "@", "#", ":", "\\", "{", "}", "<script>", "**", "](", "https://x.org", "&amp;", " ", "-", "1.", "=", "+"), Gen.String[Gen.Char.AlphaNumeric, 1, 4]);
        piece.Array[1, 12].Select(string.Concat).Sample(text =>
        {
            var html = Markdig.Markdown.ToHtml("x " + Reports.Site.Review.SiteDiff.Text(text) + " x", markdown);
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            document.Body!.Children.ShouldHaveSingleItem().LocalName.ShouldBe("p", html);
            document.Body.Children[0].Children.ShouldBeEmpty(html);
            document.Body.TextContent.Trim().ShouldBe(("x " + text + " x").Trim(), html);
        }, iter: 2000, threads: 1);
    }

    /// <summary>Well-formed trees have nothing unclosed; drop one end tag and exactly that element is named, where it opens.</summary>
    [Fact]
    public void Nesting_scan_names_exactly_the_element_whose_end_tag_is_missing()
    {
        // Each element has a name of its own, so that which element an end tag closes is never in doubt
        // (with two open <div>s, a lone </div> closes the inner one, as a browser does).
        var tree = Gen.Int[1, 40].SelectMany(n => Gen.Select(Gen.Int[0, 2].Array[n], Gen.Int[0, n - 1]));
        tree.Sample(t =>
        {
            var (moves, dropped) = t;
            var names = Enumerable.Range(0, moves.Length).Select(i => "el-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            // moves: 0 = nest the next element inside, 1 = close one and open a sibling, 2 = close two.
            var html = new System.Text.StringBuilder("<body>\n");
            var open = new Stack<(string Name, int Index)>();
            var starts = new int[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                for (var close = 0; close < moves[i] && open.Count > 0; close++)
                {
                    var (name, index) = open.Pop();
                    html.Append(index == dropped ? "" : "</" + name + ">");
                }

                starts[i] = html.Length;
                html.Append('<').Append(names[i]).Append('>').Append("t");
                open.Push((names[i], i));
            }

            while (open.Count > 0)
            {
                var (name, index) = open.Pop();
                html.Append(index == dropped ? "" : "</" + name + ">");
            }

            var text = html.Append("</body>").ToString();
            var report = Reports.Site.Checks.HtmlNesting.Scan(text);
            report.TooDeep.ShouldBeNull();
            var missing = report.Unclosed.ShouldHaveSingleItem(text);
            missing.ShouldBe(new Reports.Site.Checks.OpenElement(names[dropped], 2, starts[dropped] - "<body>\n".Length + 1), text);
            var closedAtOnce = text.Insert(starts[dropped] + names[dropped].Length + 3, "</" + names[dropped] + ">");
            Reports.Site.Checks.HtmlNesting.Scan(closedAtOnce).Unclosed.ShouldBeEmpty(closedAtOnce);
        }, iter: 1000, threads: 1);
    }

    /// <summary>However often a place repeats on a page, every number there keeps its own key.</summary>
    [Fact]
    public void Every_number_on_a_page_keeps_a_key_of_its_own()
    {
        Gen.Select(Gen.OneOfConst("a", "a #2", "b", "a #3").Array[1, 30], Gen.Int[0, 999]).Sample(t =>
        {
            var (keys, seed) = t;
            var set = new Reports.Site.Review.FactSet();
            for (var i = 0; i < keys.Length; i++)
            {
                set.Add(keys[i], (seed + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms");
            }

            var facts = set.Sorted();
            facts.Count.ShouldBe(keys.Length);
            facts.Select(f => f.Key).Distinct(StringComparer.Ordinal).Count().ShouldBe(keys.Length);
            facts.Select(f => f.Value).Order().ShouldBe(Enumerable.Range(seed, keys.Length).Select(v => (double)v));
        }, iter: 1000, threads: 1);
    }
}
