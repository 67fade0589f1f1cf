using Reports.Site.Rendering;
using Reports.Specs.Content;

namespace Reports.Site.Pages;

/// <summary>
/// What the page shell (layouts/base.html) shows of every page: titles and description, the canonical and social
/// links, the search filters, the way back to the site's root, and the rendered page itself as <see cref="Content"/>.
/// </summary>
public sealed record LayoutModel(
    SiteData Site,
    string PageTitle,
    string PageKind,
    string OgImage,
    string PageVendor,
    string PageAliases,
    string PageDescription,
    string PageUrl,
    string CanonicalUrl,
    string Root,
    bool ErrorBands)
{
    /// <summary>The page's own template, rendered; null while that template renders.</summary>
    public Html? Content { get; init; }

    public static LayoutModel For(Page page, SiteData site, string baseUrl, bool errorBands) => new(
        site,
        page.Title,
        page.Kind,
        page.Card is null ? "" : baseUrl + page.CardPath,
        page.Vendor,
        string.Join(" ", page.Aliases),
        page.Description,
        page.UrlPath,
        baseUrl + page.UrlPath.TrimStart('/'),
        // The 404 page is served at any missing URL, so its links must not be relative.
        page.OutputPath == "404.html" ? SitePaths.RootPath(baseUrl) : SitePaths.RelativeRoot(page.OutputPath),
        // Speeds carry an error band only when the held-out table exists; the note explaining "±" follows it.
        errorBands);
}
