using Reports.Site.Deriving;

namespace Reports.Site.Pages;

/// <summary>Decides which pages the catalog produces. Pure: the derived site model in, the page list out.</summary>
public static class PagePlanner
{
    /// <summary>
    /// The planned pages for a set of posts and a base URL, planned once per site model: a preview rebuild after a
    /// template edit re-renders without deriving every page's numbers again.
    /// </summary>
    public static IReadOnlyList<Page> Plan(SiteModel site, Posts.PostSet posts, string baseUrl)
    {
        var key = "plan|" + baseUrl + "|" + posts.Fingerprint;
        return site.Memo(key, () => PlanAll(site, posts, baseUrl));
    }

    private static IReadOnlyList<Page> PlanAll(SiteModel site, Posts.PostSet posts, string baseUrl)
    {
        var pages = new List<Page>(IndexPages.Build(site, posts));
        pages.AddRange(site.Catalog.Models.AsParallel().AsOrdered().Select(m => ModelPage.Build(site, m, posts.About(m.Id))));
        pages.AddRange(site.Catalog.Gpus.AsParallel().AsOrdered().SelectMany(g => GpuPage.Build(site, g)));
        pages.AddRange(site.ComparePairs.AsParallel().AsOrdered().Select(p => ComparePage.Build(site, p.A, p.B)));
        pages.AddRange(PostPages.Build(site, posts, baseUrl));
        return pages;
    }
}
