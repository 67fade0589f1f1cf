using Reports.Site.Review;

namespace Reports.Site.Tests;

/// <summary>`diff` on two fixture builds: one GPU's bandwidth changed, one model added, one template changed.</summary>
public sealed class DiffTests
{
    [Fact]
    public async Task Diff_summary_of_a_data_a_catalog_and_a_template_change_matches_the_approved_report()
    {
        using var temp = new TempFolder();
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["base"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);

        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var templates = temp.Copy(TestPaths.Templates, "templates");
        var h100 = Path.Combine(content, "data", "gpus", "h100-sxm.yaml");
        File.WriteAllText(h100, File.ReadAllText(h100).Replace("bandwidth: { value: 3.35, unit: TB/s", "bandwidth: { value: 3.9, unit: TB/s", StringComparison.Ordinal));
        File.Copy(Path.Combine(TestPaths.RepoRoot, "content", "data", "models", "mistral-7b.yaml"), Path.Combine(content, "data", "models", "mistral-7b.yaml"));
        var faq = Path.Combine(templates, "pages", "faq.html");
        File.WriteAllText(faq, File.ReadAllText(faq).Replace("<h1>Frequently asked questions</h1>", "<h1>Questions and answers</h1>", StringComparison.Ordinal));
        (await CliRunner.RunAsync("build", "--content", content, "--out", temp["head"], "--templates", templates)).ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = await CliRunner.RunAsync("diff", temp["base"], temp["head"], "--base-url", "https://preview.example.net/pr-7");

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        stdout.ShouldContain("### [gpus/h100-sxm/index.html](https://preview.example.net/pr-7/gpus/h100-sxm/)");
        stdout.ShouldContain("[models/mistral-7b/index.html](https://preview.example.net/pr-7/models/mistral-7b/)");
        stdout.ShouldContain("### [faq/index.html](https://preview.example.net/pr-7/faq/)");
        stdout.ShouldMatchApproved(c => c.SubFolder("Snapshots").WithDiscriminator("fixture-diff").WithFileExtension("md").NoDiff());

        var (_, html, _) = await CliRunner.RunAsync("diff", temp["base"], temp["head"], "--format", "html");
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<h2>Added</h2>");
    }

    [Fact]
    public void Identical_builds_have_no_changes_and_pages_sort_by_largest_relative_change()
    {
        var a = new PageFacts("a.html", "1", [new Fact("x", 100, "tok/s", "100 tok/s")]);
        var b = new PageFacts("b.html", "1", [new Fact("y", 10, "ms", "10 ms")]);
        SiteDiff.Compare([a, b], [a, b]).Changed.ShouldBeEmpty();

        var a2 = a with { Hash = "2", Facts = [new Fact("x", 110, "tok/s", "110 tok/s")] };
        var b2 = b with { Hash = "2", Facts = [new Fact("y", 15, "ms", "15 ms")] };
        var c2 = new PageFacts("c.html", "1", []);
        var diff = SiteDiff.Compare([a, b, c2 with { Hash = "0" }], [a2, b2, c2]);
        diff.Changed.Select(p => p.Path).ShouldBe(["b.html", "a.html", "c.html"]);
        diff.Changed[2].MarkupOnly.ShouldBeTrue();
        SiteDiff.Markdown(diff, null).ShouldContain("- `y`: 10 ms -> 15 ms (+50.0%)");
        SiteDiff.Markdown(diff, null).ShouldContain("### `c.html`\nmarkup only: no number changed");
    }

    [Fact]
    public void Long_reports_are_capped_with_and_n_more()
    {
        var before = Enumerable.Range(0, 40).Select(i => new PageFacts("p" + i.ToString("00") + ".html", "1", [new Fact("k", 1, "", "1")])).ToList();
        var after = before.Select(p => p with { Hash = "2", Facts = [new Fact("k", 2, "", "2")] }).ToList();
        SiteDiff.Markdown(SiteDiff.Compare(before, after), null, maxPages: 25).ShouldContain("and 15 more changed pages (see the HTML report).");
    }
}
