using Reports.Site.Pages;

namespace Reports.Site.Building;

/// <summary>Decides which pages the catalog produces. Pure: the derived site model in, the page list out.</summary>
public static class PagePlanner
{
    public static IReadOnlyList<Page> Plan(SiteModel site, Posts.PostSet posts, string baseUrl)
    {
        var pages = new List<Page>(IndexPages.Build(site, posts));
        pages.AddRange(site.Catalog.Models.AsParallel().AsOrdered().Select(m => ModelPage.Build(site, m, posts.About(m.Id))));
        pages.AddRange(site.Catalog.Gpus.AsParallel().AsOrdered().SelectMany(g => GpuPage.Build(site, g)));
        pages.AddRange(site.ComparePairs.AsParallel().AsOrdered().Select(p => ComparePage.Build(site, p.A, p.B)));
        pages.AddRange(PostPages.Build(site, posts, baseUrl));
        return pages;
    }
}
