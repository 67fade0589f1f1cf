using System.Globalization;
using System.Net;
using Reports.Specs.Estimators;

namespace Reports.Site.Rendering;

/// <summary>
/// Numbers as pages print them. An estimate renders with its value, a tooltip listing formula and
/// inputs, and a link to the formula on the methodology page: every number says how it was made.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Gb(double bytes) => (bytes / 1e9).ToString(bytes >= 100e9 ? "#,0" : bytes >= 10e9 ? "#,0.#" : "#,0.##", Inv) + " GB";

    public static string Params(double value) => Helpers.FmtParams(value);

    public static string Int(double value) => value.ToString("#,0", Inv);

    /// <summary>A latency or speed as pages print it: whole numbers from 100 up, one decimal below ("1,175 ms", "22.1 ms").</summary>
    public static string Figure(double value, string suffix) => (value >= 100 ? Int(value) : value.ToString("0.0", Inv)) + suffix;

    public static string Ms(double milliseconds) => Figure(milliseconds, " ms");

    public static string TokensPerSecond(double value) => Figure(value, " tok/s");

    /// <summary>A token count as a reader says it: "100 M", "1.5 B", "8,192".</summary>
    public static string Tokens(double value) => value >= 1e9 ? (value / 1e9).ToString("#,0.#", Inv) + " B" : value >= 1e6 ? (value / 1e6).ToString("#,0.#", Inv) + " M" : Int(value);

    /// <summary>Dollars as price lists write them: cents from a dollar up, three decimals below (a $0.286 token price, not $0.2857), four below a cent.</summary>
    public static string Usd(double value) => value >= 1000 ? value.ToString("$#,0", Inv) : value >= 1 ? value.ToString("$#,0.00", Inv) : value >= 0.01 ? value.ToString("$0.00#", Inv) : value.ToString("$0.000#", Inv);

    /// <summary>The text of an estimate's value in its unit, with sensible precision for that unit.</summary>
    public static string Value(Estimate e) => e.Unit switch
    {
        "bytes" => e.Value >= 1e8 ? Gb(e.Value) : e.Value >= 1e6 ? (e.Value / 1e6).ToString("#,0.#", Inv) + " MB" : Int(e.Value) + " B",
        "parameters" => Params(e.Value),
        "tokens/s" => TokensPerSecond(e.Value),
        "ms" => Ms(e.Value),
        "s" => e.Value.ToString("0.000", Inv) + " s",
        "USD" => Usd(e.Value),
        "USD/M tokens" => Usd(e.Value) + " /M",
        "percentile" => e.Value.ToString("0", Inv),
        "tokens" => Tokens(e.Value) + " tokens",
        _ => e.Value.ToString("#,0.##", Inv) + " " + e.Unit,
    };

    /// <summary>An estimate as markup: value, provenance tooltip, and a link to its formula.</summary>
    public static Html Est(Estimate? e, string root) => Est(e, root, withInputs: true);

    /// <summary>
    /// An estimate without its inputs tooltip: the value, its formula link and band. For numbers repeated beside
    /// a fuller table of the same estimates (each engine's line under a recommendation), where thirty tooltips a
    /// block would weigh more than the page they sit on.
    /// </summary>
    public static Html EstBrief(Estimate? e, string root) => Est(e, root, withInputs: false);

    private static Html Est(Estimate? e, string root, bool withInputs)
    {
        if (e is null)
        {
            return new Html("<span class=\"na\">n/a</span>");
        }

        var title = withInputs
            ? e.Name + " = " + e.FormulaShort + "\n" + string.Join("\n", e.Inputs.Select(i => "- " + i.Name + ": " + Plain(i.Value) + " " + i.Unit + " (" + i.Source + ")"))
              + (e.Assumptions.Count > 0 ? "\n" + string.Join("\n", e.Assumptions) : "")
            : e.Name;
        return new Html(
            "<span class=\"est tier-" + e.Tier.ToString().ToLowerInvariant() + "\" title=\"" + WebUtility.HtmlEncode(title) + "\">" + WebUtility.HtmlEncode(Value(e)) + "<span class=\"sr\"> (" + e.Tier.ToString().ToLowerInvariant() + ")</span></span>"
            + "<a class=\"f\" href=\"" + root + "methodology/#" + e.FormulaId.Replace('.', '-') + "\" title=\"How this is computed: " + WebUtility.HtmlEncode(e.FormulaId) + "\"><span aria-hidden=\"true\">&#402;</span><span class=\"sr\">how this is computed</span></a>"
            + Band(e.Band));
    }

    /// <summary>
    /// "±18%": the median held-out error of estimates of this kind, so a reader sees how far to trust the
    /// number beside it; the title says what it rests on.
    /// </summary>
    public static string Band(Specs.Content.HeldOutSummaryData? band)
    {
        if (band is null || band.Rows == 0)
        {
            return "";
        }

        var title = string.Format(
            Inv,
            "{0} estimates{5} were within {1:0}% of the published measurement for half of {2:#,0} comparisons from {3:#,0} sources the model was not fitted on, and within {4:0}% for 9 in 10.",
            band.Category,
            band.Median * 100,
            band.Rows,
            band.Sources,
            band.P90 * 100,
            band.Kind is { } kind ? " for " + KindLabels.Models(kind) : "");
        var leaning = Leaning(band);
        if (leaning is not null)
        {
            title += " On average they were " + AverageLean(band) + ".";
        }

        return " <span class=\"band\" title=\"" + WebUtility.HtmlEncode(title) + "\">&plusmn;" + BandPercent(band) + (leaning is null ? "" : ", " + leaning) + "<span class=\"sr\"> typical error</span></span>";
    }

    /// <summary>The least average lean (estimate over measured) a band names beside its width: a fifth either way.</summary>
    public const double NamedBias = 0.2;

    /// <summary>
    /// "runs low" or "runs high" when a band's estimates leaned one way by <see cref="NamedBias"/> or more on average, so a
    /// reader knows which side of the figure the truth usually lies; null otherwise, and for a category whose bias has no one
    /// direction (<see cref="Calibration.MixesDirections"/>).
    /// </summary>
    public static string? Leaning(Specs.Content.HeldOutSummaryData band)
        => Math.Abs(band.Bias) < NamedBias || Calibration.MixesDirections(band.Category) ? null : band.Bias < 0 ? "runs low" : "runs high";

    /// <summary>"42% below the measurement": how far, and which way, a band's estimates lay from the measurements on average.</summary>
    public static string AverageLean(Specs.Content.HeldOutSummaryData band)
        => (Math.Abs(band.Bias) * 100).ToString("0", Inv) + "% " + (band.Bias < 0 ? "below" : "above") + " the measurement";

    /// <summary>
    /// "±18%" as plain text (the what-if panel and the compare picker print it), with its leaning when it has one ("±42%, runs
    /// low") unless the band is printed beside figures of another direction than its own (a throughput's band beside a
    /// latency), or "" without a held-out band.
    /// </summary>
    public static string BandText(Specs.Content.HeldOutSummaryData? band, bool withLeaning = true)
        => band is { Rows: > 0 } ? "±" + BandPercent(band) + (withLeaning && Leaning(band) is { } leaning ? ", " + leaning : "") : "";

    /// <summary>The band's median held-out error in whole percent: "18%".</summary>
    private static string BandPercent(Specs.Content.HeldOutSummaryData band) => (band.Median * 100).ToString("0", Inv) + "%";

    public static string Plain(double value)
        => Math.Abs(value) >= 1e6 ? value.ToString("#,0", Inv) : Math.Abs(value) >= 100 ? value.ToString("#,0.##", Inv) : value.ToString("0.####", Inv);
}
