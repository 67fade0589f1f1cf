using AngleSharp.Html.Parser;
using Reports.Site.Building;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Site.Posts;

namespace Reports.Site.Tests;

/// <summary>Posts written to publish script, unsafe URLs or broken markup: each is text or a located error.</summary>
public sealed class HostilePostTests
{
    private const string Front = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: [llama-3-1-8b]\n---\n";

    // Line 7 is the first body line of a post starting with Front.
    private const int FirstBodyLine = 7;

    private static readonly SiteModel Site = new(Reports.Specs.Catalog.Catalog.Compiled);

    private static string Hostile(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "hostile", name);

    private static (CompiledPost? Post, IReadOnlyList<Reports.Specs.Content.ContentDiagnostic> Diagnostics) Compile(string body, string name = "/posts/p.md")
        => new PostCompiler(Site).Compile(name, Front + body);

    [Fact]
    public void Generic_attributes_media_links_and_containers_publish_as_text_in_a_post_without_html()
    {
        var path = Hostile("post-markup.md");
        var (post, diagnostics) = new PostCompiler(Site).Compile(path, File.ReadAllText(path));

        diagnostics.ShouldBeEmpty();
        var body = new HtmlParser().ParseDocument(post!.BodyHtml).Body!;
        var elements = body.QuerySelectorAll("*").ToList();
        elements.SelectMany(e => e.Attributes.Select(a => a.Name)).Distinct().Order().ShouldBe(["alt", "class", "href", "id", "src"]);
        body.QuerySelectorAll("[class]").Select(e => e.ClassName).ShouldBe(["language-mermaid"]);
        elements.Select(e => e.LocalName).ShouldNotContain("iframe");
        elements.Select(e => e.LocalName).ShouldNotContain("video");
        body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldBe(["https://example.org/"]);
        body.QuerySelector("h2")!.TextContent.ShouldContain("{autofocus tabindex=0 onfocus=\"alert(1)\"}");
        body.QuerySelectorAll("div").ShouldBeEmpty();
        post.BodyHtml.ShouldContain("::: warning");
    }

    [Fact]
    public void Every_url_an_element_carries_is_held_to_the_scheme_allow_list_at_its_line()
    {
        var path = Hostile("post-schemes.md");
        var lines = File.ReadAllLines(path);
        int Line(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;

        var (post, diagnostics) = new PostCompiler(Site).Compile(path, File.ReadAllText(path));

        post.ShouldBeNull();
        diagnostics.ShouldAllBe(d => d.Id == DiagnosticCodes.UnsafeLink);
        diagnostics.Select(d => d.Line).Distinct().Order().ShouldBe(
            new[] { "<JaVaScRiPt:", "<data:", "<vbscript:", "![img]", "[ref link]", "[evil]: ", "[entity]", "[tab]", "[file]" }.Select(Line).Order());
        diagnostics.Select(d => d.Message).ShouldContain(m => m.Contains("scheme 'javascript:'", StringComparison.Ordinal));
        diagnostics.Select(d => d.Message).ShouldContain(m => m.Contains("scheme 'vbscript:'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://example.org", "https")]
    [InlineData("../../models/", "")]
    [InlineData("#kv", "")]
    [InlineData("mailto:a@example.org", "mailto")]
    [InlineData("JaVaScRiPt:alert(1)", "javascript")]
    [InlineData(" \u0001javascript:alert(1)", "javascript")]
    [InlineData("java\tscr\nipt:alert(1)", "javascript")]
    [InlineData("../a:b", "")]
    [InlineData("C:\\windows", "c")]
    public void The_scheme_is_read_as_a_browser_reads_it(string url, string scheme)
        => UrlPolicy.SchemeOf(url).ShouldBe(scheme);

    [Theory]
    [InlineData("<p onclick=\"x()\">hi</p>", false, "'onclick'")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>", false, "<iframe>")]
    [InlineData("<table><tr><td style=\"position: fixed\">x</td></tr></table>", false, "style")]
    [InlineData("<input type=\"text\">", false, "task-list")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", true, "javascript")]
    [InlineData("<img src=\" data:text/html,x\">", true, "data")]
    public void The_markup_guard_refuses_what_markdown_never_needs(string html, bool allowHtml, string words)
        => MarkupGuard.Problems(html, allowHtml).ShouldHaveSingleItem().ShouldContain(words);

    [Fact]
    public void The_markup_guard_passes_what_the_safe_pipeline_renders_from_ordinary_markdown()
    {
        var (post, diagnostics) = Compile("# H\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n\nA[^1] *em* **b** ~~d~~ `c` ![i](https://example.org/i.png)\n\n> [!NOTE]\n> n\n\n[^1]: note\n");

        diagnostics.ShouldBeEmpty();
        MarkupGuard.Problems(post!.BodyHtml, allowHtml: false).ShouldBeEmpty();
        post.BodyHtml.ShouldContain("style=\"text-align: right;\"");
    }

    [Fact]
    public void Private_use_characters_that_were_once_placeholders_are_only_text()
    {
        // Data tags are nodes of the Markdown tree now, not placeholders spliced into its HTML: no character is reserved.
        var (post, diagnostics) = Compile("fine\n\nnot \uE000b0\uE001 fine and {{ spec \"llama-3-1-8b\" \"params.total\" }}\n");

        diagnostics.ShouldBeEmpty();
        post!.BodyHtml.ShouldContain("<p>not \uE000b0\uE001 fine and <a ");
    }

    [Fact]
    public void Text_that_looks_like_an_old_placeholder_is_only_text()
    {
        var (post, diagnostics) = Compile("zzrpt0zz and zzrpt99zz and {{ spec \"llama-3-1-8b\" \"params.total\" }}\n");

        diagnostics.ShouldBeEmpty();
        post!.BodyHtml.ShouldStartWith("<p>zzrpt0zz and zzrpt99zz and <a ");
    }

    [Fact]
    public void A_paragraph_that_starts_with_a_data_tag_keeps_its_paragraph()
    {
        var (post, diagnostics) = Compile("{{ spec \"llama-3-1-8b\" \"params.total\" }} parameters.\n\n{{ memory_table \"llama-3-1-8b\" }}\n\nAfter.\n");

        diagnostics.ShouldBeEmpty();
        var html = post!.BodyHtml;
        html.ShouldStartWith("<p><a ");
        html.ShouldNotContain("<p><table");
        html.ShouldNotContain("<p><div");
        System.Text.RegularExpressions.Regex.Matches(html, "<p>").Count.ShouldBe(System.Text.RegularExpressions.Regex.Matches(html, "</p>").Count);
        html.ShouldContain("<p>After.</p>");
    }

    [Theory]
    [InlineData("[x](https://example.org/{{ spec \"llama-3-1-8b\" \"params.total\" }})\n", "inside a link target")]
    [InlineData("[{{ spec \"llama-3-1-8b\" \"params.total\" }}](https://example.org/)\n", "inside a link's text")]
    [InlineData("`{{ spec \"llama-3-1-8b\" \"params.total\" }}`\n", "inside code")]
    [InlineData("Before {{ memory_table \"llama-3-1-8b\" }} after.\n", "on a line of its own")]
    [InlineData("## {{ memory_table \"llama-3-1-8b\" }}\n", "on a line of its own")]
    public void A_data_tag_where_its_html_would_break_the_markup_is_an_error_at_its_line(string body, string words)
    {
        var (post, diagnostics) = Compile("Intro.\n\n" + body);

        post.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((DiagnosticCodes.MisplacedDataTag, FirstBodyLine + 2));
        error.Message.ShouldContain(words);
    }

    [Theory]
    [InlineData("> ", 1_000)]
    [InlineData("- ", 2_000)]
    [InlineData("*", 50_000)]
    [InlineData("[", 100_000)]
    [InlineData("<span>", 50_000)]
    public void Deeply_nested_markdown_is_a_located_error_or_safe_text_never_a_crash(string unit, int repeat)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat)) + "x\n";

        var (post, diagnostics) = Compile(text);

        if (post is null)
        {
            var error = diagnostics.ShouldHaveSingleItem();
            (error.Id, error.Line).ShouldBe((DiagnosticCodes.TooDeep, FirstBodyLine));
        }
        else
        {
            diagnostics.ShouldBeEmpty();
            post.BodyHtml.ShouldNotContain("<span>");
        }
    }

    [Theory]
    [InlineData(200_000)]
    [InlineData(300)]
    public void Html_nested_deeper_than_a_browser_builds_is_an_error_at_the_post_before_any_tree_is_built(int depth)
    {
        var text = "---\ntitle: Deep\ndate: 2026-01-01\nsummary: s\nallow_html: true\n---\n"
            + string.Concat(Enumerable.Repeat("<span>", depth)) + "x" + string.Concat(Enumerable.Repeat("</span>", depth)) + "\n";

        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/deep.md", text);

        post.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe(DiagnosticCodes.UnsafeMarkup);
        error.Message.ShouldContain("nest more than " + MarkupGuard.MaxDepth + " deep");
    }

    [Fact]
    public void A_claim_value_longer_than_a_number_is_refused_before_any_pattern_runs()
    {
        ClaimValue.TryParse("~" + new string(' ', 3_000) + "5 GB", out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain("at most " + ClaimValue.MaxLength + " characters");

        ClaimValue.TryParse("about   ~220 GB".Replace("~", "", StringComparison.Ordinal), out var none).ShouldNotBeNull().Candidates.ShouldBe([220e9]);
        none.ShouldBeNull();
    }
}

public sealed class PublishedNumberTests
{
    [Fact]
    public void A_json_file_that_cannot_hold_its_number_fails_the_build_naming_the_file_before_it_and_publishes_nothing()
    {
        using var temp = new TempFolder();
        var files = new[] { "api/models/a.json", "api/models/b.json" }.Select(path => (path, path.EndsWith("b.json", StringComparison.Ordinal) ? System.Text.Json.JsonSerializer.Serialize(double.NaN) : "{}"));

        BuildFailedException failure;
        using (var staged = Reports.Site.Publishing.StagedOutput.Begin(temp["site"], BuildState.RelativePath))
        {
            failure = Should.Throw<BuildFailedException>(() => WriteStage.WriteApi(staged, files));
        }

        failure.Errors.ShouldHaveSingleItem().ShouldStartWith("api: error RPT1004: the JSON file after api/models/a.json cannot be written");
        Directory.Exists(temp["site"]).ShouldBeFalse();
    }

    [Theory]
    [InlineData("<td>NaN ms</td>", "NaN")]
    [InlineData("<td>Infinity ms</td>", "Infinity")]
    [InlineData("<p>\ndecodes -∞x as fast</p>", "-∞")]
    public void A_page_that_would_show_a_number_that_is_not_finite_is_a_build_error_at_its_line(string html, string shown)
    {
        var problem = PublishedNumbers.Problem("models/x/index.html", html).ShouldNotBeNull();

        problem.ShouldStartWith("models/x/index.html(" + (html.Contains('\n') ? 2 : 1) + "): error RPT1004");
        problem.ShouldContain("'" + shown + "'");
    }

    [Theory]
    [InlineData("<p>Nano and NaNo and Infinityband</p>")]
    [InlineData("<p>405B parameters, 128K context</p>")]
    [InlineData("<td>Infinity Fabric, OAM module</td>")]
    public void Words_that_contain_those_letters_are_not_numbers(string html)
        => PublishedNumbers.Problem("index.html", html).ShouldBeNull();
}

public sealed class ControlCharacterTests
{
    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u001b[2J")]
    [InlineData("\u0007")]
    [InlineData("\u007f")]
    public void A_control_character_in_a_data_string_is_an_error_at_its_line(string control)
    {
        var gpu = File.ReadAllText(Path.Combine(TestPaths.BasicFixture, "data", "gpus", "rtx-4090.yaml"));
        var name = gpu.Split('\n').First(l => l.StartsWith("name:", StringComparison.Ordinal));
        var yaml = gpu.Replace(name, "name: \"RTX" + control.Replace("\u001b", "\\e", StringComparison.Ordinal).Replace("\u0000", "\\0", StringComparison.Ordinal).Replace("\u0007", "\\a", StringComparison.Ordinal).Replace("\u007f", "\\x7F", StringComparison.Ordinal) + "\"", StringComparison.Ordinal);

        var file = Reports.Specs.Content.Loading.ContentFile.Load("/c/data/gpus/rtx-4090.yaml", Reports.Specs.Content.Loading.ContentKind.Gpu, yaml);

        var error = file.Diagnostics.ShouldHaveSingleItem();
        error.Line.ShouldBe(gpu.Split('\n').ToList().IndexOf(name) + 1);
        error.Message.ShouldContain("control character U+" + ((int)control[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_control_character_in_a_post_title_is_an_error_in_the_front_matter()
    {
        var (post, diagnostics) = new PostCompiler(new SiteModel(Reports.Specs.Catalog.Catalog.Compiled)).Compile("/posts/t.md", "---\ntitle: \"A\\x01B\"\ndate: 2026-01-01\nsummary: S\n---\nBody\n");

        post.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((DiagnosticCodes.FrontMatter, 2));
        error.Message.ShouldContain("U+0001");
    }
}

public sealed class CompareUrlTests
{
    [Fact]
    public void A_model_id_with_the_comparison_separator_is_refused_at_its_id()
    {
        var model = File.ReadAllText(Path.Combine(TestPaths.BasicFixture, "data", "models", "llama-3-1-8b.yaml"));

        var file = Reports.Specs.Content.Loading.ContentFile.Load("/c/data/models/bb-vs-cc.yaml", Reports.Specs.Content.Loading.ContentKind.Model, model.Replace("id: llama-3-1-8b", "id: bb-vs-cc", StringComparison.Ordinal));

        var error = file.Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((Reports.Specs.Content.DiagnosticIds.BadSlug, 1));
        error.Message.ShouldContain("'-vs-'");
    }
}

public sealed class LongKeyTests
{
    [Fact]
    public void A_key_of_a_million_characters_is_one_short_located_error()
    {
        var gpu = File.ReadAllText(Path.Combine(TestPaths.BasicFixture, "data", "gpus", "rtx-4090.yaml"));
        var key = new string('k', 1_000_000);

        var file = Reports.Specs.Content.Loading.ContentFile.Load("/c/data/gpus/rtx-4090.yaml", Reports.Specs.Content.Loading.ContentKind.Gpu, gpu + "? " + key + "\n: 1\n");

        var error = file.Diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe(Reports.Specs.Content.DiagnosticIds.UnknownKey);
        error.Line.ShouldBe(gpu.Split('\n').Length);
        error.Message.Length.ShouldBeLessThan(2_000);
        error.Message.ShouldNotContain("Did you mean");
    }
}

public sealed class ContentFileSystemTests
{
    private static async Task<string> BuildFails(Action<string> damage)
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        damage(content);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        code.ShouldBe(1);
        Directory.Exists(temp["site"]).ShouldBeFalse();
        return stderr.Replace(content, "CONTENT", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.yml")]
    [InlineData("x.YAML")]
    public async Task A_content_file_with_another_yaml_spelling_is_reported_not_skipped(string name)
    {
        var stderr = await BuildFails(content => File.Copy(Path.Combine(content, "data", "models", "llama-3-1-8b.yaml"), Path.Combine(content, "data", "models", name)));

        stderr.ShouldContain("CONTENT/data/models/" + name + "(1,1): error " + Reports.Specs.Content.DiagnosticIds.UnexpectedFile);
        stderr.ShouldContain("rename " + name + " to x.yaml");
    }

    [Fact]
    public async Task A_dangling_link_and_a_link_to_an_endless_device_are_located_errors()
    {
        var stderr = await BuildFails(content =>
        {
            File.CreateSymbolicLink(Path.Combine(content, "data", "gpus", "gone.yaml"), Path.Combine(content, "nowhere.yaml"));
            File.CreateSymbolicLink(Path.Combine(content, "data", "gpus", "zero.yaml"), "/dev/zero");
        });

        stderr.ShouldContain("CONTENT/data/gpus/gone.yaml(1,1): error");
        stderr.ShouldContain("which does not exist");
        stderr.ShouldContain("CONTENT/data/gpus/zero.yaml(1,1): error");
        stderr.ShouldContain("not a regular file");
    }

    [Fact]
    public async Task A_fifo_among_the_data_posts_or_assets_is_an_error_or_an_empty_file_never_a_hang()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var templates = temp.Copy(TestPaths.Templates, "templates");
        Directory.CreateDirectory(Path.Combine(content, "posts"));
        foreach (var fifo in new[] { Path.Combine(content, "data", "gpus", "pipe.yaml"), Path.Combine(content, "posts", "pipe.md") })
        {
            mkfifo(fifo, 0x1B6).ShouldBe(0);
            var build = await Bounded(Task.Run(() => CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", templates)), fifo);

            var (code, _, stderr) = await build;
            code.ShouldBe(1);
            stderr.ShouldContain(fifo + "(1,1): error");
            stderr.ShouldContain("not a regular file");
            File.Delete(fifo);
        }

        mkfifo(Path.Combine(templates, "assets", "pipe.txt"), 0x1B6).ShouldBe(0);
        var second = await Bounded(Task.Run(() => CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", templates)), Path.Combine(templates, "assets", "pipe.txt"));
        (await second).ExitCode.ShouldBe(0);
        File.ReadAllBytes(temp["site/assets/pipe.txt"]).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_fifo_or_bytes_that_are_not_utf8_in_a_template_or_partial_are_errors_at_that_file_never_a_hang()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var templates = temp.Copy(TestPaths.Templates, "templates");
        foreach (var name in new[] { Path.Combine("pages", "faq.html"), Path.Combine("partials", "pager.html") })
        {
            var fifo = Path.Combine(templates, name);
            var saved = File.ReadAllBytes(fifo);
            File.Delete(fifo);
            mkfifo(fifo, 0x1B6).ShouldBe(0);
            var build = await Bounded(Task.Run(() => CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", templates)), fifo);

            var (code, _, stderr) = await build;
            code.ShouldBe(1);
            stderr.ShouldContain("not a regular file");
            stderr.ShouldContain(name.StartsWith("pages", StringComparison.Ordinal) ? fifo + "(1,1)" : "include 'partials/pager.html'");
            File.Delete(fifo);
            File.WriteAllBytes(fifo, [.. "<p>fine</p>\n"u8, 0xC3, 0x28, .. saved]);

            (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", templates);
            code.ShouldBe(1);
            stderr.ShouldContain(name.StartsWith("pages", StringComparison.Ordinal) ? fifo + "(2,1)" : "include 'partials/pager.html': line 2:");
            stderr.ShouldContain("not valid UTF-8");
            File.WriteAllBytes(fifo, saved);
        }
    }

    // A build blocked on the FIFO would keep the test process alive: release it by writing, then fail.
    private static async Task<Task<(int ExitCode, string Stdout, string Stderr)>> Bounded(Task<(int ExitCode, string Stdout, string Stderr)> build, string fifo)
    {
        if (await Task.WhenAny(build, Task.Delay(TimeSpan.FromSeconds(60))) != build)
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            await build;
            throw new ShouldAssertException("the build blocked on the FIFO " + fifo + " (a bound for a hang, not a speed target)");
        }

        return build;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi)]
    private static extern int mkfifo(string path, uint mode);
}

public sealed class SilentlyIgnoredContentTests
{
    private static readonly SiteModel Site = new(Reports.Specs.Catalog.Catalog.Compiled);

    [Fact]
    public void A_yaml_tag_on_a_value_is_an_error_at_its_line()
    {
        var gpu = File.ReadAllText(Path.Combine(TestPaths.BasicFixture, "data", "gpus", "rtx-4090.yaml"));
        var name = gpu.Split('\n').First(l => l.StartsWith("name:", StringComparison.Ordinal));

        var file = Reports.Specs.Content.Loading.ContentFile.Load("/c/data/gpus/rtx-4090.yaml", Reports.Specs.Content.Loading.ContentKind.Gpu, gpu.Replace(name, "name: !!binary UlRYIDQwOTA=", StringComparison.Ordinal));

        var error = file.Diagnostics.ShouldHaveSingleItem();
        error.Line.ShouldBe(gpu.Split('\n').ToList().IndexOf(name) + 1);
        error.Message.ShouldContain("YAML tag 'tag:yaml.org,2002:binary'");
    }

    [Fact]
    public void A_nested_list_in_front_matter_is_an_error_not_dropped()
    {
        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/n.md", "---\ntitle: T\ndate: 2026-01-01\nsummary: S\ntags: [a, [b, c]]\n---\nBody\n");

        post.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((DiagnosticCodes.FrontMatter, 5));
        error.Message.ShouldContain("'tags[1]' must be text, found a list");
    }

    [Fact]
    public void Invalid_utf8_in_a_post_is_an_error_at_its_line_not_a_replacement_character()
    {
        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/u.md", "---\ntitle: T\ndate: 2026-01-01\nsummary: S\n---\nfine\nbad \uFFFD here\n");

        post.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        (error.Line, error.Column).ShouldBe((7, 5));
        error.Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void Invalid_utf8_in_a_template_is_an_error_at_its_line()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["t/pages"]);
        File.WriteAllBytes(temp["t/pages/p.html"], [.. "<p>ok</p>\n<p>"u8, 0xC3, 0x28, .. "</p>\n"u8]);

        var error = Should.Throw<Reports.Site.Rendering.TemplateException>(() => new Reports.Site.Rendering.TemplateSet(temp["t"]).Render("pages/p.html", new Dictionary<string, object?>(), CancellationToken.None));

        error.Message.ShouldStartWith(temp["t/pages/p.html"] + "(2,1): error RPT1001: the template is not valid UTF-8");
    }

    [Theory]
    [InlineData("posts-file")]
    [InlineData("post.MD")]
    public async Task A_posts_file_or_a_post_spelled_md_otherwise_is_reported(string damage)
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        if (damage == "posts-file")
        {
            if (Directory.Exists(Path.Combine(content, "posts")))
            {
                Directory.Delete(Path.Combine(content, "posts"), recursive: true);
            }

            File.WriteAllText(Path.Combine(content, "posts"), "not a folder");
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(content, "posts"));
            File.WriteAllText(Path.Combine(content, "posts", damage), "---\ntitle: T\ndate: 2026-01-01\nsummary: S\n---\nBody\n");
        }

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        code.ShouldBe(1);
        stderr.ShouldContain(damage == "posts-file" ? "posts is a file" : "rename post.MD to post.md");
    }
}
