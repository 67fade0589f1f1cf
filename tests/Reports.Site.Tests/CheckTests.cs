using Reports.Site.Checks;
using Reports.Site.Deriving;

namespace Reports.Site.Tests;

/// <summary>`check` on a built fixture: clean as built, and each planted defect found at its page and line.</summary>
public sealed class CheckTests
{
    [Fact]
    public async Task A_fresh_build_passes_and_planted_defects_are_each_reported()
    {
        using var temp = new TempFolder();
        var site = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var (code, stdout, stderr) = await CliRunner.RunAsync("check", site);
        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        stdout.ShouldContain("checked 25 pages");
        stdout.ShouldContain(": 0 problems;");

        var model = Path.Combine(site, "models", "llama-3-1-8b", "index.html");
        var html = File.ReadAllText(model)
            .Replace("href=\"#src-card\"", "href=\"#src-nowhere\"", StringComparison.Ordinal)
            .Replace("<a href=\"../../gpus/h100-sxm/\">", "<a href=\"../../gpus/h999/\">", StringComparison.Ordinal)
            .Replace("<h2 id=\"overview-h\">", "<h1>Second h1</h1><h2 id=\"overview-h\">", StringComparison.Ordinal)
            .Replace("<script type=\"application/ld+json\">{", "<script type=\"application/ld+json\">{{", StringComparison.Ordinal)
            .Replace("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\"", "<img src=\"../../assets/favicon.svg\"><figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" data-x", StringComparison.Ordinal)
            .Replace("role=\"img\" aria-labelledby=\"perf-llama-3-1-8b-title perf-llama-3-1-8b-desc\"", "", StringComparison.Ordinal)
            .Replace("<meta name=\"description\"", "<meta name=\"x\"", StringComparison.Ordinal);
        File.WriteAllText(model, html);
        File.WriteAllText(Path.Combine(site, "api", "index.json"), "{ broken");
        File.Delete(Path.Combine(site, "gpus", "rtx-4090", "index.html"));

        var result = SiteChecker.Check(site);
        var found = result.Problems.Select(p => (Page: Path.GetRelativePath(site, p.Path).Replace('\\', '/'), p.Id)).ToList();
        found.ShouldContain(("models/llama-3-1-8b/index.html", SiteChecker.BrokenAnchor));
        found.ShouldContain(("models/llama-3-1-8b/index.html", SiteChecker.BrokenLink));
        found.ShouldContain(("models/llama-3-1-8b/index.html", SiteChecker.HeadingCount));
        found.ShouldContain(("models/llama-3-1-8b/index.html", SiteChecker.BadJson));
        found.ShouldContain(("models/llama-3-1-8b/index.html", SiteChecker.MissingAlternative));
        found.ShouldContain(("models/llama-3-1-8b/index.html", SiteChecker.MissingMeta));
        found.ShouldContain(("api/index.json", SiteChecker.BadJson));
        found.ShouldContain(("sitemap.xml", SiteChecker.SitemapMismatch));
        found.Count(f => f.Id == SiteChecker.BrokenLink && f.Page != "models/llama-3-1-8b/index.html").ShouldBeGreaterThan(0, "pages linking the deleted GPU page");
        result.Problems.First(p => p.Id == SiteChecker.BrokenAnchor).Message.ShouldContain("no element with id 'src-nowhere'");
        result.Problems.First(p => p.Id == SiteChecker.BrokenAnchor).Line.ShouldBeGreaterThan(1);

        (await CliRunner.RunAsync("check", site)).ExitCode.ShouldBe(1);
    }
}

/// <summary>Past the protocol's 50,000 URLs a file, sitemap.xml is an index of part files that together list every page.</summary>
public sealed class SitemapIndexTests
{
    [Fact]
    public async Task A_split_sitemap_lists_every_page_once_and_passes_the_check_and_a_missing_part_does_not()
    {
        using var temp = new TempFolder();
        var site = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var model = new SiteModel(new Reports.Specs.Catalog.Catalog(Reports.Specs.Loading.ContentDirectory.LoadDirectory(TestPaths.BasicFixture, new Reports.Specs.Content.ContentDate(2026, 11, 28)).Catalog!));
        var posts = Reports.Site.Posts.PostSet.Load(model.Catalog, TestPaths.BasicFixture, TestContext.Current.CancellationToken);
        var pages = Reports.Site.Pages.PagePlanner.Plan(model, posts, "https://llm-reports.example.org/");
        pages.Count.ShouldBe(25);

        var files = Reports.Site.Building.MachineReadable.Files(pages, "https://llm-reports.example.org/", sitemapLimit: 5).Where(f => f.Path.StartsWith("sitemap", StringComparison.Ordinal)).ToList();
        File.Delete(Path.Combine(site, "sitemap.xml"));
        foreach (var (path, text) in files)
        {
            File.WriteAllText(Path.Combine(site, path), text);
        }

        files.Select(f => f.Path).ShouldBe(["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap-4.xml", "sitemap-5.xml", "sitemap.xml"]); // 24 URLs, 5 a file
        files.Last().Text.ShouldContain("<sitemapindex");
        var urls = files.SkipLast(1).SelectMany(f => System.Text.RegularExpressions.Regex.Matches(f.Text, "<loc>(.*?)</loc>").Select(m => m.Groups[1].Value)).ToList();
        urls.Count.ShouldBe(24); // every page but 404.html
        urls.Distinct().Count().ShouldBe(urls.Count);
        SiteChecker.Check(site).Problems.Where(p => p.Id == SiteChecker.SitemapMismatch).ShouldBeEmpty();

        File.Delete(Path.Combine(site, "sitemap-3.xml"));
        SiteChecker.Check(site).Problems.Where(p => p.Id == SiteChecker.SitemapMismatch).Select(p => p.Message).ShouldContain(m => m.Contains("sitemap-3.xml", StringComparison.Ordinal));
    }
}

/// <summary>JSON files are read as a stream (a large site's facts manifest does not fit in one string), so validity must hold across read buffers.</summary>
public sealed class JsonCheckTests
{
    [Fact]
    public async Task Json_larger_than_a_read_buffer_passes_and_truncated_or_empty_json_is_reported()
    {
        using var temp = new TempFolder();
        var site = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var big = "[" + string.Join(",\n", Enumerable.Range(0, 20_000).Select(i => "{\"key\":\"fact " + i + " ×\",\"value\":" + i + "}")) + "]";
        big.Length.ShouldBeGreaterThan(3 * 65_536);
        File.WriteAllText(Path.Combine(site, "api", "big.json"), big);
        File.WriteAllText(Path.Combine(site, "api", "truncated.json"), big[..^1]);
        File.WriteAllText(Path.Combine(site, "api", "long-string.json"), "{\"text\":\"" + new string('x', 200_000) + "\"}");
        File.WriteAllText(Path.Combine(site, "api", "empty.json"), "");

        var bad = SiteChecker.Check(site).Problems.Where(p => p.Id == SiteChecker.BadJson).Select(p => Path.GetFileName(p.Path)).ToList();

        bad.ShouldBe(["empty.json", "truncated.json"], ignoreOrder: true);
    }
}

/// <summary>`check` on documents that are cut off, left open or loop through links.</summary>
public sealed class CheckDocumentTests
{
    /// <summary>The fixture site, built into <paramref name="temp"/>, for a test to damage.</summary>
    private static async Task<string> BuiltSite(TempFolder temp)
    {
        var site = temp["site"];
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", site, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        return site;
    }

    [Fact]
    public async Task A_page_cut_off_or_left_open_is_reported_and_a_link_loop_ends()
    {
        using var temp = new TempFolder();
        var site = await BuiltSite(temp);
        var model = Path.Combine(site, "models", "llama-3-1-8b", "index.html");
        var html = File.ReadAllText(model);
        File.WriteAllText(model, html[..(html.Length / 2)]);
        var gpu = Path.Combine(site, "gpus", "rtx-4090", "index.html");
        File.WriteAllText(gpu, File.ReadAllText(gpu).Replace("</main>", "<div><table><tr><td><div></main>", StringComparison.Ordinal));
        Directory.CreateSymbolicLink(Path.Combine(site, "models", "loop"), "..");

        var result = SiteChecker.Check(site);

        var malformed = result.Problems.Where(p => p.Id == SiteChecker.MalformedDocument).Select(p => Path.GetRelativePath(site, p.Path).Replace('\\', '/')).Distinct().Order().ToList();
        malformed.ShouldBe(["gpus/rtx-4090/index.html", "models/llama-3-1-8b/index.html"]);
        result.Problems.ShouldContain(p => p.Path == model && p.Message.Contains("does not end with </html>", StringComparison.Ordinal));
        result.Pages.ShouldBe(25);
    }

    [Fact]
    public void Elements_left_open_are_reported_where_they_open_and_omitted_end_tags_are_not()
    {
        var report = HtmlNesting.Scan("<!doctype html><html><head><title>t</title></head><body>\n<p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2</table>\n<svg><path d=\"\"/></svg><br><img src=x>\n  <div class=\"a>b\"><span>open</div><div/></body></html>");

        report.TooDeep.ShouldBeNull();
        report.Unclosed.ShouldBe([new OpenElement("span", 4, 20), new OpenElement("div", 4, 36)]);
        HtmlNesting.Scan("<!doctype html><html><body><p>a<ul><li>x</ul><dl><dt>a<dd>b</dl></body></html>").Unclosed.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_page_nested_100000_deep_is_reported_at_the_first_element_past_512_and_not_parsed_further()
    {
        using var temp = new TempFolder();
        var site = await BuiltSite(temp);
        var gpu = Path.Combine(site, "gpus", "rtx-4090", "index.html");
        File.WriteAllText(gpu, File.ReadAllText(gpu).Replace("</main>", "\n" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "</main>", StringComparison.Ordinal));

        var result = SiteChecker.Check(site, TestContext.Current.CancellationToken);

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Id, problem.Path).ShouldBe((SiteChecker.MalformedDocument, gpu));
        problem.Message.ShouldContain("nest more than 512 deep");
        var line = File.ReadAllLines(gpu).ToList().FindIndex(l => l.StartsWith("<div><div>", StringComparison.Ordinal)) + 1;
        problem.Line.ShouldBe(line);
    }

    [Fact]
    public void The_parser_reports_where_it_repaired_a_document()
    {
        SiteChecker.ParseErrors("<!doctype html><html lang=\"en\"><head><title>t</title></head><body><p>fine</p></body></html>").ShouldBeEmpty();
        SiteChecker.ParseErrors("<!doctype html><html lang=\"en\"><head><title>t</title></head><body><div><span>open").ShouldNotBeEmpty();
    }
}
