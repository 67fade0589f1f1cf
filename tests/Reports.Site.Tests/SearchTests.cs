using System.Text.Json;
using Reports.Site.Building;
using Reports.Site.Pages;
using Reports.Site.Publishing;

namespace Reports.Site.Tests;

/// <summary>The title search index, the compact names readers type, and the full-text index the build adds with Pagefind.</summary>
public sealed class SearchTests
{
    [Theory]
    [InlineData("llama-3-1-8b", "Llama 3.1 8B", new[] { "llama3.1", "llama31", "llama3", "llama318b" })]
    [InlineData("qwen3-30b-a3b", "Qwen3 30B-A3B", new[] { "qwen3", "qwen330ba3b" })]
    [InlineData("h100-sxm", "NVIDIA H100 SXM5 80GB", new[] { "h100", "h100sxm" })]
    public void Compact_names_readers_type_are_aliases_of_the_page(string id, string name, string[] expected)
    {
        var aliases = SearchTerms.Aliases(id, name);
        foreach (var alias in expected)
        {
            aliases.ShouldContain(alias);
        }
    }

    [Fact]
    public async Task The_title_index_lists_models_first_with_kind_vendor_and_aliases_and_leaves_out_the_search_and_404_pages()
    {
        using var temp = new TempFolder();
        (await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        using var index = JsonDocument.Parse(File.ReadAllText(temp["site/search-index.json"]));
        var entries = index.RootElement.EnumerateArray().Select(e => (Url: e.GetProperty("u").GetString()!, Kind: e.GetProperty("k").GetString()!, Element: e)).ToList();

        var order = new[] { "Model", "Accelerator", "Comparison", "Post", "Guide" };
        entries.Select(e => Array.IndexOf(order, e.Kind)).ShouldBeInOrder(SortDirection.Ascending);
        entries.First().Url.ShouldStartWith("models/");
        entries.ShouldNotContain(e => e.Url == "search/" || e.Url == "404.html");
        var llama = entries.Single(e => e.Url == "models/llama-3-1-8b/").Element;
        llama.GetProperty("v").GetString().ShouldBe("Meta");
        llama.GetProperty("a").GetString()!.Split(' ').ShouldContain("llama3");

        var page = File.ReadAllText(temp["site/models/llama-3-1-8b/index.html"]);
        page.ShouldContain("<main id=\"main\" data-pagefind-body data-pagefind-filter=\"kind:Model\">");
        page.ShouldContain("<span hidden data-pagefind-filter=\"vendor\">Meta</span>");
        File.ReadAllText(temp["site/404.html"]).ShouldNotContain("data-pagefind-body");
        File.ReadAllText(temp["site/search/index.html"]).ShouldNotContain("data-pagefind-body");
    }

    [Fact]
    public void A_build_with_pagefind_publishes_its_index_with_the_pages_and_an_unchanged_rebuild_keeps_it()
    {
        // Runs where Pagefind is installed (npm ci --prefix tools/search; .ci/run installs it before the tests).
        var search = LocateInstalled();
        Assert.SkipWhen(search is null, "Pagefind is not installed: npm ci --prefix tools/search");
        using var temp = new TempFolder();
        var catalog = new Reports.Specs.Catalog.Catalog(Reports.Specs.Loading.ContentDirectory.LoadDirectory(TestPaths.BasicFixture, new Reports.Specs.Content.ContentDate(2026, 11, 28)).Catalog!);
        var options = new BuildOptions(TestPaths.BasicFixture, TestPaths.Templates, temp["site"]) { Search = search };

        SiteBuilder.Build(catalog, options, TestContext.Current.CancellationToken);
        File.Exists(temp["site/pagefind/pagefind.js"]).ShouldBeTrue();
        Directory.EnumerateFiles(temp["site/pagefind/fragment"]).Count().ShouldBe(23); // every page but the 404 and search pages
        var state = File.ReadAllText(temp["site/.reports/build.json"]);
        state.ShouldContain("\"pagefind/pagefind.js\"");

        var again = SiteBuilder.Build(catalog, options, TestContext.Current.CancellationToken);
        again.Rendered.ShouldBe(0);
        File.Exists(temp["site/pagefind/pagefind.js"]).ShouldBeTrue();

        // Without the indexer the next build drops the index it no longer makes.
        SiteBuilder.Build(catalog, options with { Search = null }, TestContext.Current.CancellationToken);
        Directory.Exists(temp["site/pagefind"]).ShouldBeFalse();
    }

    private static FullTextIndex? LocateInstalled() => FullTextIndex.Locate(TestPaths.RepoRoot, setting: null);
}
