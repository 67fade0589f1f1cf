using CsCheck;

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

    /// <summary>Values are encoded as they are written into the page; the bytes must be the framework encoder's, character for character.</summary>
    [Fact]
    public void A_printed_value_is_encoded_exactly_as_WebUtility_HtmlEncode_encodes_it()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["t/pages"]);
        File.WriteAllText(temp["t/pages/p.html"], "[{{ v }}]");
        var templates = new Reports.Site.Rendering.TemplateSet(temp["t"]);

        // Plain text, markup, Latin-1's upper half, other BMP letters, emoji pairs and lone surrogate halves.
        var ch = Gen.OneOf(Gen.Char['a', 'z'], Gen.OneOfConst('<', '>', '"', '\'', '&', ' ', '\n'), Gen.Char['\u0080', '\u0130'], Gen.Char['\u2000', '\u2200'], Gen.Char['\uD800', '\uDFFF']);
        var text = Gen.OneOf(ch.Array[0, 40].Select(c => new string(c)), Gen.OneOfConst("\uD83D\uDE80 rocket", "x\uD83D", "\uDE80y", "1,175 ms \u00b1 18%"));
        text.Sample(value =>
        {
            var rendered = templates.Render("pages/p.html", new Dictionary<string, object?> { ["v"] = value }, CancellationToken.None);
            rendered.ShouldBe("[" + System.Net.WebUtility.HtmlEncode(value) + "]");
        });
    }
}

/// <summary>Templates read only the templates folder, and a page is rendered whole however long it is.</summary>
public sealed class TemplateBoundaryTests
{
    private static Reports.Site.Rendering.TemplateSet Templates(TempFolder temp, string page, params (string Name, string Text)[] partials)
    {
        Directory.CreateDirectory(temp["t/pages"]);
        Directory.CreateDirectory(temp["t/partials"]);
        File.WriteAllText(temp["t/pages/p.html"], page);
        foreach (var (name, text) in partials)
        {
            File.WriteAllText(Path.Combine(temp["t/partials"], name), text);
        }

        return new Reports.Site.Rendering.TemplateSet(temp["t"]);
    }

    [Theory]
    [InlineData("{{ include \"/etc/passwd\" }}", "is not one")]
    [InlineData("{{ include \"../../../etc/passwd\" }}", "leaves the partials folder")]
    [InlineData("{{ include \"link.html\" }}", "outside the templates folder")]
    public void An_include_outside_the_templates_folder_is_an_error_at_the_include(string page, string words)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["secret.txt"], "root:x:0:0");
        var templates = Templates(temp, "line 1\n" + page);
        File.CreateSymbolicLink(temp["t/partials/link.html"], temp["secret.txt"]);

        var error = Should.Throw<Reports.Site.Rendering.TemplateException>(() => templates.Render("pages/p.html", new Dictionary<string, object?>(), CancellationToken.None));

        error.Message.ShouldStartWith(temp["t/pages/p.html"] + "(2,");
        error.Message.ShouldContain(words);
        error.Message.ShouldNotContain("root:x");
    }

    [Fact]
    public void A_page_over_a_million_characters_is_rendered_whole()
    {
        using var temp = new TempFolder();
        var templates = Templates(temp, "<main>{{ for i in 1..150000 }}<p>{{ i }}</p>{{ end }}{{ big }}</main>");

        var html = templates.Render("pages/p.html", new Dictionary<string, object?> { ["big"] = new string('x', 1_500_000) }, CancellationToken.None);

        html.Length.ShouldBeGreaterThan(2_500_000);
        html.ShouldEndWith(new string('x', 1_000) + "</main>");
        html.ShouldContain("<p>150000</p>");
    }
}
