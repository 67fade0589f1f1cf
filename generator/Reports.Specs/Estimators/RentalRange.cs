using System.Runtime.CompilerServices;
using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// An accelerator's dated rental offers as a range, and the one offer costs are computed at: the offer at
/// site.yaml's <c>rental_price_quantile</c> (0 the cheapest, 1 the dearest), a real offer with its provider,
/// date and source rather than an average nobody sells.
/// </summary>
public sealed record RentalRange(IReadOnlyList<RentalData> Offers, RentalData Point, double Quantile)
{
    public RentalData Low => Offers[0];

    public RentalData High => Offers[^1];

    public ContentDate Earliest => Offers.Min(o => o.Date);

    public ContentDate Latest => Offers.Max(o => o.Date);

    /// <summary>The offers sorted by price, and the stated point; null when the accelerator has no dated offer.</summary>
    public static RentalRange? Of(GpuData gpu, double quantile)
    {
        if (gpu.Rental.Count == 0)
        {
            return null;
        }

        var offers = Sorted.GetValue(gpu, g => g.Rental.OrderBy(r => r.UsdPerHour).ThenBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Date).ToList());
        return new RentalRange(offers, offers[NearestRank(offers.Count, quantile)], quantile);
    }

    // Every cost on a page asks for its accelerator's range; the sorted offers are a pure function of the immutable
    // record, sorted once per record (as LayerLayout.Of counts layers once).
    private static readonly ConditionalWeakTable<GpuData, List<RentalData>> Sorted = new();

    /// <summary>Nearest-rank quantile: the smallest offer with at least that share of offers at or below it.</summary>
    public static int NearestRank(int count, double quantile)
        => Math.Clamp((int)Math.Ceiling(quantile * count) - 1, 0, count - 1);

    /// <summary>How the point is named next to the numbers: "cheapest", "median", "dearest" or "30th percentile".</summary>
    public string PointName => Quantile switch
    {
        <= 0 => "cheapest",
        >= 1 => "dearest",
        0.5 => "median",
        _ => (Quantile * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "th percentile",
    };
}
