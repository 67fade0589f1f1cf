using Reports.Site.Review;

namespace Reports.Site.Checks;

/// <summary>Where an element stands in a document: its name and the 1-based line and column of its start tag.</summary>
public readonly record struct OpenElement(string Name, int Line, int Column);

/// <summary>What <see cref="HtmlNesting.Scan"/> found: the first place elements nest too deeply, and the elements never closed (closed only by an ancestor's end tag or the end of the file), in document order.</summary>
public sealed record NestingReport(OpenElement? TooDeep, IReadOnlyList<OpenElement> Unclosed);

/// <summary>
/// How deeply a document's elements nest, read in one linear pass before any full HTML parser sees it.
/// A tree builder checks the open elements on every tag, so a page with 100,000 unclosed &lt;div&gt;s
/// costs it minutes; Chromium stops nesting at 512 levels and shows such a page flattened, unlike what
/// its author wrote. Past <see cref="MaxDepth"/> a document is reported here and not parsed further.
/// </summary>
public static class HtmlNesting
{
    /// <summary>Chromium's HTML parser nests no deeper (kMaximumHTMLParserDOMTreeDepth).</summary>
    public const int MaxDepth = 512;

    /// <summary>Elements whose end tag HTML lets an author leave out: never "unclosed".</summary>
    private static readonly HashSet<string> OptionalEnd = new(StringComparer.Ordinal)
    {
        "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
        "caption", "option", "optgroup", "rb", "rt", "rp", "rtc",
    };

    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
        "table", "ul",
    };

    /// <param name="maxDepth">The deepest nesting allowed; the scan stops at the first element past it.</param>
    public static NestingReport Scan(string html, int maxDepth = MaxDepth)
    {
        var open = new List<OpenElement>();
        var unclosed = new List<OpenElement>();
        var openByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var line = 1;
        var lineStart = 0;
        var i = 0;

        void Pop()
        {
            var name = open[^1].Name;
            open.RemoveAt(open.Count - 1);
            openByName[name]--;
        }

        // Line breaks are counted as the scan passes them, each found once, so positions cost nothing extra.
        var nextBreak = html.IndexOf('\n');
        void MoveTo(int target)
        {
            while (nextBreak >= 0 && nextBreak < target)
            {
                line++;
                lineStart = nextBreak + 1;
                nextBreak = html.IndexOf('\n', lineStart);
            }

            i = target;
        }

        while (true)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            MoveTo(lt);
            var next = html[i + 1];
            if (next is '!' or '?')
            {
                var end = html.AsSpan(i).StartsWith("<!--") ? html.IndexOf("-->", i + 4, StringComparison.Ordinal) : html.IndexOf('>', i);
                MoveTo(end < 0 ? html.Length : end + 1);
                continue;
            }

            var closing = next == '/';
            var nameStart = i + (closing ? 2 : 1);
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                MoveTo(i + 1);
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            var tag = new OpenElement(name, line, i - lineStart + 1);
            var (after, selfClosing) = EndOfTag(html, nameEnd);
            MoveTo(after);
            if (closing)
            {
                // An end tag closes its element and everything left open inside it; a stray one is ignored.
                if (openByName.GetValueOrDefault(name) > 0)
                {
                    while (open[^1].Name != name)
                    {
                        if (!OptionalEnd.Contains(open[^1].Name))
                        {
                            unclosed.Add(open[^1]);
                        }

                        Pop();
                    }

                    Pop();
                }

                continue;
            }

            var closes = HtmlTags.ImpliedEnds(name);
            if (closes.Length > 0)
            {
                // The outermost element it closes within the nearest table or list; what is open inside
                // that one closes with it. The walk is bounded by the depth limit.
                var outermost = -1;
                for (var j = open.Count - 1; j >= 0 && !HtmlTags.IsScope(open[j].Name); j--)
                {
                    if (Array.IndexOf(closes, open[j].Name) >= 0)
                    {
                        outermost = j;
                    }
                }

                while (outermost >= 0 && open.Count > outermost)
                {
                    if (!OptionalEnd.Contains(open[^1].Name))
                    {
                        unclosed.Add(open[^1]);
                    }

                    Pop();
                }
            }
            else if (ClosesParagraph.Contains(name) && open.Count > 0 && open[^1].Name == "p")
            {
                Pop();
            }

            // "/>" closes an element only in SVG and MathML; in HTML a <div/> is an open <div>.
            var foreign = name is "svg" or "math" || openByName.GetValueOrDefault("svg") > 0 || openByName.GetValueOrDefault("math") > 0;
            if (HtmlTags.Void.Contains(name) || (selfClosing && foreign))
            {
                continue;
            }

            open.Add(tag);
            openByName[name] = openByName.GetValueOrDefault(name) + 1;
            if (open.Count > maxDepth)
            {
                return new NestingReport(tag, []);
            }

            if (name is "script" or "style" or "textarea" or "title")
            {
                var end = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                MoveTo(end < 0 ? html.Length : end);
            }
        }

        unclosed.AddRange(open.Where(e => !OptionalEnd.Contains(e.Name)));
        unclosed.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new NestingReport(null, unclosed);
    }

    /// <summary>The index after a tag's closing '&gt;' (quoted attribute values may hold one), and whether it ends in "/&gt;".</summary>
    private static (int After, bool SelfClosing) EndOfTag(string html, int i)
    {
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                return (i + 1, html[i - 1] == '/');
            }

            i++;
            if (c != '=')
            {
                continue;
            }

            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i < html.Length && html[i] is '"' or '\'')
            {
                var close = html.IndexOf(html[i], i + 1);
                i = close < 0 ? html.Length : close + 1;
            }
        }

        return (html.Length, false);
    }
}
