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

/// <summary>A held-out error of the speed model (calibration.yaml) that moved: the site's accuracy claims move with it.</summary>
public sealed record CalibrationDrift(string Category, string Measure, double Old, double New)
{
    /// <summary>Further from zero is worse, for an error and for a bias alike.</summary>
    public bool Worse => Math.Abs(New) > Math.Abs(Old);
}

/// <param name="Inputs">The data, posts and templates that changed; null when either build kept no record of its inputs.</param>
public sealed record SiteDiffResult(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<PageChange> Changed, int Unchanged)
{
    public IReadOnlyList<InputChange>? Inputs { get; init; }

    public IReadOnlyList<CalibrationDrift> Drift { get; init; } = [];

    /// <summary>Pages of the entities whose data file changed (the H100's page after an edit to h100-sxm.yaml).</summary>
    public IReadOnlySet<string> EditedPages { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>What a data or template change did to the site: the data that changed, then pages added, removed, changed, and each number old -> new.</summary>
public static class SiteDiff
{
    public static SiteDiffResult Compare(IReadOnlyList<PageFacts> before, IReadOnlyList<PageFacts> after, IReadOnlyList<InputValue>? inputsBefore = null, IReadOnlyList<InputValue>? inputsAfter = null)
    {
        var old = before.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var now = after.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var added = now.Keys.Where(p => !old.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var removed = old.Keys.Where(p => !now.ContainsKey(p)).Order(StringComparer.Ordinal).ToList();
        var inputs = inputsBefore is null || inputsAfter is null ? null : InputChange.Compare(inputsBefore, inputsAfter);
        var edited = (inputs ?? []).Select(c => c.OwnPage).OfType<string>().ToHashSet(StringComparer.Ordinal);
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
                .OrderByDescending(f => f.Old is not null && f.New is not null) // a number that moved says more than a row that appeared
                .ThenByDescending(f => Math.Abs(f.Relative))
                .ThenBy(f => f.Key, StringComparer.Ordinal)
                .ToList();
            changed.Add(new PageChange(path, facts));
        }

        return new SiteDiffResult(
            added,
            removed,
            changed.OrderByDescending(c => edited.Contains(c.Path)).ThenByDescending(c => c.Importance).ThenBy(c => c.Path, StringComparer.Ordinal).ToList(),
            unchanged)
        {
            Inputs = inputs,
            Drift = Drifts(inputs ?? []),
            EditedPages = edited,
        };
    }

    /// <summary>calibration.yaml's held-out median, p90 and bias per category, where they changed.</summary>
    private static List<CalibrationDrift> Drifts(IReadOnlyList<InputChange> inputs)
    {
        const string Prefix = "held_out[";
        var drifts = new List<CalibrationDrift>();
        foreach (var change in inputs.Where(c => c.File == "content/calibration.yaml" && c.Key.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var close = change.Key.LastIndexOf("].", StringComparison.Ordinal);
            var measure = close < 0 ? "" : change.Key[(close + 2)..];
            if (measure is "median" or "p90" or "bias"
                && double.TryParse(change.Old, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                && double.TryParse(change.New, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
            {
                drifts.Add(new CalibrationDrift(change.Key[Prefix.Length..close], measure, a, b));
            }
        }

        return drifts;
    }

    /// <summary>
    /// The report for a pull-request comment. Every piece of page text is escaped (a post's table cell
    /// can hold anything, and the comment must show it, not render it), each quoted text is cut to
    /// <see cref="MaxQuoted"/> characters and the whole report to <paramref name="maxChars"/>: a comment
    /// GitHub refuses, or one a reader cannot scroll, helps nobody.
    /// </summary>
    public static string Markdown(SiteDiffResult diff, string? baseUrl, int maxPages = 25, int maxFacts = 8, int maxChars = MaxChars, int maxInputs = 40)
    {
        var report = Uncapped(diff, baseUrl, maxPages, maxFacts, maxInputs);
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

    private static string Uncapped(SiteDiffResult diff, string? baseUrl, int maxPages, int maxFacts, int maxInputs)
    {
        var s = new StringBuilder();
        s.AppendLine("## Site preview: what changed");
        s.AppendLine();
        if (diff.Drift.Count > 0)
        {
            var worse = diff.Drift.Any(d => d.Worse);
            s.AppendLine(worse
                ? "> [!WARNING]\n> The speed model's held-out error grew: " + string.Join("; ", diff.Drift.Where(d => d.Worse).Select(Drift)) + "."
                : "> [!NOTE]\n> The speed model's held-out error moved: " + string.Join("; ", diff.Drift.Select(Drift)) + ".");
            s.AppendLine();
        }

        if (diff.Inputs is { } inputs)
        {
            s.AppendLine("### Data changed");
            s.AppendLine();
            if (inputs.Count == 0)
            {
                s.AppendLine("No data, post or template changed: the pages below changed through the generator.");
            }

            foreach (var change in inputs.Take(maxInputs))
            {
                s.Append("- ").AppendLine(DescribeInput(change));
            }

            if (inputs.Count > maxInputs)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"- and {inputs.Count - maxInputs} more (see the HTML report)");
            }

            s.AppendLine();
        }

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
            s.Append("### ").Append(Link(page.Path, baseUrl)).AppendLine(diff.EditedPages.Contains(page.Path) ? " (its data changed)" : "");
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

    private static string Drift(CalibrationDrift d)
        => Text(d.Category) + " " + d.Measure + " " + Percent(d.Old) + " -> " + Percent(d.New)
           + " (" + Points((d.New - d.Old) * 100) + ", " + (d.Worse ? "worse" : "better") + ")";

    private static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Points(double points) => points.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pts";

    private static string Counted(string? count) => count is null or "whole file" ? "" : " (" + count + ")";

    /// <summary>"`content/data/gpus/h100-sxm.yaml:16` `bandwidth.value`: 3.35 -> 3.9 (+16.4%)".</summary>
    private static string DescribeInput(InputChange c)
    {
        var where = Code(c.File + (c.Line > 0 ? ":" + c.Line.ToString(CultureInfo.InvariantCulture) : ""));
        if (c.WholeFile)
        {
            return where + ": " + (c.Old is null ? "added" + Counted(c.New) : c.New is null ? "removed" + Counted(c.Old) : "changed");
        }

        var what = where + " " + Code(c.Key) + ": ";
        return c.Old is null ? what + "new: " + Text(c.New!)
            : c.New is null ? what + "removed (was " + Text(c.Old) + ")"
            : what + Text(c.Old) + " -> " + Text(c.New) + (c.Relative is { } r ? " (" + Signed(r * 100) + "%)" : "");
    }

    public static string Html(SiteDiffResult diff, string? baseUrl)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        string A(string path) => "<a href=\"" + E(Href(baseUrl ?? "", path)) + "\">" + E(path) + "</a>";
        var s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Site preview: what changed</title>\n<style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}.better{color:#116329}.worse{color:#a40e26}.warning{border-left:4px solid #9a6700;padding:.25rem .75rem;background:#fff8c5}</style></head><body>\n");
        s.Append("<h1>Site preview: what changed</h1>\n");
        if (diff.Drift.Count > 0)
        {
            var worse = diff.Drift.Any(d => d.Worse);
            s.Append(worse ? "<p class=\"warning\"><strong>The speed model's held-out error grew.</strong></p>" : "<p>The speed model's held-out error moved.</p>")
                .Append("<table><thead><tr><th>Category</th><th>Measure</th><th>Before</th><th>After</th><th>Change</th></tr></thead><tbody>");
            foreach (var d in diff.Drift)
            {
                s.Append("<tr><td>").Append(E(d.Category)).Append("</td><td>").Append(E(d.Measure)).Append("</td><td>").Append(Percent(d.Old)).Append("</td><td>").Append(Percent(d.New))
                    .Append("</td><td class=\"").Append(d.Worse ? "worse" : "better").Append("\">").Append(E(Points((d.New - d.Old) * 100))).Append(d.Worse ? ", worse" : ", better").Append("</td></tr>");
            }

            s.Append("</tbody></table>\n");
        }

        if (diff.Inputs is { } inputs)
        {
            s.Append("<h2>Data changed</h2>");
            if (inputs.Count == 0)
            {
                s.Append("<p>No data, post or template changed: the pages below changed through the generator.</p>\n");
            }
            else
            {
                s.Append("<table><thead><tr><th>File</th><th>Key</th><th>Before</th><th>After</th></tr></thead><tbody>");
                foreach (var c in inputs)
                {
                    s.Append("<tr><td>").Append(E(c.File + (c.Line > 0 ? ":" + c.Line.ToString(CultureInfo.InvariantCulture) : ""))).Append("</td><td>").Append(E(c.WholeFile ? "whole file" : c.Key))
                        .Append("</td><td>").Append(E(c.WholeFile ? (c.Old is null ? "(none)" : "") : c.Old ?? "(none)"))
                        .Append("</td><td>").Append(E(c.WholeFile ? (c.Old is null ? "added" + Counted(c.New) : c.New is null ? "removed" + Counted(c.Old) : "changed") : c.New ?? "(none)")).Append("</td></tr>");
                }

                s.Append("</tbody></table>\n");
            }
        }

        s.Append(CultureInfo.InvariantCulture, $"<p><strong>{diff.Changed.Count} changed</strong>, {diff.Added.Count} added, {diff.Removed.Count} removed, {diff.Unchanged} unchanged pages.</p>\n");
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
            s.Append("<h2>").Append(A(page.Path)).Append(diff.EditedPages.Contains(page.Path) ? " (its data changed)" : "").Append("</h2>");
            if (page.MarkupOnly)
            {
                s.Append("<p>markup only: no number changed</p>\n");
                continue;
            }

            s.Append("<table><thead><tr><th>Number</th><th>Before</th><th>After</th><th>Change</th></tr></thead><tbody>");
            foreach (var f in page.Facts)
            {
                var css = ChangeDirection.Judge(f) switch { Verdict.Better => " class=\"better\"", Verdict.Worse => " class=\"worse\"", _ => "" };
                s.Append("<tr><td>").Append(E(f.Key)).Append("</td><td>").Append(E(f.Old?.Text ?? "(none)")).Append("</td><td>").Append(E(f.New?.Text ?? "(none)"))
                    .Append("</td><td").Append(css).Append('>').Append(E(Change(f))).Append("</td></tr>");
            }

            s.Append("</tbody></table>\n");
        }

        return s.Append("</body></html>\n").ToString();
    }

    /// <summary>"10 ms -> 15 ms (+50.0%, worse)"; a percentage's change in points; a change of wording as text alone.</summary>
    private static string Describe(FactChange f)
        => f.Old is null ? "new: " + Text(f.New!.Text)
            : f.New is null ? "removed (was " + Text(f.Old.Text) + ")"
            : Text(f.Old.Text) + " -> " + Text(f.New.Text) + (Change(f) is { Length: > 0 } change ? " (" + change + ")" : "");

    /// <summary>
    /// The size of a number's change as a reviewer reads it: points for a percentage (an error going from
    /// 3.9% to 20.1% is +16.2 pts, not +415%), a relative change otherwise, and nothing when the text
    /// changed rather than the number (a unit or a label, "4 x FP8" -> "4 x BF16"), with better or worse
    /// where the number says which way is better.
    /// </summary>
    private static string Change(FactChange f)
    {
        if (f.Old is not { } old || f.New is not { } now || old.Unit != now.Unit || old.Value == now.Value)
        {
            return "";
        }

        var size = now.Unit == "%" ? Points(now.Value - old.Value) : Signed(f.Relative * 100) + "%";
        return ChangeDirection.Judge(f) switch
        {
            Verdict.Better => size + ", better",
            Verdict.Worse => size + ", worse",
            _ => size,
        };
    }

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

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
