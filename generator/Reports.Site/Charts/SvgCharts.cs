using System.Globalization;
using System.Net;
using System.Text;
using Reports.Site.Rendering;

namespace Reports.Site.Charts;

/// <summary>A bar or segment: a label, a value and the text printed next to it.</summary>
public sealed record ChartItem(string Label, double Value, string Text);

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
        const int labelWidth = 230, barWidth = 330, rowHeight = 28, top = 8;
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
