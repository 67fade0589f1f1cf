using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reports.Site.Building;

/// <summary>sitemap.xml, robots.txt and the client-side search index, derived from the page list.</summary>
public static class MachineReadable
{
    public static IEnumerable<(string Path, string Text)> Files(IReadOnlyList<Page> pages, string baseUrl)
    {
        var listed = pages.Where(p => p.OutputPath != "404.html").OrderBy(p => p.UrlPath, StringComparer.Ordinal).ToList();
        var sitemap = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var page in listed)
        {
            sitemap.Append("  <url><loc>").Append(WebUtility.HtmlEncode(baseUrl + page.UrlPath.TrimStart('/'))).Append("</loc></url>\n");
        }

        sitemap.Append("</urlset>\n");
        yield return ("sitemap.xml", sitemap.ToString());
        yield return ("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: " + baseUrl + "sitemap.xml\n");

        var index = new JsonArray(listed.Select(p => (JsonNode?)new JsonObject
        {
            ["t"] = p.Title,
            ["u"] = p.UrlPath.TrimStart('/'),
            ["d"] = p.Description,
        }).ToArray());
        yield return ("search-index.json", index.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
    }
}
