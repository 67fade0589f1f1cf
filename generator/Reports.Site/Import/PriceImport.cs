using System.Globalization;

namespace Reports.Site.Import;

/// <summary>A listing the importer could not tie to one catalog model.</summary>
/// <param name="Candidates">Empty when no id fits; the ids when more than one fits equally.</param>
public sealed record UnmappedName(string Provider, string Listing, string Key, IReadOnlyList<string> Candidates);

/// <summary>The prices for one catalog provider, ready to merge into its file.</summary>
public sealed record ProviderPrices(ProviderInfo Provider, IReadOnlyList<string> ListKeys, IReadOnlyList<ImportedPrice> Prices);

/// <summary>What a price list comes to: prices per provider, for the catalog and for ids still pending, and what was left out.</summary>
public sealed record PriceImportPlan(
    IReadOnlyList<ProviderPrices> Catalog,
    IReadOnlyList<ProviderPrices> Pending,
    IReadOnlyList<UnmappedName> Unmapped,
    IReadOnlyDictionary<string, int> OtherProviders);

/// <summary>Maps a price list's entries to catalog providers and models. Pure: the files are read and written by the command.</summary>
public static class PriceImport
{
    public static PriceImportPlan Plan(PriceList list, ProviderTable providers, IReadOnlyCollection<string> catalogIds, IReadOnlyCollection<string> pendingIds)
    {
        var matcher = new ModelNameMatcher(catalogIds.Concat(pendingIds));
        var others = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unmapped = new List<UnmappedName>();
        var mapped = new List<(ProviderInfo Provider, string Key, ListedPrice Listed, NameMatch Match)>();
        foreach (var listed in list.Prices)
        {
            if (providers.Find(listed.Provider) is not { } provider)
            {
                others[listed.Provider] = others.GetValueOrDefault(listed.Provider) + 1;
                continue;
            }

            var match = matcher.Match(listed.Listing);
            if (match.Id is null)
            {
                unmapped.Add(new UnmappedName(listed.Provider, listed.Listing, match.Key, match.Candidates));
                continue;
            }

            mapped.Add((provider, listed.Provider, listed, match));
        }

        var pending = new HashSet<string>(pendingIds, StringComparer.Ordinal);
        pending.ExceptWith(catalogIds);
        var catalog = new List<ProviderPrices>();
        var waiting = new List<ProviderPrices>();
        foreach (var group in mapped.GroupBy(m => m.Provider.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var provider = group.First().Provider;
            var keys = group.Select(m => m.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var prices = Collapse(group.Select(m => (m.Listed, m.Match)));
            if (prices.Where(p => !pending.Contains(p.Model)).ToList() is { Count: > 0 } inCatalog)
            {
                catalog.Add(new ProviderPrices(provider, keys, inCatalog));
            }

            if (prices.Where(p => pending.Contains(p.Model)).ToList() is { Count: > 0 } notYet)
            {
                waiting.Add(new ProviderPrices(provider, keys, notYet));
            }
        }

        return new PriceImportPlan(catalog, waiting, unmapped.OrderBy(u => u.Provider, StringComparer.Ordinal).ThenBy(u => u.Listing, StringComparer.Ordinal).ToList(), others);
    }

    /// <summary>
    /// One entry per model and price at a provider: the same model listed under several names at the same
    /// price (regions, aliases) is one offer, noted with the names it is also listed as.
    /// </summary>
    private static List<ImportedPrice> Collapse(IEnumerable<(ListedPrice Listed, NameMatch Match)> prices)
    {
        var result = new List<ImportedPrice>();
        foreach (var same in prices.GroupBy(p => (p.Match.Id, p.Listed.Input, p.Listed.Output)).OrderBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Input).ThenBy(g => g.Key.Output))
        {
            // The shortest name first (the base listing before its regional copies), then in ordinal order.
            var ordered = same.OrderBy(p => p.Listed.Listing.Length).ThenBy(p => p.Listed.Listing, StringComparer.Ordinal).ToList();
            var (listed, match) = ordered[0];
            var note = listed.Listing;
            if (match.Dropped.Count > 0)
            {
                note += " (" + string.Join(", ", match.Dropped) + ")";
            }

            if (listed.CachedInput is { } cached && cached != listed.Input)
            {
                note += "; cached input $" + ProviderFile.Number(cached);
            }

            if (ordered.Count > 1)
            {
                var also = ordered.Skip(1).Select(p => p.Listed.Listing).ToList();
                note += "; same price as " + (also.Count <= 3 ? string.Join(", ", also) : string.Join(", ", also.Take(3)) + " and " + (also.Count - 3).ToString(CultureInfo.InvariantCulture) + " more");
            }

            result.Add(new ImportedPrice(match.Id!, listed.Input, listed.Output, listed.Listing, note));
        }

        return result;
    }

    /// <summary>The key a price list is cited by: repo and short commit for a GitHub blob URL, else "prices" and the date.</summary>
    public static string SourceKey(string url, Reports.Specs.Content.ContentDate date)
    {
        var match = System.Text.RegularExpressions.Regex.Match(url, @"^https://github\.com/[^/]+/([^/]+)/(?:blob|tree)/([0-9a-f]{7,40})(?:/|$)");
        return match.Success
            ? System.Text.RegularExpressions.Regex.Replace(match.Groups[1].Value.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-') + "-" + match.Groups[2].Value[..8]
            : "prices-" + date;
    }
}
