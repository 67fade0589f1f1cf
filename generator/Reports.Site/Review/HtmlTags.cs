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

    private static readonly string[] Cells = ["td", "th"];
    private static readonly string[] Row = ["tr", "td", "th"];
    private static readonly string[] Group = ["thead", "tbody", "tfoot", "tr", "td", "th"];
    private static readonly string[] Item = ["li"];
    private static readonly string[] Term = ["dt", "dd"];
    private static readonly string[] Option = ["option"];

    /// <summary>The open elements a start tag of <paramref name="name"/> closes first; empty when it closes none.</summary>
    public static string[] ImpliedEnds(string name) => name switch
    {
        "td" or "th" => Cells,
        "tr" => Row,
        "thead" or "tbody" or "tfoot" => Group,
        "li" => Item,
        "dt" or "dd" => Term,
        "option" => Option,
        _ => [],
    };

    private static readonly System.Collections.Frozen.FrozenSet<string> Common = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        "html", "head", "body", "header", "footer", "main", "nav", "section", "article", "aside", "div", "span", "p", "a", "h1", "h2", "h3", "h4",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "ul", "ol", "li", "dl", "dt", "dd", "code", "pre", "strong", "em", "small",
        "details", "summary", "figure", "figcaption", "time", "abbr", "sup", "sub", "br", "img", "meta", "link", "title", "script", "style",
        "svg", "g", "path", "text", "line", "rect", "circle", "polyline", "desc", "button", "input", "label", "select", "option", "form",
    ], StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonBySpan = Common.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A tag name in lower case, the same string each time for the tags our pages use (a page has thousands of cells).</summary>
    public static string Name(ReadOnlySpan<char> name)
        => CommonBySpan.TryGetValue(name, out var known) ? known : name.ToString().ToLowerInvariant();

    /// <summary>Implied ends stop at the nearest of these: a cell never closes past its table, an item past its list.</summary>
    public static bool IsScope(string name) => name is "table" or "ul" or "ol" or "dl" or "select";
}
