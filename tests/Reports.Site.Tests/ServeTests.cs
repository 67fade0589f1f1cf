using System.Net.Http.Json;
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
