using Reports.Site.Pages;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reports.Site.Building;

/// <summary>sitemap.xml, robots.txt and the client-side search index, derived from the page list.</summary>
public static class MachineReadable
{
    /// <summary>The sitemaps.org protocol's limit of URLs per sitemap file; past it, sitemap.xml becomes an index.</summary>
    public const int SitemapLimit = 50_000;

    public static IEnumerable<(string Path, string Text)> Files(IReadOnlyList<Page> pages, string baseUrl, int sitemapLimit = SitemapLimit)
    {
        var listed = pages.Where(p => p.OutputPath != "404.html").OrderBy(p => p.UrlPath, StringComparer.Ordinal).ToList();
        var parts = listed.Chunk(sitemapLimit).ToList();
        if (parts.Count <= 1)
        {
            yield return ("sitemap.xml", UrlSet(listed, baseUrl));
        }
        else
        {
            var index = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            for (var i = 0; i < parts.Count; i++)
            {
                var name = "sitemap-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".xml";
                yield return (name, UrlSet(parts[i], baseUrl));
                index.Append("  <sitemap><loc>").Append(WebUtility.HtmlEncode(baseUrl + name)).Append("</loc></sitemap>\n");
            }

            yield return ("sitemap.xml", index.Append("</sitemapindex>\n").ToString());
        }

        yield return ("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: " + baseUrl + "sitemap.xml\n");

        // Models first, then accelerators, comparisons, posts and guides: a name typed in the header finds the
        // model's own page before the comparisons that mention it.
        var search = new JsonArray(listed.Where(p => p.Kind.Length > 0).OrderBy(p => Array.IndexOf(SearchOrder, p.Kind)).ThenBy(p => p.UrlPath, StringComparer.Ordinal).Select(p =>
        {
            var entry = new JsonObject
            {
                ["t"] = p.Title,
                ["u"] = p.UrlPath.TrimStart('/'),
                ["d"] = p.Description,
                ["k"] = p.Kind,
            };
            if (p.Vendor.Length > 0)
            {
                entry["v"] = p.Vendor;
            }

            if (p.Aliases.Count > 0)
            {
                entry["a"] = string.Join(" ", p.Aliases);
            }

            return (JsonNode?)entry;
        }).ToArray());
        yield return ("search-index.json", search.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
    }

    private static readonly string[] SearchOrder = ["Model", "Accelerator", "Comparison", "Post", "Guide"];

    private static string UrlSet(IEnumerable<Page> pages, string baseUrl)
    {
        var sitemap = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var page in pages)
        {
            sitemap.Append("  <url><loc>").Append(WebUtility.HtmlEncode(baseUrl + page.UrlPath.TrimStart('/'))).Append("</loc></url>\n");
        }

        return sitemap.Append("</urlset>\n").ToString();
    }
}
