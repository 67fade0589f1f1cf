using System.Globalization;
namespace Reports.Site.Tests;

/// <summary>A rebuild renders only pages whose inputs changed, and leaves unchanged files alone.</summary>
public sealed class IncrementalBuildTests
{
    /// <summary>The repository's calibration.yaml: its header (constants and held-out table) and its comparison rows, one a line.</summary>
    private static (string Head, string[] Rows) RealCalibration()
    {
        var real = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "content", "calibration.yaml"));
        var rows = real.IndexOf("\nrows:", StringComparison.Ordinal);
        return (real[..rows], real[(rows + "\nrows:\n".Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task No_edit_renders_nothing_a_template_edit_renders_its_pages_a_data_edit_renders_what_shows_the_data()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var templates = temp.Copy(TestPaths.Templates, "templates");
        var output = temp["site"];
        async Task<string> Build() => (await CliRunner.RunAsync("build", "--content", content, "--out", output, "--templates", templates)).Stdout;

        (await Build()).ShouldContain("built 25 pages (25 rendered, 0 unchanged)");
        var gpuPage = Path.Combine(output, "gpus", "rtx-4090", "index.html");
        var written = File.GetLastWriteTimeUtc(gpuPage);
        await Task.Delay(20);

        (await Build()).ShouldContain("built 25 pages (0 rendered, 25 unchanged)");
        File.GetLastWriteTimeUtc(gpuPage).ShouldBe(written, "an unchanged page is not rewritten");

        var faq = Path.Combine(templates, "pages", "faq.html");
        File.WriteAllText(faq, File.ReadAllText(faq).Replace("<h1>Frequently asked questions</h1>", "<h1>Questions</h1>", StringComparison.Ordinal));
        (await Build()).ShouldContain("built 25 pages (1 rendered, 24 unchanged)");
        File.ReadAllText(Path.Combine(output, "faq", "index.html")).ShouldContain("<h1>Questions</h1>");

        var partial = Path.Combine(templates, "partials", "gpu-table.html");
        File.WriteAllText(partial, File.ReadAllText(partial).Replace("<caption>Accelerators:", "<caption>GPUs:", StringComparison.Ordinal));
        (await Build()).ShouldContain("built 25 pages (2 rendered, 23 unchanged)"); // home and the GPU index use the partial

        var h100 = Path.Combine(content, "data", "gpus", "h100-sxm.yaml");
        File.WriteAllText(h100, File.ReadAllText(h100).Replace("bandwidth: { value: 3.35, unit: TB/s", "bandwidth: { value: 3.9, unit: TB/s", StringComparison.Ordinal));
        var stdout = await Build();
        stdout.ShouldContain("built 25 pages (");
        stdout.ShouldNotContain("(0 rendered");
        stdout.ShouldContain(" 1 unchanged)"); // only the RTX 4090 page shows nothing of the H100
        File.GetLastWriteTimeUtc(gpuPage).ShouldBe(written);
        File.ReadAllText(Path.Combine(output, "gpus", "h100-sxm", "index.html")).ShouldContain("3.9 TB/s");
    }

    [Fact]
    public async Task A_recalibration_renders_every_page_that_shows_a_speed_again_with_its_new_band()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var output = temp["site"];
        var calibration = Path.Combine(content, "calibration.yaml");
        // The repository's fitted constants and held-out table; the fixture has none of its measurements, so no rows.
        File.WriteAllText(calibration, RealCalibration().Head + "\nrows: []\n");
        async Task<(int Code, string Stdout, string Stderr)> Build() => await CliRunner.RunAsync("build", "--content", content, "--out", output, "--templates", TestPaths.Templates);
        var model = Path.Combine(output, "models", "llama-3-1-8b", "index.html");

        // The single-user decode band of dense models (Llama 3.1 8B is one) as calibrated, and the same band ten points wider.
        var row = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(calibration), "category: \"Single-user decode\", kind: dense, rows: \\d+, sources: \\d+, median: ([0-9.]+)");
        row.Success.ShouldBeTrue();
        var median = double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
        string Band(double m) => "&plusmn;" + (m * 100).ToString("0", CultureInfo.InvariantCulture) + "%<span class=\"sr\"> typical error</span>";

        // Another category's band may round to the same percent, so the old band is counted, not looked for.
        static int Count(string text, string band) => System.Text.RegularExpressions.Regex.Count(text, System.Text.RegularExpressions.Regex.Escape(band));

        var first = await Build();
        first.Stderr.ShouldBeEmpty();
        var before = Count(File.ReadAllText(model), Band(median));
        before.ShouldBeGreaterThan(0);

        File.WriteAllText(calibration, File.ReadAllText(calibration).Replace(row.Value, row.Value.Replace("median: " + row.Groups[1].Value, "median: " + (median + 0.1).ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal), StringComparison.Ordinal));
        var second = await Build();

        second.Stdout.ShouldNotContain("(0 rendered");
        var html = File.ReadAllText(model);
        html.ShouldContain(Band(median + 0.1));
        Count(html, Band(median)).ShouldBeLessThan(before);
    }

    [Fact]
    public async Task A_calibration_that_names_a_measurement_no_longer_in_the_data_is_an_error_at_that_row()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var (head, rows) = RealCalibration();
        var text = head + "\nrows:\n" + rows[0] + "\n";
        File.WriteAllText(Path.Combine(content, "calibration.yaml"), text);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        code.ShouldBe(1);
        var line = text.Split('\n').Length - 1;
        stderr.ShouldContain("calibration.yaml(" + line + ",");
        stderr.ShouldContain("error RPT0010: unknown measurement");
        stderr.ShouldNotContain("Unhandled exception");
    }

    [Fact]
    public async Task An_up_to_date_output_is_left_as_it_is_until_a_file_goes_missing_or_an_asset_changes()
    {
        using var temp = new TempFolder();
        var templates = temp.Copy(TestPaths.Templates, "templates");
        var output = temp["site"];
        async Task<string> Build() => (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", output, "--templates", templates)).Stdout;

        await Build();
        var state = Path.Combine(output, ".reports", "build.json");
        var written = File.GetLastWriteTimeUtc(state);
        await Task.Delay(20);

        (await Build()).ShouldContain("built 25 pages (0 rendered, 25 unchanged)");
        File.GetLastWriteTimeUtc(state).ShouldBe(written, "nothing changed, so nothing is published again");

        File.Delete(Path.Combine(output, "sitemap.xml"));
        await Build();
        File.Exists(Path.Combine(output, "sitemap.xml")).ShouldBeTrue("a file removed from the output is written again");

        var css = Path.Combine(templates, "assets", "site.css");
        File.AppendAllText(css, "\n.bench-marker { color: red; }\n");
        await Build();
        File.ReadAllText(Path.Combine(output, "assets", "site.css")).ShouldContain(".bench-marker");
    }

    [Fact]
    public async Task An_incremental_build_gives_the_same_bytes_as_a_clean_one()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        await CliRunner.RunAsync("build", "--content", content, "--out", temp["incremental"], "--templates", TestPaths.Templates);
        var h100 = Path.Combine(content, "data", "gpus", "h100-sxm.yaml");
        File.WriteAllText(h100, File.ReadAllText(h100).Replace("bandwidth: { value: 3.35, unit: TB/s", "bandwidth: { value: 3.9, unit: TB/s", StringComparison.Ordinal));
        await CliRunner.RunAsync("build", "--content", content, "--out", temp["incremental"], "--templates", TestPaths.Templates);
        await CliRunner.RunAsync("build", "--content", content, "--out", temp["clean"], "--templates", TestPaths.Templates);

        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(temp["incremental"]), TempFolder.Snapshot(temp["clean"]));
    }
}
