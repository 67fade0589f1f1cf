using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Site.Posts;
using Reports.Specs.Catalog;

namespace Reports.Site.Tests;

/// <summary>Posts against the real catalog: the seed article's claims must each fail at their line.</summary>
public sealed class PostTests
{
    private static readonly SiteModel Site = new(Catalog.Compiled);

    private static string Fixture(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "posts", name);

    [Fact]
    public void Every_wrong_claim_of_the_seed_article_fails_at_its_line_and_the_right_ones_pass()
    {
        var path = Fixture("seed-000-claims.md");
        var (post, diagnostics) = new PostCompiler(Site).Compile(path, File.ReadAllText(path));

        post.ShouldBeNull();
        var lines = File.ReadAllLines(path);
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;
        var expected = new (string Line, string Id, string Words)[]
        {
            ("\"llama-4-405b\"", "RPT2002", "unknown model 'llama-4-405b'"),
            ("\"params.active\" \"~100B\"", "RPT2007", "the post says llama-4-maverick params.active is '~100B', but the catalog says 17B"),
            ("\"experts\" \"64\"", "RPT2007", "the catalog says 128"),
            ("\"experts_active\" \"4\"", "RPT2007", "the catalog says 1"),
            ("\"weights.bf16\" \"~220 GB\"", "RPT2007", "the catalog says 800 GB"),
            ("\"llama-4-maverick\" \"min_gpus.h100-sxm.bf16\"", "RPT2007", "the catalog says 16 x NVIDIA H100 SXM5 80GB"), // two nodes, TP8 x PP2
            ("\"llama-4-maverick\" \"min_gpus.h100-sxm.int4\"", "RPT2007", "the catalog says 4 x NVIDIA H100 SXM5 80GB"),
            ("\"llama-3-1-405b\" \"min_gpus.h100-sxm.bf16\" \"8\"", "RPT2007", "the catalog says 16 x NVIDIA H100 SXM5 80GB"),
            ("\"benchmark.mmlu\" \"87.3%\"", "RPT2007", "the catalog says 85.2%"),
            ("\"price.output.groq\"", "RPT2005", "provider 'groq' has no price for llama-3-1-405b"), // Together now lists 405B (import prices)
        };

        // The seed's 18 tok/s for 405B on 8 x H100 at FP8 lies about 25% below this site's calibrated estimate (23-25 tok/s
        // as the corpus grows), the most a claim may be below one: whether it holds moves with each recalibration. Either
        // way it is judged at its own line and nowhere else.
        var decodeLine = LineOf("\"decode_tokens_per_s.h100-sxm.8.fp8\" \"18\"");
        decodeLine.ShouldBeGreaterThan(0);
        var decode = diagnostics.Where(d => d.Line == decodeLine).ToList();
        decode.ShouldAllBe(d => d.Id == "RPT2007" && d.Message.Contains("the post says llama-3-1-405b decode_tokens_per_s.h100-sxm.8.fp8 is '18'"));
        diagnostics.Count.ShouldBe(expected.Length + decode.Count, string.Join("\n", diagnostics));

        foreach (var (text, id, words) in expected)
        {
            var line = LineOf(text);
            var match = diagnostics.SingleOrDefault(d => d.Line == line);
            match.ShouldNotBeNull("no error at line " + line + " (" + text + ")");
            match.Id.ShouldBe(id, text);
            match.Path.ShouldBe(path);
            match.Message.ShouldContain(words, Case.Sensitive, text);
            match.Column.ShouldBe(lines[line - 1].IndexOf("{{", StringComparison.Ordinal) + 4, text); // at the tag name after "{{ "
        }
    }

    [Fact]
    public void The_readmes_claim_table_names_every_fact_and_each_example_holds_against_the_catalog()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var table = readme[readme.IndexOf("### Claim facts", StringComparison.Ordinal)..readme.IndexOf("## Adding a model", StringComparison.Ordinal)];

        // Every fact the checker knows is documented, by its pattern's first segment.
        foreach (var name in ClaimFacts.Names)
        {
            table.ShouldContain("`" + name.Split('.')[0], Case.Sensitive, name);
        }

        // And every example is a claim the catalog agrees with: a wrong example fails here, not in an author's post.
        var examples = System.Text.RegularExpressions.Regex.Matches(table, "`(\\{\\{ claim [^`]+\\}\\})`").Select(m => m.Groups[1].Value).ToList();
        examples.Count.ShouldBe(ClaimFacts.Names.Select(n => n.StartsWith("weights.", StringComparison.Ordinal) ? "weights" : n).Distinct().Count()); // one row for weights.PRECISION
        var text = "---\ntitle: Claims\ndate: 2026-12-06\nsummary: The README's examples.\n---\n" + string.Join("\n\n", examples) + "\n";
        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/readme-claims.md", text);
        diagnostics.ShouldBeEmpty(string.Join("\n", diagnostics));
        post.ShouldNotBeNull();
    }

    [Fact]
    public void A_front_matter_model_that_is_not_in_the_catalog_is_an_error_at_its_line()
    {
        const string text = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: [llama-3-1-8b, llama-5-1t]\n---\nBody.\n";
        var (_, diagnostics) = new PostCompiler(Site).Compile("/posts/x.md", text);

        var error = diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe("RPT2002");
        (error.Line, error.Column).ShouldBe((5, 24));
        error.ToMsBuildString().ShouldStartWith("/posts/x.md(5,24): error RPT2002: front matter names model 'llama-5-1t'");
    }

    [Fact]
    public void Front_matter_is_bound_by_the_data_files_rules_and_every_mistake_is_reported_at_its_line()
    {
        // A misspelt key (with the key it was meant to be), a date that is not a day, a flag that is not a boolean, a
        // required key left out: each at its own line, in the post's numbering, in one build.
        const string text = "---\ntitel: T\ndate: 2026-13-01\nsummary: S\ndraft: maybe\n---\nBody.\n";
        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/m.md", text);

        post.ShouldBeNull();
        diagnostics.ShouldAllBe(d => d.Id == DiagnosticCodes.FrontMatter);
        var byLine = diagnostics.ToLookup(d => d.Line, d => d.Message);
        byLine[2].ShouldContain(m => m.Contains("unknown key 'titel'", StringComparison.Ordinal) && m.Contains("title", StringComparison.Ordinal));
        byLine[3].ShouldContain(m => m.Contains("2026-13-01", StringComparison.Ordinal));
        byLine[5].ShouldContain(m => m.Contains("draft", StringComparison.Ordinal) && m.Contains("true or false", StringComparison.Ordinal));
        diagnostics.ShouldContain(d => d.Message.Contains("missing required key 'title'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_data_tag_reads_strings_numbers_and_lists_and_nothing_else()
    {
        const string text = "x {{ speed_table [\"llama-3-1-8b\", \"qwen3-8b\"] \"h100-sxm\" }} {{ recipe \"a\" \"b\" 8 \"fp8\" \"say \\\"hi\\\"\" }}";
        var (first, next, error, _) = DataTagSyntax.Read(text, 2, text.Length);

        error.ShouldBeNull();
        first!.Name.ShouldBe("speed_table");
        first.Arguments[0].ShouldBe(new List<string> { "llama-3-1-8b", "qwen3-8b" });
        first.Arguments[1].ShouldBe("h100-sxm");
        var (second, _, _, _) = DataTagSyntax.Read(text, text.IndexOf("{{", next, StringComparison.Ordinal), text.Length);
        second!.Arguments.ShouldBe(new object[] { "a", "b", "8", "fp8", "say \"hi\"" });

        DataTagSyntax.Read("{{ spec model }}", 0, 16).Error.ShouldNotBeNull().ShouldContain("'m' is none of them");
        DataTagSyntax.Read("{{ spec \"model }}", 0, 17).Error.ShouldNotBeNull().ShouldContain("not closed");
    }

    [Fact]
    public void A_data_tag_that_cannot_be_read_is_an_error_at_its_line_and_escaped_braces_are_text()
    {
        const string front = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\n---\n";
        var (_, diagnostics) = new PostCompiler(Site).Compile("/posts/b.md", front + "One.\n\nTwo {{ spec \"llama-3-1-8b\" params.total }}.\n");
        var error = diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe((DiagnosticCodes.TemplateError, 8));

        var (post, none) = new PostCompiler(Site).Compile("/posts/c.md", front + "Braces: \\{{ not a tag }}.\n");
        none.ShouldBeEmpty();
        post!.BodyHtml.ShouldBe("<p>Braces: {{ not a tag }}.</p>\n");
    }

    [Fact]
    public void Raw_html_is_escaped_unless_the_post_allows_it_and_unsafe_links_fail()
    {
        const string front = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: []\n";
        var compiler = new PostCompiler(Site);

        var (safe, none) = compiler.Compile("/posts/a.md", front + "---\n<script>alert(1)</script> and <b>bold</b>\n");
        none.ShouldBeEmpty();
        safe!.BodyHtml.ShouldNotContain("<script>");
        safe.BodyHtml.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");

        var (allowed, _) = compiler.Compile("/posts/b.md", front + "allow_html: true\n---\n<b>bold</b>\n");
        allowed!.BodyHtml.ShouldContain("<b>bold</b>");

        var (_, errors) = compiler.Compile("/posts/c.md", front + "---\nfine [ok](https://example.org)\n\n[x](javascript:alert(1)) and [y](data:text/html,hi)\n");
        errors.Select(e => (e.Id, e.Line)).ShouldBe([("RPT2011", 9), ("RPT2011", 9)]);
    }

    [Fact]
    public void Data_tags_render_catalog_values_with_links()
    {
        const string text = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: [llama-3-1-405b]\n---\nKV: {{ spec \"llama-3-1-405b\" \"kv_bytes_per_token\" }}.\n\n{{ memory_table \"llama-3-1-405b\" }}\n";
        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/d.md", text);

        diagnostics.ShouldBeEmpty();
        post!.BodyHtml.ShouldContain(">516,096 B</a>");
        post.BodyHtml.ShouldContain("href=\"../../methodology/#kv-per_token\"");
        post.BodyHtml.ShouldContain("<caption>Weights and minimum GPUs for Llama 3.1 405B");
        post.BodyHtml.ShouldNotContain("<p><div");
    }

    [Fact]
    public void A_recipe_prints_the_launch_command_with_its_estimates_and_a_plan_it_cannot_launch_fails_at_its_line()
    {
        const string front = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: [llama-3-1-405b]\n---\n";
        var compiler = new PostCompiler(Site);

        var (post, none) = compiler.Compile("/posts/r.md", front + "{{ recipe \"llama-3-1-405b\" \"h100-sxm\" 8 \"fp8\" \"sglang\" }}\n");
        none.ShouldBeEmpty();
        post!.BodyHtml.ShouldContain("<pre class=\"command\"><code>python3 -m sglang.launch_server \\\n  --model-path meta-llama/Llama-3.1-405B-Instruct \\\n  --quantization fp8 \\\n  --tp-size 8");
        post.BodyHtml.ShouldContain("for one user, TTFT");

        // TensorRT-LLM needs an FP8 checkpoint, and the catalog lists none for this model.
        var (_, errors) = compiler.Compile("/posts/s.md", front + "text\n{{ recipe \"llama-3-1-405b\" \"h100-sxm\" 8 \"fp8\" \"trtllm\" }}\n");
        var error = errors.ShouldHaveSingleItem();
        (error.Id, error.Line).ShouldBe(("RPT2016", 8));
        error.Message.ShouldContain("no TensorRT-LLM command for Llama 3.1 405B on 8 x NVIDIA H100 SXM5 80GB at FP8: no FP8 checkpoint");
    }

    [Fact]
    public void Template_errors_and_unknown_facts_are_reported_with_the_post_line()
    {
        const string text = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: []\n---\nline 7\n{{ spec \"llama-3-1-8b\" \"param.total\" }}\n{{ nope }}\n";
        var (_, diagnostics) = new PostCompiler(Site).Compile("/posts/e.md", text);

        diagnostics.Select(d => (d.Id, d.Line)).ShouldBe([("RPT2003", 8), ("RPT2010", 9)]);
        diagnostics[0].Message.ShouldContain("Did you mean 'params.total'?");
    }

    [Fact]
    public void A_broken_front_matter_is_a_located_error_not_a_crash()
    {
        // Regression: an unclosed flow sequence made YamlDotNet throw InvalidOperationException.
        const string text = "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nmodels: [llama-3-1-8b\ntags: [a]\n---\nBody.\n";
        var (post, diagnostics) = new PostCompiler(Site).Compile("/posts/f.md", text);

        post.ShouldBeNull();
        var error = diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Line, error.Column).ShouldBe(("RPT2001", 5, 9));
        error.Message.ShouldContain("front matter: ");
    }

    [Theory]
    [InlineData("405B", 405e9)]
    [InlineData("17B", 17e9)]
    [InlineData("131,072", 131072)]
    [InlineData("810 GB", 810e9)]
    [InlineData("60.8 GiB", 60.8 * 1073741824)]
    [InlineData("516096", 516096)]
    [InlineData("$2.40", 2.40)]
    [InlineData("88.6%", 88.6)]
    [InlineData("~220 GB", 220e9)]
    public void Values_parse_as_authors_write_them(string text, double expected)
    {
        var value = ClaimValue.TryParse(text, out var error).ShouldNotBeNull(error);
        value.Candidates.ShouldContain(c => Math.Abs(c - expected) < 1e-6 * Math.Max(1, expected));
        value.Approximate.ShouldBe(text.StartsWith('~'));
    }

    [Fact]
    public void K_in_a_context_length_may_mean_1000_or_1024()
        => ClaimValue.TryParse("128K", out _)!.Candidates.ShouldBe([128_000, 131_072]);

    [Theory]
    [InlineData("lots")]
    [InlineData("1,00")]
    [InlineData("12 parsecs")]
    [InlineData("")]
    public void Unreadable_values_are_refused(string text)
    {
        ClaimValue.TryParse(text, out var error).ShouldBeNull();
        error.ShouldNotBeNull();
    }
}
