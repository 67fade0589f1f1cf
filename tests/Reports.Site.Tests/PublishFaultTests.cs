using System.Text;
using System.Diagnostics;
using Reports.Site.Building;
using Reports.Site.Publishing;
using Reports.Specs.Content;
using Reports.Specs.Loading;

namespace Reports.Site.Tests;

/// <summary>A failure at any point of writing, a SIGKILL mid-build, or a second build at once: the old site survives.</summary>
public sealed class PublishFaultTests
{
    private static Reports.Specs.Catalog.Catalog FixtureCatalog()
        => new(ContentDirectory.LoadDirectory(TestPaths.BasicFixture, new ContentDate(2026, 11, 28)).Catalog!);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(22)]
    [InlineData(30)]
    [InlineData(37)]
    [InlineData(38)]
    [InlineData(39)]
    [InlineData(57)] // the last file the fixture build writes
    public void A_failure_injected_at_write_n_leaves_the_previous_output_byte_identical(int failAt)
    {
        using var temp = new TempFolder();
        var output = temp["site"];
        var catalog = FixtureCatalog();
        SiteBuilder.Build(catalog, new BuildOptions(TestPaths.BasicFixture, TestPaths.Templates, output));
        var before = TempFolder.Snapshot(output);
        var writes = 0;

        var failing = new BuildOptions(TestPaths.BasicFixture, TestPaths.Templates, output, BaseUrl: "https://changed.example.org/")
        {
            BeforeWrite = _ =>
            {
                // Pages, their cards and data files are written by parallel render workers: count atomically.
                if (Interlocked.Increment(ref writes) - 1 == failAt)
                {
                    throw new IOException("injected failure at write " + failAt);
                }
            },
        };
        Should.Throw<IOException>(() => SiteBuilder.Build(catalog, failing)).Message.ShouldBe("injected failure at write " + failAt);

        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(output), before);

        Directory.EnumerateDirectories(temp.Root).Select(Path.GetFileName).ShouldBe(["site"]);
    }

    [Fact]
    public void The_fixture_build_writes_58_files_so_write_57_is_the_last()
    {
        using var temp = new TempFolder();
        var writes = 0;
        SiteBuilder.Build(FixtureCatalog(), new BuildOptions(TestPaths.BasicFixture, TestPaths.Templates, temp["site"]) { BeforeWrite = _ => Interlocked.Increment(ref writes) });
        writes.ShouldBe(58); // pages (the compare index and the search page) and the social cards of model, accelerator and post pages, API (compare.json, and one what-if grid and one frontier points file per model), sitemap, robots, search index, feed, assets (theme.js since dark mode), the inputs manifest and build state (the facts manifest only on request)
    }

    [Fact]
    public void A_second_build_while_one_is_writing_fails_with_a_clear_message()
    {
        using var temp = new TempFolder();
        using var first = StagedOutput.Begin(temp["site"], BuildState.RelativePath);

        Should.Throw<IOException>(() => StagedOutput.Begin(temp["site"], BuildState.RelativePath)).Message.ShouldContain("another build is writing");
    }

    [Fact]
    public async Task A_build_killed_mid_write_leaves_the_previous_site_and_the_next_build_succeeds()
    {
        using var temp = new TempFolder();
        var output = temp["site"];
        (await CliRunner.RunAsync("build", "--out", output, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        var before = TempFolder.Snapshot(output);
        var exe = typeof(Reports.Site.Cli.Program).Assembly.Location;

        foreach (var delay in new[] { 150, 450, 900 })
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", [exe, "build", "--out", output, "--templates", TestPaths.Templates, "--base-url", "https://killed.example.org/"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await Task.Delay(delay);
            process.Kill(entireProcessTree: true); // SIGKILL
            await process.WaitForExitAsync();

            // A build that finished before the kill has committed a whole new site; anything else must have
            // left the previous one. Never a mix of the two.
            var after = TempFolder.Snapshot(output);
            after.Count.ShouldBe(before.Count, "after a kill at " + delay + " ms");
            if (!after["index.html"].SequenceEqual(before["index.html"]))
            {
                Encoding.UTF8.GetString(after["index.html"]).ShouldContain("https://killed.example.org/");
                after.ShouldAllBe(f => !Encoding.UTF8.GetString(f.Value).Contains("https://llm-reports.example.org/", StringComparison.Ordinal) || !f.Key.EndsWith(".html", StringComparison.Ordinal));
                before = after;
            }
        }

        var (code, stdout, _) = await CliRunner.RunAsync("build", "--out", output, "--templates", TestPaths.Templates, "--base-url", "https://next.example.org/");
        code.ShouldBe(0, stdout);
        File.ReadAllText(Path.Combine(output, "index.html")).ShouldContain("https://next.example.org/");
        Directory.EnumerateDirectories(temp.Root).Select(Path.GetFileName).ShouldBe(["site"]);
    }
}
