using System.Globalization;
using Reports.Site.Review;

namespace Reports.Site.Tests;

/// <summary>`diff` on two fixture builds: one GPU's bandwidth changed, one model added, one template changed.</summary>
public sealed class DiffTests
{
    [Fact]
    public async Task Diff_summary_of_a_data_a_catalog_and_a_template_change_matches_the_approved_report()
    {
        using var temp = new TempFolder();
        var (content, _) = await BuildBaseAndRaiseH100Bandwidth(temp);
        var templates = temp.Copy(TestPaths.Templates, "templates");
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

    /// <summary>Builds the fixture into base/, then copies its content with the H100's bandwidth raised from 3.35 to 3.9 TB/s; returns the copy and the edited line.</summary>
    internal static async Task<(string Content, int Line)> BuildBaseAndRaiseH100Bandwidth(TempFolder temp)
    {
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["base"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var h100 = Path.Combine(content, "data", "gpus", "h100-sxm.yaml");
        var line = Array.FindIndex(File.ReadAllLines(h100), l => l.StartsWith("bandwidth: { value: 3.35,", StringComparison.Ordinal)) + 1;
        line.ShouldBeGreaterThan(0);
        File.WriteAllText(h100, File.ReadAllText(h100).Replace("bandwidth: { value: 3.35,", "bandwidth: { value: 3.9,", StringComparison.Ordinal));
        return (content, line);
    }

    [Fact]
    public async Task A_build_without_a_facts_manifest_is_read_off_its_pages_as_the_manifest_would_have_been()
    {
        using var temp = new TempFolder();
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["plain"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["facts"], "--templates", TestPaths.Templates, "--facts")).ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(temp["plain"], FactsManifest.Folder, FactsManifest.FileName)).ShouldBeFalse();

        var fromPages = Building.PublishedFacts.Read(temp["plain"], TestContext.Current.CancellationToken);
        var fromManifest = FactsManifest.Read(temp["facts"]);

        fromPages.Count.ShouldBeGreaterThan(10);
        fromPages.Sum(p => p.Facts.Count).ShouldBeGreaterThan(100);
        fromPages.Select(p => (p.Path, p.Hash, string.Join("\n", p.Facts))).ShouldBe(fromManifest.Select(p => (p.Path, p.Hash, string.Join("\n", p.Facts))));
    }

    [Fact]
    public async Task A_build_record_naming_a_page_outside_its_output_is_refused_not_read()
    {
        using var temp = new TempFolder();
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        File.WriteAllText(temp["secret.html"], "<table><tr><th>k</th><td>1 GB</td></tr></table>");
        var record = Path.Combine(temp["site"], Building.BuildState.RelativePath);
        File.WriteAllText(record, File.ReadAllText(record).Replace("\"404.html\"", "\"../secret.html\"", StringComparison.Ordinal));

        var (code, _, stderr) = await CliRunner.RunAsync("diff", temp["site"], temp["site"]);

        code.ShouldBe(1);
        stderr.ShouldContain("the build record names a page outside the output, ../secret.html");
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
        SiteDiff.Markdown(diff, null).ShouldContain("- `y`: 10 ms -> 15 ms (+50.0%, worse)");
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

/// <summary>The PR comment shows what a page holds and never renders it; damaged manifests are refused with the entry that is wrong.</summary>
public sealed class HostileDiffTests
{
    private static SiteDiffResult OneChange(string key, string before, string after)
        => SiteDiff.Compare(
            [new PageFacts("posts/p/index.html", "1", [new Fact(key, 1, "", before)])],
            [new PageFacts("posts/p/index.html", "2", [new Fact(key, 2, "", after)])]);

    [Fact]
    public void Cell_text_and_keys_reach_the_comment_escaped_never_as_markup()
    {
        var markdown = SiteDiff.Markdown(OneChange("post[a`b](x)", "1 <img src=x onerror=alert(1)>", "2 **bold** [link](https://evil.example) @team #12 $x$"), "https://preview.example.net/pr(1)");

        markdown.ShouldNotContain("<img");
        markdown.ShouldContain("1 &lt;img src=x onerror=alert\\(1\\)&gt;");
        markdown.ShouldContain("2 \\*\\*bold\\*\\* \\[link\\]\\(https\\://evil.example\\) \\@team \\#12 \\$x\\$");
        markdown.ShouldContain("- `post[a'b](x)`: ");
        markdown.ShouldContain("(https://preview.example.net/pr%281%29/posts/p/)");
    }

    [Fact]
    public void A_huge_key_is_cut_in_the_comment_and_the_comment_is_capped()
    {
        var key = new string('k', 10_000_000);
        var markdown = SiteDiff.Markdown(OneChange(key, "1", "2"), null);
        markdown.Length.ShouldBeLessThan(2_000);
        markdown.ShouldContain("k..." + "`");

        var many = Enumerable.Range(0, 3_000).Select(i => new PageFacts("p" + i.ToString("0000", CultureInfo.InvariantCulture) + ".html", "1", [new Fact(new string('x', 150) + i, 1, "", "1")])).ToList();
        var capped = SiteDiff.Markdown(SiteDiff.Compare(many, many.Select(p => p with { Hash = "2", Facts = [p.Facts[0] with { Value = 2, Text = "2" }] }).ToList()), null, maxPages: 3_000, maxFacts: 8);
        capped.Length.ShouldBeLessThanOrEqualTo(SiteDiff.MaxChars);
        capped.ShouldEndWith("... the report is cut here; the HTML report has every change.\n");
    }

    [Fact]
    public void Rows_of_a_table_without_row_headings_are_keyed_by_position_so_each_is_diffed()
    {
        const string Page = "<article id=\"post\"><table><thead><tr><th>GPU</th><th>Speed</th></tr></thead><tbody>"
            + "<tr><td>H100</td><td>{0} tok/s</td></tr><tr><td>H200</td><td>{1} tok/s</td></tr>"
            + "<tr><th>B200</th><td>{2} tok/s</td></tr><tr><th>B200</th><td>{3} tok/s</td></tr></tbody></table></article>";
        var before = FactsManifest.Extract("p.html", string.Format(CultureInfo.InvariantCulture, Page, 10, 20, 30, 40));
        var after = FactsManifest.Extract("p.html", string.Format(CultureInfo.InvariantCulture, Page, 10, 25, 30, 45));

        before.Facts.Select(f => f.Key).ShouldBe(["post[B200].Speed", "post[B200].Speed #2", "post[row 1].Speed", "post[row 2].Speed"], ignoreOrder: true);
        SiteDiff.Compare([before], [after]).Changed.Single().Facts.Select(f => f.Key).ShouldBe(["post[row 2].Speed", "post[B200].Speed #2"]);
    }

    [Theory]
    [InlineData("null", "it is null")]
    [InlineData("[null]", "entry 1 is not a page")]
    [InlineData("[{\"path\":\"a.html\",\"hash\":\"1\",\"facts\":[]},{\"path\":\"a.html\",\"hash\":\"2\",\"facts\":[]}]", "entry 2 repeats the page a.html")]
    [InlineData("[{\"path\":\"a.html\",\"hash\":\"1\",\"facts\":[{\"key\":\"k\",\"value\":1,\"unit\":\"\",\"text\":\"1\"},{\"key\":\"k\",\"value\":2,\"unit\":\"\",\"text\":\"2\"}]}]", "repeats the key k")]
    [InlineData("[{\"path\":\"a.html\",\"hash\":\"1\",\"facts\":[{\"key\":\"k\",\"value\":\"NaN\",\"unit\":\"\",\"text\":\"1\"}]}]", "facts.json:1: the facts manifest is damaged")]
    [InlineData("[{\"path\":\"a.html\",\"hash\":\"1\",\"facts\":[null]}]", "has a fact without a key")]
    [InlineData("[{\"path\":\"a.html\",\"ha", "the facts manifest is damaged")]
    public async Task A_damaged_manifest_is_a_one_line_error_naming_what_is_wrong(string manifest, string expected)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(temp["base/.reports"]).FullName, "facts.json"), "[]");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(temp["head/.reports"]).FullName, "facts.json"), manifest);

        var (code, stdout, stderr) = await CliRunner.RunAsync("diff", temp["base"], temp["head"]);

        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("error: " + Path.Combine(temp["head"], ".reports", "facts.json"));
        stderr.ShouldContain(expected);
        stderr.Trim().ShouldNotContain("\n");
    }

    [Fact]
    public async Task Out_into_a_missing_folder_creates_it()
    {
        using var temp = new TempFolder();
        foreach (var build in new[] { "base", "head" })
        {
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(temp[build + "/.reports"]).FullName, "facts.json"), "[{\"path\":\"a.html\",\"hash\":\"" + build + "\",\"facts\":[]}]");
        }

        var report = Path.Combine(temp["reports"], "pr", "diff.md");
        var (code, _, stderr) = await CliRunner.RunAsync("diff", temp["base"], temp["head"], "--out", report);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        File.ReadAllText(report).ShouldContain("### `a.html`\nmarkup only");
    }
}

/// <summary>The report a reviewer reads first: the data that changed, the edited entity's page, and each change judged where its direction is known.</summary>
public sealed class ReviewerDiffTests
{
    [Fact]
    public async Task A_one_value_edit_opens_the_report_with_that_value_then_the_edited_gpus_page()
    {
        using var temp = new TempFolder();
        var (content, line) = await DiffTests.BuildBaseAndRaiseH100Bandwidth(temp);
        (await CliRunner.RunAsync("build", "--content", content, "--out", temp["head"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);

        var (code, markdown, stderr) = await CliRunner.RunAsync("diff", temp["base"], temp["head"]);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        var lines = markdown.Split('\n');
        lines.First(l => l.StartsWith("- ", StringComparison.Ordinal))
            .ShouldBe($"- `content/data/gpus/h100-sxm.yaml:{line}` `bandwidth.value`: 3.35 -> 3.9 (+16.4%)");
        lines.Count(l => l.StartsWith("- `content/", StringComparison.Ordinal)).ShouldBe(1);
        lines.First(l => l.StartsWith("### `", StringComparison.Ordinal)).ShouldBe("### `gpus/h100-sxm/index.html` (its data changed)");
        markdown.ShouldContain("- `specs[Memory bandwidth].col1`: 3.35 TB/s -> 3.9 TB/s (+16.4%)");
        // More bandwidth, faster decode: judged better, and a lower latency too.
        markdown.ShouldMatch(@"Decode \(1 user\)`: [0-9.,]+ tok/s -> [0-9.,]+ tok/s \(\+[0-9.]+%, better\)");

        var (_, html, _) = await CliRunner.RunAsync("diff", temp["base"], temp["head"], "--format", "html");
        html.IndexOf("<h2>Data changed</h2>", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("gpus/h100-sxm/index.html</a> (its data changed)", StringComparison.Ordinal));
        html.ShouldContain("<td>bandwidth.value</td><td>3.35</td><td>3.9</td>");
        html.ShouldContain("class=\"better\">+");
    }

    [Fact]
    public void Builds_without_an_inputs_record_still_diff_without_a_data_section()
    {
        var a = new PageFacts("a.html", "1", [new Fact("x", 1, "ms", "1 ms")]);
        var diff = SiteDiff.Compare([a], [a with { Hash = "2", Facts = [new Fact("x", 2, "ms", "2 ms")] }]);
        diff.Inputs.ShouldBeNull();
        var markdown = SiteDiff.Markdown(diff, null);
        markdown.ShouldNotContain("Data changed");
        markdown.ShouldContain("- `x`: 1 ms -> 2 ms (+100.0%, worse)");
    }

    [Theory]
    [InlineData("speed[H100].TTFT", "ms", 100, 80, "(-20.0%, better)")]
    [InlineData("speed[H100].Decode (1 user)", "tok/s", 100, 80, "(-20.0%, worse)")]
    [InlineData("cost[H100].Self-hosted $/M tokens", "$/M", 1, 1.5, "(+50.0%, worse)")]
    [InlineData("calibration[TTFT].median", "%", 3.9, 20.1, "(+16.2 pts, worse)")]
    [InlineData("calibration[row].Error", "%", -30, 10, "(+40.0 pts, better)")]
    [InlineData("architecture[Context].col1", "", 8192, 16384, "(+100.0%)")]
    public void Changes_are_sized_in_points_for_percentages_and_judged_where_a_direction_is_known(string key, string unit, double before, double after, string expected)
    {
        string Text(double v) => (unit.StartsWith('$') ? "$" : "") + v.ToString(CultureInfo.InvariantCulture) + (unit.Length > 0 && !unit.StartsWith('$') ? (unit == "%" ? "%" : " " + unit) : "");
        var diff = SiteDiff.Compare(
            [new PageFacts("p.html", "1", [new Fact(key, before, unit, Text(before))])],
            [new PageFacts("p.html", "2", [new Fact(key, after, unit, Text(after))])]);
        SiteDiff.Markdown(diff, null).ShouldContain(expected);
    }

    [Fact]
    public void A_change_of_wording_is_shown_as_text_without_a_percentage()
    {
        var diff = SiteDiff.Compare(
            [new PageFacts("p.html", "1", [new Fact("models[X].Setup", 4, "x FP8", "4 x FP8")])],
            [new PageFacts("p.html", "2", [new Fact("models[X].Setup", 4, "x BF16", "4 x BF16")])]);
        var markdown = SiteDiff.Markdown(diff, null);
        markdown.ShouldContain("- `models[X].Setup`: 4 x FP8 -> 4 x BF16\n");
        markdown.ShouldNotContain("%");
    }

    [Fact]
    public void A_growing_held_out_error_is_a_warning_at_the_top_and_a_shrinking_one_a_note()
    {
        static List<InputValue> Calibration(string median, string p90)
            => [new("content/calibration.yaml", "held_out[TTFT].median", median, 20), new("content/calibration.yaml", "held_out[TTFT].p90", p90, 20), new("content/calibration.yaml", "held_out[TTFT].rows", "22", 20)];
        var page = new PageFacts("p.html", "1", []);

        var grew = SiteDiff.Markdown(SiteDiff.Compare([page], [page], Calibration("0.659", "3.806"), Calibration("0.70", "3.806")), null);
        grew.ShouldStartWith("## Site preview: what changed\n\n> [!WARNING]\n> The speed model's held-out error grew: TTFT median 65.9% -> 70.0% (+4.1 pts, worse).");
        grew.ShouldContain("- `content/calibration.yaml:20` `held_out[TTFT].median`: 0.659 -> 0.70 (+6.2%)");

        var shrank = SiteDiff.Markdown(SiteDiff.Compare([page], [page], Calibration("0.659", "3.806"), Calibration("0.659", "3.5")), null);
        shrank.ShouldContain("> [!NOTE]\n> The speed model's held-out error moved: TTFT p90 380.6% -> 350.0% (-30.6 pts, better).");
        shrank.ShouldNotContain("WARNING");
    }

    [Fact]
    public void Yaml_values_are_keyed_by_path_and_list_items_by_their_names_so_an_insertion_renumbers_nothing()
    {
        const string Before = "id: h100\nbandwidth: { value: 3.35, unit: TB/s }\nrental:\n  - { provider: Lambda, date: 2026-05-07, usd_per_hour: 3.78 }\n  - { provider: AWS, date: 2026-10-10, usd_per_hour: 6.88 }\ncapabilities: [tools, vision]\n";
        const string After = "id: h100\nbandwidth: { value: 3.35, unit: TB/s }\nrental:\n  - { provider: Crusoe, date: 2026-10-10, usd_per_hour: 3.9 }\n  - { provider: Lambda, date: 2026-05-07, usd_per_hour: 3.78 }\n  - { provider: AWS, date: 2026-10-10, usd_per_hour: 6.5 }\ncapabilities: [tools, vision]\n";
        var before = InputsManifest.Flatten("content/data/gpus/h100.yaml", Before);
        before.Select(v => v.Key).ShouldContain("rental[Lambda 2026-05-07].usd_per_hour");
        before.Select(v => v.Key).ShouldContain("capabilities[vision]");

        var changes = InputChange.Compare(before, InputsManifest.Flatten("content/data/gpus/h100.yaml", After));
        changes.Where(c => c.Old is not null && c.New is not null).Select(c => c.Key).ShouldBe(["rental[AWS 2026-10-10].usd_per_hour"]);
        changes.Count(c => c.Old is null).ShouldBe(3); // Crusoe's provider, date and price
        changes[0].OwnPage.ShouldBe("gpus/h100/index.html");
    }
}
