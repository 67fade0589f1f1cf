using CsCheck;
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
}
