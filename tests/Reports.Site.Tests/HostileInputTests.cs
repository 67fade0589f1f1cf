using System.Diagnostics;
using System.Text;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Site.Posts;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Loading;

namespace Reports.Site.Tests;

/// <summary>Content that tries to break the build: each gives a located error or safe output, fast.</summary>
public sealed class HostileInputTests
{
    private static string Hostile(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "hostile", name);

    private static string Gpu => File.ReadAllText(Path.Combine(TestPaths.BasicFixture, "data", "gpus", "rtx-4090.yaml"));

    private static ContentFile LoadGpu(string text, string path = "/c/data/gpus/rtx-4090.yaml") => ContentFile.Load(path, ContentKind.Gpu, text);

    [Fact]
    public async Task Script_tags_quotes_and_scriban_delimiters_in_every_string_field_render_escaped()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        File.Copy(Hostile("strings-model.yaml"), Path.Combine(content, "data", "models", "llama-3-1-8b.yaml"), overwrite: true);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        foreach (var file in Directory.EnumerateFiles(temp["site"], "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(file);
            html.ShouldNotContain("<script>alert", customMessage: file);
        }

        var page = File.ReadAllText(temp["site/models/llama-3-1-8b/index.html"]);
        page.ShouldContain("<h1 data-pagefind-weight=\"10\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39; {{ site.title }} {% raw %}</h1>");
        page.ShouldContain("<dt>Family</dt><dd>&lt;script&gt;");
        File.ReadAllText(temp["site/api/models/llama-3-1-8b.json"]).ShouldContain("\\u003Cscript\\u003E");
    }

    [Fact]
    public void Ids_with_path_separators_uppercase_or_unicode_are_refused_at_the_id()
    {
        foreach (var id in File.ReadAllLines(Hostile("bad-ids.txt")).Where(l => l.Length > 0))
        {
            var file = LoadGpu(Gpu.Replace("id: rtx-4090", "id: \"" + id + "\"", StringComparison.Ordinal));
            var error = file.Diagnostics.ShouldHaveSingleItem(id);
            (error.Id, error.Line, error.Column).ShouldBe((DiagnosticIds.BadSlug, 1, 5), id);
        }

        // A file name that is not a slug is refused even when the id inside is fine.
        LoadGpu(Gpu, "/c/data/gpus/RTX 4090.yaml").Diagnostics.Select(d => d.Id).ShouldContain(DiagnosticIds.BadSlug);
    }

    [Theory]
    [InlineData("1e400", "must be a finite number")]
    [InlineData("-80", "must be greater than 0, found -80")]
    [InlineData("0", "must be greater than 0, found 0")]
    [InlineData(".nan", "must be a number")]
    [InlineData(".inf", "must be a number")]
    [InlineData("-.inf", "must be a number")]
    [InlineData("NaN", "must be a finite number")]
    public void Huge_negative_zero_nan_and_infinite_memory_is_refused_at_the_value(string value, string words)
    {
        var file = LoadGpu(Gpu.Replace("memory: { value: 24,", "memory: { value: " + value + ",", StringComparison.Ordinal));

        var error = file.Diagnostics.ShouldHaveSingleItem(value);
        error.Id.ShouldBeOneOf(DiagnosticIds.ImpossibleValue, DiagnosticIds.WrongType);
        error.Message.ShouldContain(words);
        error.Line.ShouldBe(Gpu.Split('\n').ToList().FindIndex(l => l.StartsWith("memory:", StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_its_line_and_a_bom_with_crlf_loads()
    {
        var invalid = ContentDirectory.ReadText(Hostile("invalid-utf8.yaml"));
        var error = LoadGpu(invalid).Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line, error.Column).ShouldBe((DiagnosticIds.YamlSyntax, 3, 16));
        error.Message.ShouldContain("not valid UTF-8");

        var clean = LoadGpu(ContentDirectory.ReadText(Hostile("bom-crlf.yaml")));
        clean.Diagnostics.ShouldBeEmpty();
        ((GpuData)clean.Entity!).Name.ShouldBe("NVIDIA GeForce RTX 4090");
    }

    [Fact]
    public void A_duplicate_key_is_an_error_at_the_second_key()
    {
        var error = LoadGpu(File.ReadAllText(Hostile("duplicate-keys.yaml"))).Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((DiagnosticIds.YamlSyntax, 6));
        error.Message.ShouldContain("Duplicate key");
    }

    [Fact]
    public void A_10_mb_string_is_refused_quickly()
    {
        var clock = Stopwatch.StartNew();
        var file = LoadGpu(Gpu.Replace("name: ", "name: " + new string('x', 10_000_000) + " ", StringComparison.Ordinal));

        var error = file.Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line, error.Column).ShouldBe((DiagnosticIds.ImpossibleValue, 2, 7));
        error.Message.ShouldContain("the limit is 20,000");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a bound for a hang, not a speed target");
    }

    [Fact]
    public void Thousand_deep_nesting_is_an_error_not_a_crash()
    {
        var deep = new string('[', 1000) + new string(']', 1000);
        var text = System.Text.RegularExpressions.Regex.Replace(Gpu, "^interconnect: .*$", "interconnect: " + deep, System.Text.RegularExpressions.RegexOptions.Multiline);
        var error = LoadGpu(text).Diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe(DiagnosticIds.WrongType);
        error.Message.ShouldContain("'interconnect' must be a mapping");
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (i - 1), 10))).Append("]\n");
        }

        var text = Gpu + bomb + "capabilities: *a9\n";
        var clock = Stopwatch.StartNew();
        var file = LoadGpu(text);

        file.Diagnostics.Select(d => d.Id).ShouldAllBe(id => id == DiagnosticIds.UnknownKey);
        file.Diagnostics.Count.ShouldBe(11);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a bound for a hang, not a speed target");
    }

    [Fact]
    public void Javascript_and_data_links_fail_the_post_and_raw_html_is_escaped()
    {
        var site = new SiteModel(Reports.Specs.Catalog.Catalog.Compiled);
        var path = Hostile("post-links.md");
        var compiler = new PostCompiler(site);

        var (_, errors) = compiler.Compile(path, File.ReadAllText(path));
        errors.Select(e => (e.Id, e.Line)).ShouldBe([(DiagnosticCodes.UnsafeLink, 11), (DiagnosticCodes.UnsafeLink, 13)]);

        var safe = File.ReadAllText(path).Replace("[bad](javascript:alert(1))", "", StringComparison.Ordinal).Replace("[worse](data:text/html;base64,PHNjcmlwdD4=)", "", StringComparison.Ordinal);
        var (post, none) = compiler.Compile(path, safe);
        none.ShouldBeEmpty();
        post!.BodyHtml.ShouldNotContain("<script>");
        post.BodyHtml.ShouldNotContain("<img");
        post.BodyHtml.ShouldContain("&lt;img src=x onerror=alert(1)&gt;");
        post.BodyHtml.ShouldContain("<a href=\"mailto:a@example.org\">");
    }

    [Theory]
    [InlineData("endless-loop.html", "loop")]
    [InlineData("deep-recursion.html", "recurs")]
    public async Task A_template_that_never_ends_stops_at_its_limit_with_the_template_line(string template, string words)
    {
        using var temp = new TempFolder();
        var templates = temp.Copy(TestPaths.Templates, "templates");
        File.Copy(Hostile(template), Path.Combine(templates, "pages", "faq.html"), overwrite: true);
        var clock = Stopwatch.StartNew();

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", templates);

        code.ShouldBe(1);
        stderr.ShouldContain(Path.Combine(templates, "pages", "faq.html") + "(");
        stderr.ShouldContain("error RPT1001");
        stderr.ToLowerInvariant().ShouldContain(words);
        Directory.Exists(temp["site"]).ShouldBeFalse();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "a bound for a hang, not a speed target");
    }
}

/// <summary>Numbers that would publish Infinity, NaN or an overflowed count are refused at their YAML line.</summary>
public sealed class NumberRangeTests
{
    private static string SiteYaml => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "content", "site.yaml"));

    private static string Model => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "content", "data", "models", "deepseek-r1.yaml"));

    private static int LineOf(string text, string needle) => text.Split('\n').ToList().FindIndex(l => l.Contains(needle, StringComparison.Ordinal)) + 1;

    private static string SetAssumption(string yaml, string id, string value)
    {
        var lines = yaml.Split('\n').ToList();
        var at = lines.FindIndex(l => l.Trim() == "- id: " + id);
        lines[at + 1] = "    value: " + value;
        return string.Join('\n', lines);
    }

    [Theory]
    [InlineData("usable_memory_fraction", "-1")]
    [InlineData("usable_memory_fraction", "0")]
    [InlineData("usable_memory_fraction", "1.5")]
    [InlineData("int4_group_size", "-128")]
    [InlineData("int4_group_size", "0")]
    [InlineData("int4_group_size", "12.5")]
    [InlineData("utilization", "0")]
    [InlineData("monthly_input_share", "2")]
    [InlineData("gate_min_ttft_ms", "-5")]
    [InlineData("claim_tolerance_estimated", "7")]
    public void An_assumption_outside_its_range_is_an_error_at_its_value(string id, string value)
    {
        var yaml = SetAssumption(SiteYaml, id, value);

        var file = ContentFile.Load("/c/site.yaml", ContentKind.Site, yaml);

        var error = file.Diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe(DiagnosticIds.ImpossibleValue);
        error.Line.ShouldBe(LineOf(yaml, "- id: " + id) + 1);
        error.Message.ShouldContain("assumption '" + id + "'");
        error.Message.ShouldContain("it must be ");
    }

    [Fact]
    public void Every_assumption_the_estimators_read_must_be_set_and_unknown_ones_are_named()
    {
        var yaml = SiteYaml.Replace("- id: claim_tolerance_sourced", "- id: claim_tolerance_sorced", StringComparison.Ordinal);

        var diagnostics = ContentFile.Load("/c/site.yaml", ContentKind.Site, yaml).Diagnostics;

        diagnostics.Select(d => d.Id).Order().ShouldBe(new[] { DiagnosticIds.UnknownKey, DiagnosticIds.SiteSettings }.Order());
        diagnostics.Single(d => d.Id == DiagnosticIds.UnknownKey).Message.ShouldContain("Did you mean 'claim_tolerance_sourced'");
        diagnostics.Single(d => d.Id == DiagnosticIds.SiteSettings).Message.ShouldContain("must set the assumption claim_tolerance_sourced");
    }

    [Theory]
    [InlineData("    kv_lora_rank: 512", "    kv_lora_rank: 2147483647")]
    [InlineData("  layers: 61", "  layers: 400000000")]
    [InlineData("total: { value: 671e9", "total: { value: 1.7e308")]
    public void A_count_or_quantity_beyond_any_real_model_is_an_error_at_its_line(string from, string to)
    {
        Model.ShouldContain(from);
        var yaml = Model.Replace(from, to, StringComparison.Ordinal);

        var file = ContentFile.Load("/c/data/models/deepseek-r1.yaml", ContentKind.Model, yaml);

        // The refused value also leaves the rules that read it without a number; the first error is the cause.
        var error = file.Diagnostics.Where(d => d.Message.Contains("must be at most", StringComparison.Ordinal)).ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((DiagnosticIds.ImpossibleValue, LineOf(yaml, to.Trim())));
    }

    [Fact]
    public async Task An_empty_request_mix_list_falls_back_to_the_chat_turn_on_every_page()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var site = Path.Combine(content, "site.yaml");
        var text = File.ReadAllText(site);
        var start = text.IndexOf("request_mixes:", StringComparison.Ordinal);
        var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        File.WriteAllText(site, text[..start] + "request_mixes: []" + text[end..]);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        var page = File.ReadAllText(temp["site/models/llama-3-1-8b/index.html"]);
        page.ShouldContain("Speed is for a chat turn of 1,000 input and 300 output tokens");
    }
}
