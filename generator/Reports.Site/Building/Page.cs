namespace Reports.Site.Building;

/// <summary>One page to render: where it goes, which template, and the values the template sees.</summary>
public sealed record Page(string OutputPath, string Template, string Title, string Description, IReadOnlyDictionary<string, object?> Model)
{
    /// <summary>The page's URL path: "models/x/index.html" -> "/models/x/".</summary>
    public string UrlPath => "/" + (OutputPath.EndsWith("index.html", StringComparison.Ordinal) ? OutputPath[..^"index.html".Length] : OutputPath);
}
