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

    public static string Markdown(SiteDiffResult diff, string? baseUrl, int maxPages = 25, int maxFacts = 8)
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
            s.AppendLine("Removed: " + Capped(diff.Removed.Select(p => "`" + p + "`"), maxPages));
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
                s.Append("- `").Append(fact.Key.Replace("`", "'", StringComparison.Ordinal)).Append("`: ").AppendLine(Describe(fact));
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
        string A(string path) => "<a href=\"" + E((baseUrl ?? "").TrimEnd('/') + "/" + UrlOf(path)) + "\">" + E(path) + "</a>";
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
        => f.Old is null ? "new: " + f.New!.Text
            : f.New is null ? "removed (was " + f.Old.Text + ")"
            : f.Old.Text + " -> " + f.New.Text + " (" + Relative(f) + ")";

    private static string Relative(FactChange f)
        => f.Old is null || f.New is null ? "" : (f.Relative * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    private static string Link(string path, string? baseUrl)
        => baseUrl is null ? "`" + path + "`" : "[" + path + "](" + baseUrl.TrimEnd('/') + "/" + UrlOf(path) + ")";

    private static string UrlOf(string path) => path.EndsWith("index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path;

    private static string Capped(IEnumerable<string> items, int max)
    {
        var list = items.ToList();
        return string.Join(", ", list.Take(max)) + (list.Count > max ? ", and " + (list.Count - max) + " more" : "");
    }
}
