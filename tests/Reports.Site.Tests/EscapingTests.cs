namespace Reports.Site.Tests;

/// <summary>Content is data, never markup: every string a template prints is HTML-encoded.</summary>
public sealed class EscapingTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & 'q' {{ site.title }}";

    [Fact]
    public async Task A_hostile_model_name_and_vendor_render_escaped_on_every_page()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var model = Path.Combine(content, "data", "models", "llama-3-1-8b.yaml");
        var text = File.ReadAllText(model)
            .Replace("name: Llama 3.1 8B", "name: '" + Hostile.Replace("'", "''") + "'")
            .Replace("vendor: Meta", "vendor: '" + Hostile.Replace("'", "''") + "'");
        File.WriteAllText(model, text);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        var pages = Directory.EnumerateFiles(temp["site"], "*.html", SearchOption.AllDirectories).ToList();
        pages.Count.ShouldBeGreaterThan(10);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            html.ShouldNotContain("<script>", customMessage: page);
            html.ShouldNotContain("alert(\"x\")", customMessage: page);
        }

        // Where the name is printed, it is printed encoded, Scriban delimiters and all.
        foreach (var page in new[] { "index.html", "models/llama-3-1-8b/index.html", "compare/llama-3-1-70b-vs-llama-3-1-8b/index.html", "faq/index.html" })
        {
            File.ReadAllText(temp["site/" + page]).ShouldContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; {{ site.title }}", customMessage: page);
        }

        // In JSON-LD the encoder escapes < so the script element cannot be closed early.
        File.ReadAllText(temp["site/models/llama-3-1-8b/index.html"]).ShouldContain("\\u003Cscript\\u003Ealert");
    }
}
