using System.Net.Http.Json;
using Reports.Site.Building;
using Reports.Site.Deriving;
using Reports.Site.Serve;

namespace Reports.Site.Tests;

/// <summary>The preview server over real HTTP on a free loopback port: serve, edit, break, recover.</summary>
public sealed class ServeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serves_the_site_reflects_edits_shows_build_errors_and_recovers()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var templates = temp.Copy(TestPaths.Templates, "templates");
        await using var server = new PreviewServer(content, templates);
        await server.StartAsync(0, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.Address };

        server.Address!.Host.ShouldBe("127.0.0.1");
        var home = await http.GetStringAsync("/");
        home.ShouldContain("<h1>LLM Deployment Reports</h1>");
        home.ShouldContain("/__reports/events");
        (await http.GetAsync("/models/llama-3-1-8b/")).IsSuccessStatusCode.ShouldBeTrue();
        (await http.GetAsync("/no/such/page/")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await http.GetAsync("/../../etc/passwd")).IsSuccessStatusCode.ShouldBeFalse();

        // A template edit shows without a restart.
        var version = server.Status.Version;
        var faq = Path.Combine(templates, "pages", "faq.html");
        File.WriteAllText(faq, File.ReadAllText(faq).Replace("<h1>Frequently asked questions</h1>", "<h1>Questions people ask</h1>", StringComparison.Ordinal));
        var status = await WaitForAsync(server, version, s => s.Error is null);
        (await http.GetStringAsync("/faq/")).ShouldContain("<h1>Questions people ask</h1>");

        // A broken data file: the error is reported with file and line, the last good site stays served.
        var model = Path.Combine(content, "data", "models", "llama-3-1-8b.yaml");
        var good = File.ReadAllText(model);
        File.WriteAllText(model, good.Replace("  kv_heads: 8", "  kv_head: 8", StringComparison.Ordinal));
        status = await WaitForAsync(server, status.Version, s => s.Error is not null);
        status.Error!.ShouldContain(model + "(");
        status.Error!.ShouldContain("error RPT0002: unknown key 'kv_head'");
        (await http.GetStringAsync("/faq/")).ShouldContain("<h1>Questions people ask</h1>");
        (await http.GetFromJsonAsync<PreviewStatus>("/__reports/status"))!.Error.ShouldNotBeNull();

        // Fixing it clears the error.
        File.WriteAllText(model, good);
        status = await WaitForAsync(server, status.Version, s => s.Error is null);
        status.Pages.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task A_first_build_that_fails_still_serves_a_page_that_shows_why_and_reloads_when_fixed()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var model = Path.Combine(content, "data", "models", "llama-3-1-8b.yaml");
        var good = File.ReadAllText(model);
        File.WriteAllText(model, good.Replace("  kv_heads: 8", "  kv_head: 8", StringComparison.Ordinal));
        await using var server = new PreviewServer(content, temp.Copy(TestPaths.Templates, "templates"));

        await server.StartAsync(0, TestContext.Current.CancellationToken);

        using var http = new HttpClient { BaseAddress = server.Address };
        var page = await http.GetAsync("/");
        page.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("unknown key &#39;kv_head&#39;");
        html.ShouldContain("/__reports/events");

        File.WriteAllText(model, good);
        await WaitForAsync(server, server.Status.Version, s => s.Error is null);
        (await http.GetStringAsync("/")).ShouldContain("<h1>LLM Deployment Reports</h1>");
    }

    [Fact]
    public async Task A_build_that_fails_in_a_way_nobody_foresaw_is_shown_and_the_last_good_site_stays_served()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var calls = 0;
        BuildResult Build(SiteModel site, BuildOptions options, CancellationToken token)
            => Interlocked.Increment(ref calls) == 2 ? throw new InvalidOperationException("a fault in the build") : SiteBuilder.Build(site, options, token);
        await using var server = new PreviewServer(content, temp.Copy(TestPaths.Templates, "templates"), Build);
        await server.StartAsync(0, TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = server.Address };

        var version = server.Status.Version;
        File.AppendAllText(Path.Combine(content, "site.yaml"), "\n");
        var status = await WaitForAsync(server, version, s => s.Error is not null);

        status.Error!.ShouldBe("the build stopped on an unexpected InvalidOperationException: a fault in the build");
        (await http.GetStringAsync("/")).ShouldContain("<h1>LLM Deployment Reports</h1>");
        File.AppendAllText(Path.Combine(content, "site.yaml"), "\n");
        (await WaitForAsync(server, status.Version, s => s.Error is null)).Pages.ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task Serves_files_with_extensions_and_redirects_only_to_its_own_folders()
    {
        using var temp = new TempFolder();
        await using var server = new PreviewServer(temp.Copy(TestPaths.BasicFixture, "content"), temp.Copy(TestPaths.Templates, "templates"));
        await server.StartAsync(0, TestContext.Current.CancellationToken);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };

        foreach (var (url, type) in new[]
        {
            ("/assets/site.css", "text/css"), ("/assets/site.js", "text/javascript"), ("/search-index.json", "application/json"),
            ("/feed.xml", "application/xml"), ("/sitemap.xml", "application/xml"), ("/models/llama-3-1-8b/index.html", "text/html"),
        })
        {
            var response = await http.GetAsync(url);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(type, url);
        }

        var folder = await http.GetAsync("/models");
        folder.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        folder.Headers.Location!.OriginalString.ShouldBe("/models/");

        foreach (var hostile in new[] { "/%5Cevil.com%2F..%2F/models", "/%5C%5Cevil.com/..%2F..%2Fmodels", "//evil.com/%2E%2E/models" })
        {
            // Absolute, so that "//evil.com/..." stays a path on this server instead of naming another host.
            var response = await http.GetAsync(new Uri(server.Address!.GetLeftPart(UriPartial.Authority) + hostile));
            if (response.Headers.Location is { } location)
            {
                var target = location.OriginalString;
                (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !target.Contains('\\') && !target.Contains("evil", StringComparison.Ordinal))
                    .ShouldBeTrue(hostile + " redirected to " + target);
            }
        }
    }

    private static async Task<PreviewStatus> WaitForAsync(PreviewServer server, int after, Func<PreviewStatus, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var status = await server.WaitForVersionAfterAsync(after, deadline - DateTime.UtcNow);
            if (done(status))
            {
                return status;
            }

            after = status.Version;
        }
    }
}
