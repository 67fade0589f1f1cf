namespace Reports.Site.Review;

/// <summary>
/// What HTML says of tags, for the two light readers of our pages (the nesting check and
/// <see cref="HtmlOutline"/>): which elements never have content, and which end tags a start
/// tag implies, as a browser infers them in the cases Markdown and templates meet.
/// </summary>
public static class HtmlTags
{
    public static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    /// <summary>The open elements a start tag of <paramref name="name"/> closes first; empty when it closes none.</summary>
    public static string[] ImpliedEnds(string name) => name switch
    {
        "td" or "th" => ["td", "th"],
        "tr" => ["tr", "td", "th"],
        "thead" or "tbody" or "tfoot" => ["thead", "tbody", "tfoot", "tr", "td", "th"],
        "li" => ["li"],
        "dt" or "dd" => ["dt", "dd"],
        "option" => ["option"],
        _ => [],
    };

    /// <summary>Implied ends stop at the nearest of these: a cell never closes past its table, an item past its list.</summary>
    public static bool IsScope(string name) => name is "table" or "ul" or "ol" or "dl" or "select";
}
