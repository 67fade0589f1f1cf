using AngleSharp.Html.Parser;
using Reports.Site.Building;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Specs.Catalog;
using Reports.Specs.Content;

namespace Reports.Site.Tests;

/// <summary>Long lists (a GPU's model table, the model list, FAQ, leaderboard) continue on numbered pages.</summary>
public sealed class PaginationTests
{
    [Fact]
    public void A_large_catalog_splits_each_gpu_table_into_linked_pages_that_list_every_model_once()
    {
        var real = Catalog.Compiled.Data;
        // 450 models: copies of the real ones under new ids, enough for three pages of 200.
        var models = Enumerable.Range(0, 450).Select(i => real.Models[i % real.Models.Count] with { Id = new ModelId("copy-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)), Name = "Copy " + i }).ToArray();
        var site = new SiteModel(new Catalog(real with { Models = new EquatableArray<ModelData>(models), Providers = new EquatableArray<ProviderData>([]), Benchmarks = new EquatableArray<BenchmarkData>([]), Measurements = new EquatableArray<MeasurementData>([]) }));
        var gpu = site.Catalog.Gpus[0];

        var pages = GpuPage.Build(site, gpu).ToList();

        pages.Select(p => p.OutputPath).ShouldBe(["gpus/" + gpu.Id.Value + "/index.html", "gpus/" + gpu.Id.Value + "/page/2/index.html", "gpus/" + gpu.Id.Value + "/page/3/index.html"]);
        using var temp = new TempFolder();
        var templates = new Rendering.TemplateSet(TestPaths.Templates);
        var listed = new List<string>();
        foreach (var page in pages)
        {
            var layout = LayoutModel.For(page, site.Catalog.Site, "https://example.org/", errorBands: false);
            var document = new HtmlParser().ParseDocument(templates.Render(page.Template, [page.Model, layout], TestContext.Current.CancellationToken));
            var rows = document.QuerySelectorAll("#models tbody tr th a").Select(a => a.TextContent).ToList();
            rows.Count.ShouldBeLessThanOrEqualTo(GpuPage.ModelsPerPage);
            listed.AddRange(rows);

            // Previous and next links resolve to the neighbouring pages' folders.
            var folder = Path.GetDirectoryName(page.OutputPath)!.Replace('\\', '/') + "/";
            var links = document.QuerySelectorAll("nav.pager a[rel]").ToDictionary(a => a.GetAttribute("rel")!, a => Normalize(folder + a.GetAttribute("href")));
            var index = pages.IndexOf(page);
            links.GetValueOrDefault("prev").ShouldBe(index > 0 ? Path.GetDirectoryName(pages[index - 1].OutputPath)!.Replace('\\', '/') + "/" : null);
            links.GetValueOrDefault("next").ShouldBe(index < pages.Count - 1 ? Path.GetDirectoryName(pages[index + 1].OutputPath)!.Replace('\\', '/') + "/" : null);
            document.QuerySelector("nav.pager [aria-current=page]")!.TextContent.ShouldBe((index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        listed.ShouldBe(models.Select(m => m.Name));
    }

    [Fact]
    public void Model_list_faq_and_leaderboard_continue_on_numbered_pages_and_the_home_page_links_the_full_list()
    {
        var real = Catalog.Compiled.Data;
        var models = Enumerable.Range(0, 450).Select(i => real.Models[i % real.Models.Count] with { Id = new ModelId("copy-" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)), Name = "Copy " + i }).ToArray();
        var site = new SiteModel(new Catalog(real with { Models = new EquatableArray<ModelData>(models), Providers = new EquatableArray<ProviderData>([]), Benchmarks = new EquatableArray<BenchmarkData>([]), Measurements = new EquatableArray<MeasurementData>([]) }));

        var pages = IndexPages.Build(site, new Reports.Site.Posts.PostSet([], [], [])).ToList();

        pages.Select(p => p.OutputPath).Where(p => p.StartsWith("models/", StringComparison.Ordinal)).ShouldBe(["models/index.html", "models/page/2/index.html", "models/page/3/index.html"]);
        pages.Count(p => p.OutputPath.StartsWith("faq/", StringComparison.Ordinal)).ShouldBe(5); // 100 models a page
        pages.Single(p => p.OutputPath == "models/page/3/index.html").Title.ShouldBe("Models (page 3 of 3)");
        pages.Single(p => p.OutputPath == "models/page/3/index.html").Model.ShouldBeOfType<ModelListPageModel>().Models.Count.ShouldBe(50);
        var home = pages.Single(p => p.OutputPath == "index.html").Model.ShouldBeOfType<HomePageModel>();
        home.Models.Count.ShouldBe(IndexPages.ListPerPage);
        home.MoreModels.ShouldBeTrue();
        // No benchmark scores: the leaderboard is one page with an empty table, not a pager.
        pages.Single(p => p.OutputPath.StartsWith("leaderboard/", StringComparison.Ordinal)).Model.ShouldBeOfType<LeaderboardPageModel>().Pager.ShouldBeNull();
    }

    [Fact]
    public void A_long_pager_shows_the_first_and_last_page_and_two_either_side()
    {
        var paging = Paging.For("models/", 20 * 200, 200, "models")[9];

        var view = paging.View("../../../");
        var numbers = view!.Pages.Select(p => p.Number).ToList();

        numbers.ShouldBe([1, 0, 8, 9, 10, 11, 12, 0, 20]); // 0 is a gap
        paging.OutputPath.ShouldBe("models/page/10/index.html");
    }

    [Fact]
    public void A_catalog_within_one_page_has_no_pager()
    {
        var site = new SiteModel(Catalog.Compiled);
        var pages = GpuPage.Build(site, site.Catalog.Gpus[0]).ToList();

        pages.Count.ShouldBe(1);
        pages[0].Model.ShouldBeOfType<GpuPageModel>().Pager.ShouldBeNull();
    }

    /// <summary>"gpus/x/page/2/../../../../gpus/x/" -> "gpus/x/".</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part.Length > 0 && part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join("/", parts) + "/";
    }
}
