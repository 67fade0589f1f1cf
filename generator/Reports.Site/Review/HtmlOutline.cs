using System.Net;

namespace Reports.Site.Review;

/// <summary>
/// A small element tree of a page this generator wrote: tag names, ids, classes, aria-hidden and text.
/// Reading the facts of every page through a full HTML5 parser cost more than rendering the pages;
/// our own output is well-formed (every build passes the Nu HTML Checker), so a tokenizer that keeps
/// only what <see cref="FactsManifest"/> looks at is enough. End tags HTML lets authors omit (cells,
/// rows, list items, paragraphs) are closed the way a browser would, for Markdown a post brings in.
/// </summary>
internal sealed class HtmlOutline
{
    private HtmlOutline(string name, HtmlOutline? parent)
    {
        Name = name;
        Parent = parent;
    }

    public string Name { get; }

    public HtmlOutline? Parent { get; }

    public string Id { get; private set; } = "";

    public string Class { get; private set; } = "";

    public bool AriaHidden { get; private set; }

    /// <summary>Child elements and decoded text runs, in document order.</summary>
    public List<object> Children { get; } = [];

    public IEnumerable<HtmlOutline> Elements => Children.OfType<HtmlOutline>();

    public bool HasClass(string name)
    {
        foreach (var part in Class.AsSpan().Split(' '))
        {
            if (Class.AsSpan()[part].SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Descendants in document order (not this element).</summary>
    public IEnumerable<HtmlOutline> Descendants()
    {
        var stack = new Stack<HtmlOutline>();
        for (var i = Children.Count - 1; i >= 0; i--)
        {
            if (Children[i] is HtmlOutline child)
            {
                stack.Push(child);
            }
        }

        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            for (var i = element.Children.Count - 1; i >= 0; i--)
            {
                if (element.Children[i] is HtmlOutline child)
                {
                    stack.Push(child);
                }
            }
        }
    }

    public HtmlOutline? NextElementSibling()
    {
        if (Parent is null)
        {
            return null;
        }

        var siblings = Parent.Children;
        for (var i = siblings.IndexOf(this) + 1; i < siblings.Count; i++)
        {
            if (siblings[i] is HtmlOutline next)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>The text of this element and its descendants, leaving out descendants <paramref name="hidden"/> picks.</summary>
    public void AppendText(System.Text.StringBuilder builder, Func<HtmlOutline, bool> hidden)
    {
        // A stack, not recursion: nesting depth is whatever the page holds, and a deep post must not overflow the stack.
        var pending = new Stack<(HtmlOutline Element, int Next)>();
        pending.Push((this, 0));
        while (pending.Count > 0)
        {
            var (element, next) = pending.Pop();
            for (var i = next; i < element.Children.Count; i++)
            {
                if (element.Children[i] is string text)
                {
                    builder.Append(text);
                }
                else if (element.Children[i] is HtmlOutline child && !hidden(child))
                {
                    pending.Push((element, i + 1));
                    pending.Push((child, 0));
                    break;
                }
            }
        }
    }

    /// <summary>Whether text runs under this element are kept (see <see cref="Parse"/>).</summary>
    private bool KeepsText { get; init; }

    /// <param name="html">A page.</param>
    /// <param name="textWithin">
    /// The element names whose descendants' text is kept, or null for all text. The facts read only tables and
    /// definition lists; a page's prose, kept as strings, was most of what reading it allocated.
    /// </param>
    public static HtmlOutline Parse(string html, IReadOnlySet<string>? textWithin = null)
    {
        var root = new HtmlOutline("#document", null) { KeepsText = textWithin is null };
        var current = root;
        var i = 0;
        var textStart = 0;
        while (i < html.Length)
        {
            // Most of a page is text and attribute values: jump to the next tag with a vectorized search.
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            i = lt;

            var next = html[i + 1];
            if (next == '!' || next == '?')
            {
                AddText(current, html, textStart, i);
                var end = html.AsSpan(i).StartsWith("<!--") ? html.IndexOf("-->", i + 4, StringComparison.Ordinal) + 3 : html.IndexOf('>', i) + 1;
                i = textStart = end <= 2 ? html.Length : end;
                continue;
            }

            if (next == '/')
            {
                AddText(current, html, textStart, i);
                var close = html.IndexOf('>', i);
                var name = HtmlTags.Name(html.AsSpan(i + 2, (close < 0 ? html.Length : close) - i - 2).Trim());
                current = Close(current, name);
                i = textStart = close < 0 ? html.Length : close + 1;
                continue;
            }

            if (!char.IsAsciiLetter(next))
            {
                i++;
                continue;
            }

            AddText(current, html, textStart, i);
            var (tag, after, selfClosing) = ReadStartTag(html, i + 1);
            current = ImpliedEnds(current, tag.Name);
            var element = new HtmlOutline(tag.Name, current) { Id = tag.Id, Class = tag.Class, AriaHidden = tag.AriaHidden, KeepsText = current.KeepsText || textWithin!.Contains(tag.Name) };
            current.Children.Add(element);
            i = textStart = after;
            if (tag.Name is "script" or "style")
            {
                // Raw text: no markup inside, and none of it is visible text.
                var end = html.IndexOf("</" + tag.Name, i, StringComparison.OrdinalIgnoreCase);
                i = textStart = end < 0 ? html.Length : end;
            }
            else if (!selfClosing && !HtmlTags.Void.Contains(tag.Name))
            {
                current = element;
            }
        }

        AddText(current, html, textStart, html.Length);
        return root;
    }

    private static void AddText(HtmlOutline parent, string html, int start, int end)
    {
        if (end > start && parent.KeepsText)
        {
            var raw = html.AsSpan(start, end - start);

            // Whitespace between tags reads as one space wherever it stands, so every such run shares one string.
            parent.Children.Add(raw.IsWhiteSpace() ? " " : raw.Contains('&') ? WebUtility.HtmlDecode(raw.ToString()) : raw.ToString());
        }
    }

    private static HtmlOutline Close(HtmlOutline current, string name)
    {
        for (var e = current; e.Parent is not null; e = e.Parent)
        {
            if (e.Name == name)
            {
                return e.Parent;
            }
        }

        return current; // a stray end tag is ignored, as browsers do
    }

    /// <summary>End tags a browser infers when this start tag opens (the cases well-formed Markdown and templates meet).</summary>
    private static HtmlOutline ImpliedEnds(HtmlOutline current, string name)
    {
        var closes = HtmlTags.ImpliedEnds(name);
        if (closes.Length == 0)
        {
            return current;
        }

        // Only within the nearest table or list: never past it.
        for (var e = current; e.Parent is not null && !HtmlTags.IsScope(e.Name); e = e.Parent)
        {
            if (Array.IndexOf(closes, e.Name) >= 0)
            {
                current = e.Parent;
            }
        }

        return current;
    }

    private readonly record struct StartTag(string Name, string Id, string Class, bool AriaHidden);

    private static (StartTag Tag, int After, bool SelfClosing) ReadStartTag(string html, int start)
    {
        var i = start;
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('>' or '/'))
        {
            i++;
        }

        var name = HtmlTags.Name(html.AsSpan(start, i - start));
        string id = "", cls = "";
        var ariaHidden = false;
        var selfClosing = false;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '>')
            {
                i++;
                break;
            }

            if (c == '/' || char.IsWhiteSpace(c))
            {
                selfClosing = c == '/';
                i++;
                continue;
            }

            selfClosing = false;
            var nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var attribute = html.AsSpan(nameStart, i - nameStart);
            var valueSpan = ReadOnlySpan<char>.Empty;
            if (i < html.Length && html[i] == '=')
            {
                i++;
                if (i < html.Length && html[i] is '"' or '\'')
                {
                    var quote = html[i];
                    var close = html.IndexOf(quote, i + 1);
                    close = close < 0 ? html.Length : close;
                    valueSpan = html.AsSpan(i + 1, close - i - 1);
                    i = Math.Min(html.Length, close + 1);
                }
                else
                {
                    var valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    valueSpan = html.AsSpan(valueStart, i - valueStart);
                }
            }

            // Only three attributes are kept; the others (a tooltip's title is most of a table's bytes) are never copied.
            var value = attribute.Equals("id", StringComparison.OrdinalIgnoreCase) || attribute.Equals("class", StringComparison.OrdinalIgnoreCase) || attribute.Equals("aria-hidden", StringComparison.OrdinalIgnoreCase)
                ? valueSpan.ToString()
                : "";

            if (attribute.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                id = Decode(value);
            }
            else if (attribute.Equals("class", StringComparison.OrdinalIgnoreCase))
            {
                cls = string.Join(' ', Decode(value).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
            else if (attribute.Equals("aria-hidden", StringComparison.OrdinalIgnoreCase))
            {
                ariaHidden = Decode(value) == "true";
            }
        }

        return (new StartTag(name, id, cls, ariaHidden), i, selfClosing);
    }

    private static string Decode(string value) => value.Contains('&') ? WebUtility.HtmlDecode(value) : value;
}
