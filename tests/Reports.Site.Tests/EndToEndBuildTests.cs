namespace Reports.Site.Tests;

/// <summary>YAML in, HTML out: the fixture tree built through the CLI as a user would.</summary>
public sealed class EndToEndBuildTests
{
    [Fact]
    public async Task Building_the_fixture_writes_a_home_page_that_links_every_model_page()
    {
        using var temp = new TempFolder();
        var output = temp["site"];

        var (code, stdout, stderr) = await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", output, "--templates", TestPaths.Templates);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        stdout.ShouldContain("built 25 pages");
        var home = File.ReadAllText(Path.Combine(output, "index.html"));
        foreach (var id in new[] { "llama-3-1-8b", "gpt-oss-20b" })
        {
            home.ShouldContain("href=\"./models/" + id + "/\"");
            File.Exists(Path.Combine(output, "models", id, "index.html")).ShouldBeTrue();
        }

        File.Exists(Path.Combine(output, "assets", "site.css")).ShouldBeTrue();
    }

    [Fact]
    public async Task Model_page_shows_sourced_facts_with_links_to_their_sources()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates);

        var page = File.ReadAllText(temp["site/models/llama-3-1-8b/index.html"]);
        page.ShouldContain("<h1 data-pagefind-weight=\"10\">Llama 3.1 8B</h1>");
        page.ShouldContain("<tr><th scope=\"row\">Query heads / KV heads</th><td class=\"num\">32 / 8</td></tr>");
        page.ShouldContain("131,072 tokens");
        page.ShouldContain("<link rel=\"canonical\" href=\"https://llm-reports.example.org/models/llama-3-1-8b/\">");
        // The Groq price comes with its date and a link to where it was read.
        page.ShouldContain("<time datetime=\"2026-06-08\">2026-06-08</time>");
        page.ShouldContain("href=\"https://github.com/builderz-labs/mission-control/pull/736\"");
    }

    [Fact]
    public async Task Building_twice_gives_the_same_bytes()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["a"], "--templates", TestPaths.Templates);
        await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["b"], "--templates", TestPaths.Templates);

        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(temp["b"]), TempFolder.Snapshot(temp["a"]));
    }

    [Fact]
    public async Task Base_url_option_overrides_site_yaml_for_canonical_links()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates, "--base-url", "https://preview.example.net/pr-7");

        File.ReadAllText(temp["site/index.html"]).ShouldContain("<link rel=\"canonical\" href=\"https://preview.example.net/pr-7/\">");
    }
}
