using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Reports.Site.Posts;

/// <summary>
/// A second, independent check of a post's HTML after Markdig: whatever an extension or a future
/// Markdig emits, a post without <c>allow_html</c> publishes only these elements and attributes, and
/// no post publishes a URL outside <see cref="UrlPolicy"/>.
/// </summary>
public static class MarkupGuard
{
    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "del", "ins", "mark", "sub", "sup",
        "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
        "tr", "th", "td", "col", "colgroup", "img", "hr", "br", "abbr", "figure", "figcaption", "input", "div",
        "span", "svg", "path",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "id", "class", "href", "src", "alt", "title", "style", "colspan", "rowspan", "start", "type", "disabled",
        "checked", "aria-hidden", "viewbox", "version", "width", "height", "d",
    };

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "background", "cite"];

    /// <summary>The deepest a post's own elements may nest: half of what browsers build, the rest left to the page around it.</summary>
    public const int MaxDepth = Checks.HtmlNesting.MaxDepth / 2;

    /// <summary>Every problem in the fragment, as a sentence; none when it is safe to publish.</summary>
    public static IReadOnlyList<string> Problems(string html, bool allowHtml)
    {
        // Checked before any tree is built: a tree builder is quadratic in nesting depth.
        if (Checks.HtmlNesting.Scan(html, MaxDepth).TooDeep is { } deep)
        {
            return ["its elements nest more than " + MaxDepth + " deep (a <" + deep.Name + "> on line " + deep.Line + " of its HTML); browsers stop nesting at " + Checks.HtmlNesting.MaxDepth + " levels, counting the page around the post"];
        }

        var problems = new List<string>();
        var parser = new HtmlParser();
        var body = parser.ParseDocument("<!doctype html><html><body>" + html + "</body></html>").Body!;
        foreach (var element in body.Descendants<IElement>())
        {
            var name = element.LocalName;
            if (!allowHtml && !Elements.Contains(name))
            {
                problems.Add("the element <" + name + "> is not allowed in a post without allow_html");
                continue;
            }

            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                if (UrlAttributes.Contains(attributeName) && !UrlPolicy.IsAllowed(attribute.Value, out var scheme))
                {
                    problems.Add("<" + name + " " + attributeName + "> uses the scheme '" + scheme + ":'; posts may link to " + UrlPolicy.Allowed);
                }
                else if (!allowHtml && !Attributes.Contains(attributeName))
                {
                    problems.Add("the attribute '" + attributeName + "' on <" + name + "> is not allowed in a post without allow_html");
                }
                else if (!allowHtml && attributeName == "style" && !IsAlignment(attribute.Value))
                {
                    problems.Add("the style '" + attribute.Value + "' on <" + name + "> is not allowed; only table alignment is");
                }
                else if (!allowHtml && attributeName == "type" && !(name == "input" && attribute.Value == "checkbox"))
                {
                    problems.Add("<" + name + " type=\"" + attribute.Value + "\"> is not allowed; only task-list checkboxes are");
                }
            }
        }

        return problems;
    }

    // Pipe and grid tables align columns with an inline style; nothing else may carry one.
    private static bool IsAlignment(string style)
        => style.Trim().TrimEnd(';').Replace(" ", "", StringComparison.Ordinal) is "text-align:left" or "text-align:right" or "text-align:center";
}
