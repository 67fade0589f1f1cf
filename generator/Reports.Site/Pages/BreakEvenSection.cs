using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>Break-even with the API: the API price compared against, and a row per recommended setup.</summary>
public sealed record BreakEvenView(string Provider, string Date, string ApiBlended, string InputShare, IReadOnlyList<BreakEvenRow> Rows);

/// <summary>One setup: what it costs a month, what a token costs at full load, and the volume above which it is cheaper (or none).</summary>
public sealed record BreakEvenRow(string Setup, string Anchor, Html MonthlyCost, Html Capacity, string FullLoad, Html? TokensPerMonth);

public static class BreakEvenSection
{
    /// <summary>Null without a current API price: a break-even against a stale price would be a claim about the past.</summary>
    public static BreakEvenView? For(SiteModel site, IReadOnlyList<Recommendation> shown, IReadOnlyList<ConfigBlock> configs, PriceStanding standing, string root)
    {
        if (standing.Lowest is not { } api || shown.Count == 0)
        {
            return null;
        }

        var a = site.Assumptions;
        var source = SiteModel.SourceUrl(api.Provider.Sources, api.Price.Src);
        var rows = new List<BreakEvenRow>();
        for (var i = 0; i < shown.Count; i++)
        {
            if (BreakEven.Of(shown[i], api.Provider.Name, api.Price, source, a) is not { } b)
            {
                continue;
            }

            // The rent and capacity repeat the recommendation table's figures, whose tooltips hold their inputs.
            rows.Add(new BreakEvenRow(SetupLabels.Describe(shown[i].Setup), configs[i].Anchor, Format.EstBrief(b.MonthlyCost, root), Format.EstBrief(b.CapacityTokensPerMonth, root), Format.Usd(b.FullLoadUsdPerMillion), b.TokensPerMonth is { } t ? Format.Est(t, root) : null));
        }

        return new BreakEvenView(api.Provider.Name, api.Price.Date.ToString(), Format.Usd(api.Blended), (a.MonthlyInputShare * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%", rows);
    }
}
