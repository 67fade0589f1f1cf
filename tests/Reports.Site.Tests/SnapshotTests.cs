namespace Reports.Site.Tests;

/// <summary>
/// One page of each kind from the fixture catalog, pinned as *.approved.html. A change shows as a
/// *.received.html beside it; review the difference, then rename it to approved.
/// </summary>
public sealed class SnapshotTests : IClassFixture<FixtureSite>
{
    private readonly FixtureSite _site;

    public SnapshotTests(FixtureSite site) => _site = site;

    [Theory]
    [InlineData("index.html", "home")]
    [InlineData("models/index.html", "models")]
    [InlineData("models/llama-3-1-70b/index.html", "model")]
    [InlineData("gpus/index.html", "gpus")]
    [InlineData("gpus/h100-sxm/index.html", "gpu")]
    [InlineData("compare/llama-3-1-70b-vs-llama-3-1-8b/index.html", "compare")]
    [InlineData("compare/index.html", "compare-index")]
    [InlineData("leaderboard/index.html", "leaderboard")]
    [InlineData("faq/index.html", "faq")]
    [InlineData("methodology/index.html", "methodology")]
    [InlineData("404.html", "not-found")]
    [InlineData("sitemap.xml", "sitemap")]
    [InlineData("posts/llama-3-1-70b-vs-llama-3-1-8b/index.html", "post")]
    [InlineData("posts/index.html", "posts")]
    [InlineData("feed.xml", "feed")]
    public void Page_matches_its_approved_snapshot(string path, string name)
        => File.ReadAllText(Path.Combine(_site.Output, path)).ShouldMatchApproved(c => c
            .SubFolder("Snapshots")
            .WithDiscriminator(name)
            .WithFileExtension(path.EndsWith(".xml", StringComparison.Ordinal) ? "xml" : "html")
            .NoDiff());
}

/// <summary>The fixture site, built once for the snapshot tests.</summary>
public sealed class FixtureSite : IDisposable
{
    private readonly TempFolder _temp = new();

    public FixtureSite()
    {
        Output = _temp["site"];
        var (code, _, stderr) = CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", Output, "--templates", TestPaths.Templates).GetAwaiter().GetResult();
        if (code != 0)
        {
            throw new InvalidOperationException("fixture build failed: " + stderr);
        }
    }

    public string Output { get; }

    public void Dispose() => _temp.Dispose();
}
