using System.Globalization;
using System.Net;
using System.Text;

namespace Reports.Site.Review;

/// <summary>One number that changed on a page.</summary>
public sealed record FactChange(string Key, Fact? Old, Fact? New)
{
    /// <summary>(new - old) / |old|; 1 for a number that appeared or disappeared.</summary>
    public double Relative => Old is null || New is null ? 1 : Old.Value == 0 ? (New.Value == 0 ? 0 : 1) : (New.Value - Old.Value) / Math.Abs(Old.Value);
}

public sealed record PageChange(string Path, IReadOnlyList<FactChange> Facts)
{
    public bool MarkupOnly => Facts.Count == 0;

    public double Importance => Facts.Count == 0 ? 0 : Facts.Max(f => Math.Abs(f.Relative));
}

public sealed record SiteDiffResult(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<PageChange> Changed, int Unchanged);

/// <summary>What a data or template change did to the site: pages added, removed, changed, and each number old -> new.</summary>
public static class SiteDiff
{
    public static SiteDiffResult Compare(IReadOnlyList<PageFacts> before, IReadOnlyList<PageFacts> after)
    {
        var old = before.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var now = after.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var added = now.Keys.Where(p => !old.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var removed = old.Keys.Where(p => !now.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var changed = new List<PageChange>();
        var unchanged = 0;
        foreach (var (path, page) in now.Where(p => old.ContainsKey(p.Key)))
        {
            var previous = old[path];
            if (previous.Hash == page.Hash)
            {
                unchanged++;
                continue;
            }

            var a = previous.Facts.ToDictionary(f => f.Key, StringComparer.Ordinal);
            var b = page.Facts.ToDictionary(f => f.Key, StringComparer.Ordinal);
            var facts = a.Keys.Union(b.Keys)
                .Select(k => new FactChange(k, a.GetValueOrDefault(k), b.GetValueOrDefault(k)))
                .Where(f => f.Old is null || f.New is null || f.Old.Value != f.New.Value || f.Old.Text != f.New.Text)
                .OrderByDescending(f => Math.Abs(f.Relative))
                .ThenBy(f => f.Key, StringComparer.Ordinal)
                .ToList();
            changed.Add(new PageChange(path, facts));
        }

        return new SiteDiffResult(
            added,
            removed,
            changed.OrderByDescending(c => c.Importance).ThenBy(c => c.Path, StringComparer.Ordinal).ToList(),
            unchanged);
    }

    /// <summary>
    /// The report for a pull-request comment. Every piece of page text is escaped (a post's table cell
    /// can hold anything, and the comment must show it, not render it), each quoted text is cut to
    /// <see cref="MaxQuoted"/> characters and the whole report to <paramref name="maxChars"/>: a comment
    /// GitHub refuses, or one a reader cannot scroll, helps nobody.
    /// </summary>
    public static string Markdown(SiteDiffResult diff, string? baseUrl, int maxPages = 25, int maxFacts = 8, int maxChars = MaxChars)
    {
        var report = Uncapped(diff, baseUrl, maxPages, maxFacts);
        if (report.Length <= maxChars)
        {
            return report;
        }

        var cut = report.LastIndexOf('\n', maxChars - CutNote.Length - 1);
        return report[..(cut < 0 ? 0 : cut + 1)] + CutNote;
    }

    /// <summary>GitHub refuses comments over 65,536 characters; this leaves room for a bot's own header.</summary>
    public const int MaxChars = 60_000;

    /// <summary>The longest key, number text or path quoted in the Markdown report.</summary>
    public const int MaxQuoted = 200;

    private const string CutNote = "\n... the report is cut here; the HTML report has every change.\n";

    private static string Uncapped(SiteDiffResult diff, string? baseUrl, int maxPages, int maxFacts)
    {
        var s = new StringBuilder();
        s.AppendLine("## Site preview: what changed");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"**{diff.Changed.Count} changed**, {diff.Added.Count} added, {diff.Removed.Count} removed, {diff.Unchanged} unchanged pages.");
        if (diff.Added.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("Added: " + Capped(diff.Added.Select(p => Link(p, baseUrl)), maxPages));
        }

        if (diff.Removed.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("Removed: " + Capped(diff.Removed.Select(Code), maxPages));
        }

        foreach (var page in diff.Changed.Take(maxPages))
        {
            s.AppendLine();
            s.Append("### ").AppendLine(Link(page.Path, baseUrl));
            if (page.MarkupOnly)
            {
                s.AppendLine("markup only: no number changed");
                continue;
            }

            foreach (var fact in page.Facts.Take(maxFacts))
            {
                s.Append("- ").Append(Code(fact.Key)).Append(": ").AppendLine(Describe(fact));
            }

            if (page.Facts.Count > maxFacts)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"- and {page.Facts.Count - maxFacts} more");
            }
        }

        if (diff.Changed.Count > maxPages)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"and {diff.Changed.Count - maxPages} more changed pages (see the HTML report).");
        }

        return s.ToString();
    }

    public static string Html(SiteDiffResult diff, string? baseUrl)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        string A(string path) => "<a href=\"" + E(Href(baseUrl ?? "", path)) + "\">" + E(path) + "</a>";
        var s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Site preview: what changed</title>\n<style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}.up{color:#116329}.down{color:#a40e26}</style></head><body>\n");
        s.Append(CultureInfo.InvariantCulture, $"<h1>Site preview: what changed</h1><p><strong>{diff.Changed.Count} changed</strong>, {diff.Added.Count} added, {diff.Removed.Count} removed, {diff.Unchanged} unchanged pages.</p>\n");
        if (diff.Added.Count > 0)
        {
            s.Append("<h2>Added</h2><ul>").Append(string.Concat(diff.Added.Select(p => "<li>" + A(p) + "</li>"))).Append("</ul>\n");
        }

        if (diff.Removed.Count > 0)
        {
            s.Append("<h2>Removed</h2><ul>").Append(string.Concat(diff.Removed.Select(p => "<li>" + E(p) + "</li>"))).Append("</ul>\n");
        }

        foreach (var page in diff.Changed)
        {
            s.Append("<h2>").Append(A(page.Path)).Append("</h2>");
            if (page.MarkupOnly)
            {
                s.Append("<p>markup only: no number changed</p>\n");
                continue;
            }

            s.Append("<table><thead><tr><th>Number</th><th>Before</th><th>After</th><th>Change</th></tr></thead><tbody>");
            foreach (var f in page.Facts)
            {
                var css = f.Relative > 0 ? "up" : f.Relative < 0 ? "down" : "";
                s.Append("<tr><td>").Append(E(f.Key)).Append("</td><td>").Append(E(f.Old?.Text ?? "(none)")).Append("</td><td>").Append(E(f.New?.Text ?? "(none)"))
                    .Append("</td><td class=\"").Append(css).Append("\">").Append(E(Relative(f))).Append("</td></tr>");
            }

            s.Append("</tbody></table>\n");
        }

        return s.Append("</body></html>\n").ToString();
    }

    private static string Describe(FactChange f)
        => f.Old is null ? "new: " + Text(f.New!.Text)
            : f.New is null ? "removed (was " + Text(f.Old.Text) + ")"
            : Text(f.Old.Text) + " -> " + Text(f.New.Text) + " (" + Relative(f) + ")";

    /// <summary>
    /// Page text as Markdown that shows it literally: every character GitHub reads as markup mid-line
    /// (emphasis, links, tables, math, mentions, issue references, HTML) backslash-escaped or an entity,
    /// line breaks as spaces.
    /// </summary>
    internal static string Text(string text)
    {
        var s = new StringBuilder();
        foreach (var c in Quoted(text))
        {
            _ = c switch
            {
                '<' => s.Append("&lt;"),
                '>' => s.Append("&gt;"),
                '&' => s.Append("&amp;"),
                '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '{' or '}' or '|' or '~' or '!' or '$' or '@' or '#' or ':' => s.Append('\\').Append(c),
                _ when char.IsControl(c) || char.IsWhiteSpace(c) => s.Append(' '),
                _ => s.Append(c),
            };
        }

        return s.ToString();
    }

    /// <summary>A key or path as a code span: no Markdown or HTML inside one is read, so only its fence needs care.</summary>
    internal static string Code(string text)
    {
        var quoted = Quoted(text).Replace('`', '\'').Replace('\n', ' ').Replace('\r', ' ');
        return "`" + (quoted.StartsWith(' ') || quoted.EndsWith(' ') ? " " + quoted + " " : quoted) + "`";
    }

    private static string Quoted(string text) => text.Length <= MaxQuoted ? text : text[..(MaxQuoted - 3)] + "...";

    private static string Relative(FactChange f)
        => f.Old is null || f.New is null ? "" : (f.Relative * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    private static string Link(string path, string? baseUrl)
        => baseUrl is null ? Code(path) : "[" + Text(path) + "](" + Href(baseUrl, path) + ")";

    /// <summary>The preview URL of a page: each path segment percent-encoded, and nothing in the base that ends a Markdown link.</summary>
    private static string Href(string baseUrl, string path)
    {
        var root = new StringBuilder();
        foreach (var c in baseUrl.TrimEnd('/'))
        {
            _ = c is '(' or ')' or '<' or '>' or '"' or '\'' or '`' || char.IsWhiteSpace(c) || char.IsControl(c)
                ? root.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture))
                : root.Append(c);
        }

        return root + "/" + string.Join('/', UrlOf(path).Split('/').Select(Uri.EscapeDataString));
    }

    private static string UrlOf(string path) => path.EndsWith("index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path;

    private static string Capped(IEnumerable<string> items, int max)
    {
        var list = items.ToList();
        return string.Join(", ", list.Take(max)) + (list.Count > max ? ", and " + (list.Count - max) + " more" : "");
    }
}
