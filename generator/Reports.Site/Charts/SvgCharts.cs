using System.Globalization;
using System.Net;
using System.Text;
using Reports.Site.Rendering;

namespace Reports.Site.Charts;

/// <summary>A bar or segment: a label, a value and the text printed next to it.</summary>
public sealed record ChartItem(string Label, double Value, string Text);

/// <summary>A point of a line: its coordinates, the tooltip that says what it is, and whether it is a chosen one.</summary>
public sealed record ChartPoint(double X, double Y, string Text, bool Marked);

/// <summary>One line of a line chart.</summary>
public sealed record ChartLine(string Label, IReadOnlyList<ChartPoint> Points);

/// <summary>
/// Charts drawn at build time as SVG: no client-side library, no external request. Each has a title,
/// a description and a figcaption, and the numbers also appear in a table on the same page.
/// </summary>
public static class SvgCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, one per item, scaled to the largest value.</summary>
    public static Html HorizontalBars(string id, string title, string description, IReadOnlyList<ChartItem> items)
    {
        const int barWidth = 330, rowHeight = 28, top = 8;
        // The label column fits the longest label ("8 x B200 (HGX/DGX B200, per GPU), FP8" was cut to "00 (HGX..."):
        // the drawing widens and the page scales it to its width.
        var labelWidth = LabelColumn(items.Select(i => i.Label));
        var width = labelWidth + barWidth + 110;
        var height = top + (items.Count * rowHeight) + 8;
        var max = items.Count == 0 ? 1 : Math.Max(items.Max(i => i.Value), 1e-12);
        var svg = new StringBuilder();
        Open(svg, id, title, description, width, height);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var y = top + (i * rowHeight);
            var w = Math.Max(1, barWidth * item.Value / max);
            svg.Append("<text x=\"").Append(labelWidth - 8).Append("\" y=\"").Append(y + 18).Append("\" text-anchor=\"end\" class=\"chart-label\">").Append(E(item.Label)).Append("</text>");
            svg.Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 4).Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(rowHeight - 8).Append("\" class=\"bar bar-").Append(i % 6).Append("\"/>");
            svg.Append("<text x=\"").Append(N(labelWidth + w + 6)).Append("\" y=\"").Append(y + 18).Append("\" class=\"chart-value\">").Append(E(item.Text)).Append("</text>");
        }

        return Close(svg, id, description);
    }

    /// <summary>Upper bound of a 13 px label's width per character (capitals and digits of the system sans-serif fonts).</summary>
    public const double LabelCharWidth = 8.0;

    /// <summary>The width of a right-aligned label column that holds every label, and never less than 160.</summary>
    public static int LabelColumn(IEnumerable<string> labels)
        => Math.Max(160, (int)Math.Ceiling(labels.Select(l => l.Length).DefaultIfEmpty(0).Max() * LabelCharWidth) + 16);

    /// <summary>One stacked bar of segments that add up to a whole (GPU memory), with a legend.</summary>
    public static Html StackedBar(string id, string title, string description, IReadOnlyList<ChartItem> segments, double whole)
    {
        const int width = 640, barHeight = 34, legendRow = 22;
        var height = barHeight + 16 + (segments.Count * legendRow);
        var svg = new StringBuilder();
        Open(svg, id, title, description, width, height);
        var x = 0.0;
        for (var i = 0; i < segments.Count; i++)
        {
            var w = whole <= 0 ? 0 : width * segments[i].Value / whole;
            svg.Append("<rect x=\"").Append(N(x)).Append("\" y=\"0\" width=\"").Append(N(Math.Max(0, w))).Append("\" height=\"").Append(barHeight).Append("\" class=\"seg seg-").Append(i).Append("\"/>");
            x += w;
            var ly = barHeight + 16 + (i * legendRow);
            svg.Append("<rect x=\"0\" y=\"").Append(ly - 12).Append("\" width=\"14\" height=\"14\" class=\"seg seg-").Append(i).Append("\"/>");
            svg.Append("<text x=\"22\" y=\"").Append(ly).Append("\" class=\"chart-label\">").Append(E(segments[i].Label + ": " + segments[i].Text)).Append("</text>");
        }

        svg.Append("<rect x=\"0\" y=\"0\" width=\"").Append(width).Append("\" height=\"").Append(barHeight).Append("\" class=\"frame\"/>");
        return Close(svg, id, description);
    }

    /// <summary>
    /// Lines on logarithmic axes (both span orders of magnitude: tokens per second per user, throughput per GPU),
    /// with a legend; marked points are drawn as larger rings and every point has a tooltip.
    /// </summary>
    public static Html LogLines(string id, string title, string description, string xLabel, string yLabel, IReadOnlyList<ChartLine> lines)
    {
        const int left = 64, right = 32, top = 12, plotWidth = 560, plotHeight = 300, legendRow = 20;
        var width = left + plotWidth + right;
        var plotBottom = top + plotHeight;
        var height = plotBottom + 44 + (lines.Count * legendRow);
        var all = lines.SelectMany(l => l.Points).Where(p => p.X > 0 && p.Y > 0).ToList();
        var svg = new StringBuilder();
        Open(svg, id, title, description, width, height);
        if (all.Count == 0)
        {
            return Close(svg, id, description);
        }

        var (x0, x1) = Decades(all.Min(p => p.X), all.Max(p => p.X));
        var (y0, y1) = Decades(all.Min(p => p.Y), all.Max(p => p.Y));
        double X(double v) => left + (plotWidth * (Math.Log10(v) - x0) / (x1 - x0));
        double Y(double v) => plotBottom - (plotHeight * (Math.Log10(v) - y0) / (y1 - y0));

        for (var d = x0; d <= x1; d++)
        {
            svg.Append("<line x1=\"").Append(N(X(Math.Pow(10, d)))).Append("\" y1=\"").Append(top).Append("\" x2=\"").Append(N(X(Math.Pow(10, d)))).Append("\" y2=\"").Append(plotBottom).Append("\" class=\"grid\"/>");
            svg.Append("<text x=\"").Append(N(X(Math.Pow(10, d)))).Append("\" y=\"").Append(plotBottom + 16).Append("\" text-anchor=\"middle\" class=\"chart-label\">").Append(Format.Int(Math.Pow(10, d))).Append("</text>");
        }

        for (var d = y0; d <= y1; d++)
        {
            svg.Append("<line x1=\"").Append(left).Append("\" y1=\"").Append(N(Y(Math.Pow(10, d)))).Append("\" x2=\"").Append(left + plotWidth).Append("\" y2=\"").Append(N(Y(Math.Pow(10, d)))).Append("\" class=\"grid\"/>");
            svg.Append("<text x=\"").Append(left - 6).Append("\" y=\"").Append(N(Y(Math.Pow(10, d)) + 4)).Append("\" text-anchor=\"end\" class=\"chart-label\">").Append(Format.Int(Math.Pow(10, d))).Append("</text>");
        }

        svg.Append("<text x=\"").Append(left + (plotWidth / 2)).Append("\" y=\"").Append(plotBottom + 34).Append("\" text-anchor=\"middle\" class=\"chart-label\">").Append(E(xLabel)).Append("</text>");
        svg.Append("<text x=\"14\" y=\"").Append(top + (plotHeight / 2)).Append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").Append(top + (plotHeight / 2)).Append(")\" class=\"chart-label\">").Append(E(yLabel)).Append("</text>");
        svg.Append("<rect x=\"").Append(left).Append("\" y=\"").Append(top).Append("\" width=\"").Append(plotWidth).Append("\" height=\"").Append(plotHeight).Append("\" class=\"frame\"/>");

        for (var i = 0; i < lines.Count; i++)
        {
            var points = lines[i].Points.Where(p => p.X > 0 && p.Y > 0).ToList();
            svg.Append("<polyline class=\"line line-").Append(i % 6).Append("\" points=\"").Append(string.Join(" ", points.Select(p => N(X(p.X)) + "," + N(Y(p.Y))))).Append("\"/>");
            foreach (var p in points)
            {
                svg.Append("<circle cx=\"").Append(N(X(p.X))).Append("\" cy=\"").Append(N(Y(p.Y))).Append("\" r=\"").Append(p.Marked ? "6" : "3").Append("\" class=\"dot line-").Append(i % 6).Append(p.Marked ? " marked" : "").Append("\"><title>").Append(E(p.Text)).Append("</title></circle>");
            }

            var ly = plotBottom + 56 + (i * legendRow);
            svg.Append("<line x1=\"").Append(left).Append("\" y1=\"").Append(ly - 4).Append("\" x2=\"").Append(left + 20).Append("\" y2=\"").Append(ly - 4).Append("\" class=\"line line-").Append(i % 6).Append("\"/>");
            svg.Append("<text x=\"").Append(left + 28).Append("\" y=\"").Append(ly).Append("\" class=\"chart-label\">").Append(E(lines[i].Label)).Append("</text>");
        }

        return Close(svg, id, description);
    }

    /// <summary>Whole decades around a range, at least one apart: the ticks of a log axis.</summary>
    private static (int Low, int High) Decades(double min, double max)
    {
        var low = (int)Math.Floor(Math.Log10(min));
        var high = (int)Math.Ceiling(Math.Log10(max));
        return (low, Math.Max(high, low + 1));
    }

    private static void Open(StringBuilder svg, string id, string title, string description, int width, int height)
        => svg.Append("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height)
            .Append("\" width=\"100%\" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\">")
            .Append("<title id=\"").Append(id).Append("-title\">").Append(E(title)).Append("</title>")
            .Append("<desc id=\"").Append(id).Append("-desc\">").Append(E(description)).Append("</desc>");

    private static Html Close(StringBuilder svg, string id, string description)
        => new(svg.Append("</svg><figcaption id=\"").Append(id).Append("-caption\">").Append(E(description)).Append("</figcaption></figure>").ToString());

    private static string N(double value) => value.ToString("0.#", Inv);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
