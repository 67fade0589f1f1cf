using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>A related model and the rule that picked it.</summary>
public sealed record RelatedModel(ModelData Model, string Rule);

public static class RelatedModels
{
    public const string SameFamily = "same family";
    public const string SameVendorSimilarSize = "same vendor, within 2x parameters";
    public const string SharedCapabilities = "shared capabilities";

    /// <summary>Same family first, then same vendor within 2x parameters, then the most shared capabilities.</summary>
    public static IReadOnlyList<RelatedModel> For(ModelData model, IReadOnlyList<ModelData> catalog, int max = 6)
        => For(model, new Candidates(catalog), max);

    /// <summary>
    /// As above, from an index built once per catalog: with one list per family and per vendor, picking for
    /// every model of a 25,000-model catalog is linear, where sorting the whole catalog per model was not.
    /// </summary>
    public static IReadOnlyList<RelatedModel> For(ModelData model, Candidates index, int max = 6)
    {
        var picks = new List<RelatedModel>();

        void Add(IEnumerable<ModelData> candidates, string rule)
        {
            foreach (var candidate in candidates)
            {
                if (picks.Count >= max)
                {
                    return;
                }

                if (picks.All(p => p.Model.Id != candidate.Id))
                {
                    picks.Add(new RelatedModel(candidate, rule));
                }
            }
        }

        Add(index.WithFamily(model.Family).Where(m => m.Id != model.Id), SameFamily);
        var size = model.Params.Total.Value;
        if (picks.Count < max)
        {
            Add(index.WithVendor(model.Vendor).Where(m => m.Id != model.Id && m.Params.Total.Value <= size * 2 && m.Params.Total.Value >= size / 2)
                .OrderBy(m => Math.Abs(Math.Log(m.Params.Total.Value / size))), SameVendorSimilarSize);
        }

        var mine = Capabilities(model);
        if (picks.Count < max && mine.Count > 0)
        {
            Add(index.ById.Where(m => m.Id != model.Id).Select(m => (Model: m, Shared: Capabilities(m).Intersect(mine).Count()))
                .Where(x => x.Shared > 0)
                .OrderByDescending(x => x.Shared)
                .ThenBy(x => Math.Abs(Math.Log(x.Model.Params.Total.Value / size)))
                .Select(x => x.Model), SharedCapabilities);
        }

        return picks;
    }

    public const string OtherVendorSimilarSize = "another vendor, within 2x parameters";

    /// <summary>
    /// Alternatives from other vendors: models within 2x the total parameters, closest in size first, then the most shared
    /// capabilities, leaving out those already in <paramref name="shown"/> (the related list), so the two lists never repeat.
    /// </summary>
    public static IReadOnlyList<RelatedModel> Alternatives(ModelData model, Candidates index, IReadOnlyList<RelatedModel> shown, int max = 6)
    {
        var size = model.Params.Total.Value;
        var mine = Capabilities(model);
        var skip = shown.Select(r => r.Model.Id).Append(model.Id).ToHashSet();
        return index.ById
            .Where(m => m.Vendor != model.Vendor && !skip.Contains(m.Id) && m.Params.Total.Value <= size * 2 && m.Params.Total.Value >= size / 2)
            .OrderBy(m => Math.Round(Math.Abs(Math.Log(m.Params.Total.Value / size)), 2))
            .ThenByDescending(m => Capabilities(m).Intersect(mine).Count())
            .ThenBy(m => m.Id.Value, StringComparer.Ordinal)
            .Take(max)
            .Select(m => new RelatedModel(m, OtherVendorSimilarSize))
            .ToList();
    }

    /// <summary>The catalog sorted by id, and grouped by family and by vendor (each group in id order).</summary>
    public sealed class Candidates
    {
        private readonly ILookup<string, ModelData> _families;
        private readonly ILookup<string, ModelData> _vendors;

        public Candidates(IReadOnlyList<ModelData> catalog)
        {
            ById = catalog.OrderBy(m => m.Id.Value, StringComparer.Ordinal).ToList();
            _families = ById.ToLookup(m => m.Family, StringComparer.Ordinal);
            _vendors = ById.ToLookup(m => m.Vendor, StringComparer.Ordinal);
        }

        public IReadOnlyList<ModelData> ById { get; }

        public IEnumerable<ModelData> WithFamily(string family) => _families[family];

        public IEnumerable<ModelData> WithVendor(string vendor) => _vendors[vendor];
    }

    private static HashSet<string> Capabilities(ModelData model)
        => model.Capabilities is { } c ? c.Value.ToHashSet(StringComparer.Ordinal) : [];
}
