using Reports.Site.Deriving;
using Reports.Site.Pages;

namespace Reports.Site.Api;

/// <summary>The site's JSON API: the catalog's files, the compare picker's cards and the what-if grids.</summary>
public static class SiteApi
{
    /// <summary>The JSON API files, which depend only on the catalog and the base URL: produced one at a time, never all held.</summary>
    public static IEnumerable<(string Path, string Json)> Files(SiteModel site, string baseUrl)
    {
        foreach (var file in ApiWriter.Files(site.Catalog, baseUrl, id => site.RecommendationsFor(id, ModelPage.RecommendationsShown)))
        {
            yield return file;
        }

        yield return (CompareCard.ApiPath, ApiWriter.Write(CompareCard.Json(site)));

        // The what-if grids are the costliest files: computed in parallel, written in catalog order.
        foreach (var file in site.Catalog.Models.AsParallel().AsOrdered().Select(m => WhatIfGrid.File(site, m)))
        {
            yield return file;
        }
    }
}
