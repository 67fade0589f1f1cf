using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Shouldly;

namespace Reports.Specs.Tests;

/// <summary>"Cheapest" is a claim about a comparison: it needs two current prices, and a stale price never wins it.</summary>
public sealed class PriceStandingTests
{
    private static readonly ContentDate AsOf = new(2026, 12, 6);

    // A year's staleness counted back from the catalog's date, as site.yaml's stale_after_days does.
    private static readonly ContentDate StaleBefore = PriceStanding.StaleBeforeOf(AsOf, 365);

    private static (ProviderData, PriceData) Price(string provider, double input, double output, ContentDate date)
        => (new ProviderData { Id = new ProviderId(provider), Name = provider }, new PriceData { Model = new ModelId("m"), Input = input, Output = output, Date = date, Src = "s" });

    [Fact]
    public void A_single_current_price_is_the_lowest_but_not_the_cheapest()
    {
        var standing = PriceStanding.Of([Price("a", 1, 2, AsOf)], 0.75, StaleBefore);
        standing.Cheapest.ShouldBeNull();
        standing.Lowest!.Provider.Id.Value.ShouldBe("a");
        standing.CurrentCount.ShouldBe(1);
    }

    [Fact]
    public void A_stale_price_is_marked_listed_last_and_never_cheapest_however_low()
    {
        var old = new ContentDate(2025, 1, 1);
        var standing = PriceStanding.Of([Price("old", 0.01, 0.01, old), Price("b", 1, 4, AsOf), Price("c", 1, 2, AsOf)], 0.75, StaleBefore);
        standing.Prices.Select(p => (p.Provider.Id.Value, p.Stale)).ShouldBe([("c", false), ("b", false), ("old", true)]);
        standing.Cheapest!.Provider.Id.Value.ShouldBe("c");

        // With the other current price gone, one current price and one stale one make no "cheapest".
        PriceStanding.Of([Price("old", 0.01, 0.01, old), Price("c", 1, 2, AsOf)], 0.75, StaleBefore).Cheapest.ShouldBeNull();
    }

    [Fact]
    public void Staleness_is_counted_from_the_catalog_date_and_the_limit_day_is_still_current()
    {
        var standing = PriceStanding.Of([Price("edge", 1, 1, new ContentDate(2025, 12, 6)), Price("past", 1, 1, new ContentDate(2025, 12, 5))], 0.5, StaleBefore);
        standing.StaleBefore.ShouldBe(new ContentDate(2025, 12, 6));
        standing.Prices.Single(p => p.Provider.Id.Value == "edge").Stale.ShouldBeFalse();
        standing.Prices.Single(p => p.Provider.Id.Value == "past").Stale.ShouldBeTrue();
    }

    [Fact]
    public void The_blended_rate_weights_input_by_the_share_given()
        => PriceStanding.Of([Price("a", 1, 5, AsOf)], 0.75, StaleBefore).Prices[0].Blended.ShouldBe(2.0);
}
