using Reports.Specs.Content;

namespace Reports.Specs.Catalog;

/// <summary>A provider's price for a model, with its blended rate and whether it is older than site.yaml allows.</summary>
public sealed record ListedPrice(ProviderData Provider, PriceData Price, double Blended, bool Stale);

/// <summary>
/// A model's API prices as pages show them: current prices first, cheapest blended rate first, stale ones after.
/// "Cheapest" is a claim about a comparison, so it needs at least two current prices; a stale price is never it.
/// </summary>
public sealed record PriceStanding(IReadOnlyList<ListedPrice> Prices, ListedPrice? Cheapest, ContentDate StaleBefore)
{
    /// <summary>How many current prices a "cheapest" badge needs.</summary>
    public const int CheapestNeeds = 2;

    public int CurrentCount => Prices.Count(p => !p.Stale);

    /// <summary>The lowest current price, even when it is the only one: what a comparison between models quotes.</summary>
    public ListedPrice? Lowest => Prices.Count > 0 && !Prices[0].Stale ? Prices[0] : null;

    /// <summary>
    /// Orders and marks prices. <paramref name="staleBefore"/> comes from the catalog's own date (see
    /// <see cref="StaleBeforeOf"/>), not the clock, so the same content always marks the same prices stale.
    /// </summary>
    public static PriceStanding Of(IEnumerable<(ProviderData Provider, PriceData Price)> prices, double inputShare, ContentDate staleBefore)
    {
        var listed = prices
            .Select(p => new ListedPrice(p.Provider, p.Price, Estimators.CostEstimator.Blended(p.Price, inputShare), p.Price.Date.CompareTo(staleBefore) < 0))
            .OrderBy(p => p.Stale)
            .ThenBy(p => p.Blended)
            .ThenBy(p => p.Provider.Id.Value, StringComparer.Ordinal)
            .ToList();
        var current = listed.Where(p => !p.Stale).ToList();
        return new PriceStanding(listed, current.Count >= CheapestNeeds ? current[0] : null, staleBefore);
    }

    /// <summary>The first day that is still current: <paramref name="staleAfterDays"/> before <paramref name="asOf"/>, the catalog's newest <c>verified</c>.</summary>
    public static ContentDate StaleBeforeOf(ContentDate asOf, int staleAfterDays) => FromDayNumber(asOf.DayNumber - staleAfterDays);

    private static ContentDate FromDayNumber(int dayNumber)
    {
        var date = new DateTime(1, 1, 1).AddDays(Math.Max(0, dayNumber));
        return new ContentDate(date.Year, date.Month, date.Day);
    }
}
