using System.Globalization;
using System.Net;
using Reports.Specs.Content;
using Scriban.Runtime;

namespace Reports.Site.Rendering;

/// <summary>Functions templates may call (snake_case in templates): invariant-culture numbers, units, source links.</summary>
public static class Helpers
{
    public static ScriptObject Create()
    {
        var helpers = new ScriptObject();
        helpers.Import(typeof(Helpers), ScriptMemberImportFlags.Method, member => member.Name != nameof(Create));
        helpers.SetValue("include", new TrustedInclude(), readOnly: true);
        helpers.IsReadOnly = true; // shared by every render of a template set, on every thread
        return helpers;
    }

    public static string FmtInt(object? value)
        => value is null ? "" : Format.Int(Convert.ToDouble(value, CultureInfo.InvariantCulture));

    public static string FmtNum(object? value, int decimals)
        => value is null ? "" : Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("#,0." + new string('#', Math.Max(0, decimals)), CultureInfo.InvariantCulture);

    public static string FmtUsd(double value) => Format.Usd(value);

    /// <summary>405e9 -> "405B", 116.83e9 -> "116.83B", 3.8e9 -> "3.8B".</summary>
    public static string FmtParams(double value)
        => value >= 1e9
            ? (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "B"
            : (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M";

    /// <summary>
    /// A superscript link to a fact's source. A URL links straight to it; a key links to the entry of
    /// <paramref name="sources"/> when given, else to the page's own sources list (#src-key).
    /// </summary>
    public static Html SrcLink(IHasSource fact, IEnumerable<SourceLink>? sources = null)
    {
        var key = fact.Src;
        if (key.StartsWith("http", StringComparison.Ordinal))
        {
            return new Html("<a class=\"src\" href=\"" + Attr(key) + "\" title=\"Source: " + Attr(key) + "\">[source]</a>");
        }

        var url = sources is null ? null : SourceLinks.Resolve(sources, key);
        return url is null || url == key
            ? new Html("<a class=\"src\" href=\"#src-" + Attr(key) + "\">[" + WebUtility.HtmlEncode(key) + "]</a>")
            : new Html("<a class=\"src\" href=\"" + Attr(url) + "\" title=\"Source: " + Attr(url) + "\">[" + WebUtility.HtmlEncode(key) + "]</a>");
    }

    private static string Attr(string value) => WebUtility.HtmlEncode(value);
}
