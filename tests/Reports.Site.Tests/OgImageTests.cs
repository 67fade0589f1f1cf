using System.Buffers.Binary;
using Reports.Site.Rendering;

namespace Reports.Site.Tests;

/// <summary>The files written beside a page: social cards (a 1200 x 630 PNG beside each model, accelerator and post page, named in its meta tags, the same bytes for the same card) and a model page's frontier points.</summary>
public sealed class OgImageTests
{
    [Fact]
    public async Task Model_accelerator_and_post_pages_get_a_card_their_meta_tags_name_and_check_finds_a_missing_one()
    {
        using var temp = new TempFolder();
        var site = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates, "--base-url", "https://example.org/docs/")).ExitCode.ShouldBe(0);

        foreach (var page in new[] { "models/llama-3-1-8b/", "gpus/h100-sxm/", "posts/llama-3-1-70b-vs-llama-3-1-8b/" })
        {
            var (width, height) = PngSize(File.ReadAllBytes(Path.Combine(site, page, "og.png")));
            (width, height).ShouldBe((1200, 630), page);
            var html = File.ReadAllText(Path.Combine(site, page, "index.html"));
            html.ShouldContain("<meta property=\"og:image\" content=\"https://example.org/docs/" + page + "og.png\">");
            html.ShouldContain("<meta name=\"twitter:card\" content=\"summary_large_image\">");
        }

        File.Exists(Path.Combine(site, "models", "index.html")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(site, "models", "index.html")).ShouldNotContain("og:image");
        (await CliRunner.RunAsync("check", site)).ExitCode.ShouldBe(0);

        File.Delete(Path.Combine(site, "gpus", "h100-sxm", "og.png"));
        var (code, stdout, stderr) = await CliRunner.RunAsync("check", site);
        code.ShouldNotBe(0);
        (stdout + stderr).ShouldContain("og:image https://example.org/docs/gpus/h100-sxm/og.png is not in the site");

        // The next build puts it back: a card is part of its page.
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates, "--base-url", "https://example.org/docs/")).ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(site, "gpus", "h100-sxm", "og.png")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_model_pages_frontier_points_sit_beside_it_check_finds_a_missing_file_and_the_next_build_puts_it_back()
    {
        using var temp = new TempFolder();
        var site = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var page = Path.Combine(site, "models", "llama-3-1-8b");
        File.ReadAllText(Path.Combine(page, "index.html")).ShouldContain("<form class=\"target-form\" data-points=\"frontier.json\"");
        var points = File.ReadAllText(Path.Combine(page, "frontier.json"));
        using (var json = System.Text.Json.JsonDocument.Parse(points))
        {
            json.RootElement.GetArrayLength().ShouldBeGreaterThan(0);
        }

        File.Delete(Path.Combine(page, "frontier.json"));
        var (code, stdout, stderr) = await CliRunner.RunAsync("check", site);
        code.ShouldNotBe(0);
        (stdout + stderr).ShouldContain("link to 'frontier.json' does not resolve to a file in the site");

        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        File.ReadAllText(Path.Combine(page, "frontier.json")).ShouldBe(points);
        (await CliRunner.RunAsync("check", site)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void The_same_card_draws_the_same_bytes_and_a_changed_figure_draws_different_ones()
    {
        var card = new OgCard("Model", "Llama 3.1 8B", "Meta · dense · 8B parameters", [new("Weights at FP8", "8 GB"), new("Decode, 1 user", "186 tok/s")]);
        var first = OgImage.Render(card, "LLM Deployment Reports");
        OgImage.Render(card, "LLM Deployment Reports").ShouldBe(first);
        OgImage.Render(card with { Figures = [new("Weights at FP8", "8 GB"), new("Decode, 1 user", "187 tok/s")] }, "LLM Deployment Reports").ShouldNotBe(first);
        PngSize(first).ShouldBe((1200, 630));
    }

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        png.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
