using Reports.Site.Building;
using Reports.Site.Publishing;

namespace Reports.Site.Tests;

/// <summary>A failed build must leave the previous site exactly as it was.</summary>
public sealed class PublishSafetyTests
{
    [Fact]
    public async Task A_yaml_typo_fails_the_build_with_its_location_and_keeps_the_previous_output()
    {
        using var temp = new TempFolder();
        var site = await PublishedFixture.Create(temp);
        var content = site.Content;

        var model = Path.Combine(content, "data", "models", "llama-3-1-8b.yaml");
        File.WriteAllText(model, File.ReadAllText(model).Replace("  kv_heads: 8", "  kv_head: 8"));
        var (code, _, stderr) = await site.Rebuild();

        code.ShouldBe(1);
        var line = File.ReadAllLines(model).ToList().FindIndex(l => l.StartsWith("  kv_head: 8", StringComparison.Ordinal)) + 1;
        stderr.ShouldContain(model + "(" + line + ",3): error RPT0002: unknown key 'kv_head' in 'architecture'. Did you mean 'kv_heads'?");
        stderr.ShouldContain("was not changed");
        site.ShouldBeUnchanged();

        Directory.EnumerateDirectories(temp.Root).Select(Path.GetFileName).ShouldNotContain(d => d!.Contains("staging"));
    }

    [Fact]
    public async Task A_template_error_names_the_template_line_and_column_and_keeps_the_previous_output()
    {
        using var temp = new TempFolder();
        var templates = temp.Copy(TestPaths.Templates, "templates");
        var output = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", output, "--templates", templates)).ExitCode.ShouldBe(0);
        var before = TempFolder.Snapshot(output);

        var home = Path.Combine(templates, "pages", "home.html");
        File.WriteAllText(home, "<h1>{{ site.titel }}</h1>\n" + File.ReadAllText(home));
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", output, "--templates", templates);

        code.ShouldBe(1);
        stderr.ShouldContain(home + "(1,");
        stderr.ShouldContain("error RPT1001");
        stderr.ShouldContain("titel");
        TempFolder.Snapshot(output)["index.html"].ShouldBe(before["index.html"]);
    }

    [Theory]
    [InlineData("../escape.html")]
    [InlineData("models/../../escape.html")]
    [InlineData("/etc/passwd")]
    [InlineData("models\\..\\..\\escape.html")]
    public void Staged_output_refuses_paths_that_leave_the_output_folder(string path)
    {
        using var temp = new TempFolder();
        using var staged = StagedOutput.Begin(temp["site"], BuildState.RelativePath);

        Should.Throw<InvalidOperationException>(() => staged.WriteText(path, "x")).Message.ShouldContain("outside the output folder");
        File.Exists(temp["escape.html"]).ShouldBeFalse();
    }

    [Fact]
    public void Abandoned_staging_is_removed_and_the_output_is_not_created()
    {
        using var temp = new TempFolder();
        using (var staged = StagedOutput.Begin(temp["site"], BuildState.RelativePath))
        {
            staged.WriteText("index.html", "half a site");
        }

        Directory.Exists(temp["site"]).ShouldBeFalse();
        Directory.EnumerateDirectories(temp.Root).ShouldBeEmpty();
    }
}

/// <summary>A wrong claim in any post fails the whole build at the post's line and keeps the old site.</summary>
public sealed class PostBuildTests
{
    [Fact]
    public async Task A_wrong_claim_fails_the_build_with_file_line_and_column_and_every_error_is_reported()
    {
        using var temp = new TempFolder();
        var site = await PublishedFixture.Create(temp);
        var content = site.Content;

        var post = Path.Combine(content, "posts", "llama-3-1-70b-vs-llama-3-1-8b.md");
        var text = File.ReadAllText(post)
            .Replace("\"params.total\" \"70B\"", "\"params.total\" \"90B\"", StringComparison.Ordinal)
            .Replace("\"min_gpus.h100-sxm.bf16\" \"4\"", "\"min_gpus.h100-sxm.bf16\" \"2\"", StringComparison.Ordinal);
        File.WriteAllText(post, text);
        File.WriteAllText(Path.Combine(content, "posts", "second.md"), "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: [llama-9]\n---\nx\n");
        var (code, _, stderr) = await site.Rebuild();

        code.ShouldBe(1);
        var lines = File.ReadAllLines(post);
        var first = Array.FindIndex(lines, l => l.Contains("\"90B\"", StringComparison.Ordinal)) + 1;
        var second = Array.FindIndex(lines, l => l.Contains("\"min_gpus.h100-sxm.bf16\" \"2\"", StringComparison.Ordinal)) + 1;
        stderr.ShouldContain(post + "(" + first + ",");
        stderr.ShouldContain("error RPT2007: the post says llama-3-1-70b params.total is '90B', but the catalog says 70B");
        stderr.ShouldContain(post + "(" + second + ",");
        stderr.ShouldContain(Path.Combine(content, "posts", "second.md") + "(5,10): error RPT2002");
        site.ShouldBeUnchanged();
    }

    [Fact]
    public async Task A_data_edit_that_refutes_a_claim_fails_the_next_build_though_the_post_did_not_change()
    {
        // The post reads well and its page was published; its claims are checked again when the numbers under it move.
        using var temp = new TempFolder();
        var site = await PublishedFixture.Create(temp);
        var content = site.Content;

        var gpu = Path.Combine(content, "data", "gpus", "h100-sxm.yaml");
        File.WriteAllText(gpu, File.ReadAllText(gpu).Replace("memory: { value: 80, unit: GB", "memory: { value: 141, unit: GB", StringComparison.Ordinal));
        var (code, _, stderr) = await site.Rebuild();

        code.ShouldBe(1);
        var post = Path.Combine(content, "posts", "llama-3-1-70b-vs-llama-3-1-8b.md");
        var line = Array.FindIndex(File.ReadAllLines(post), l => l.Contains("min_gpus.h100-sxm.bf16", StringComparison.Ordinal)) + 1;
        stderr.ShouldContain(post + "(" + line + ",");
        stderr.ShouldContain("error RPT2007: the post says llama-3-1-70b min_gpus.h100-sxm.bf16 is '4'");
        site.ShouldBeUnchanged();
    }

    [Fact]
    public async Task Drafts_are_checked_but_not_published()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        File.WriteAllText(Path.Combine(content, "posts", "draft.md"), "---\ntitle: Draft\ndate: 2026-01-01\nsummary: S\nmodels: []\ndraft: true\n---\n{{ claim \"llama-3-1-8b\" \"layers\" \"32\" }}\n");
        (await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        Directory.Exists(temp["site/posts/draft"]).ShouldBeFalse();

        File.WriteAllText(Path.Combine(content, "posts", "draft.md"), "---\ntitle: Draft\ndate: 2026-01-01\nsummary: S\nmodels: []\ndraft: true\n---\n{{ claim \"llama-3-1-8b\" \"layers\" \"33\" }}\n");
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);
        code.ShouldBe(1);
        stderr.ShouldContain("draft.md(8,4): error RPT2007");
    }
}
