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
    {
        var picks = new List<RelatedModel>();
        var others = catalog.Where(m => m.Id != model.Id).OrderBy(m => m.Id.Value, StringComparer.Ordinal).ToList();

        void Add(IEnumerable<ModelData> candidates, string rule)
        {
            foreach (var candidate in candidates)
            {
                if (picks.Count < max && picks.All(p => p.Model.Id != candidate.Id))
                {
                    picks.Add(new RelatedModel(candidate, rule));
                }
            }
        }

        Add(others.Where(m => m.Family == model.Family), SameFamily);
        var size = model.Params.Total.Value;
        Add(others.Where(m => m.Vendor == model.Vendor && m.Params.Total.Value <= size * 2 && m.Params.Total.Value >= size / 2)
            .OrderBy(m => Math.Abs(Math.Log(m.Params.Total.Value / size))), SameVendorSimilarSize);
        var mine = Capabilities(model);
        if (mine.Count > 0)
        {
            Add(others.Select(m => (Model: m, Shared: Capabilities(m).Intersect(mine).Count()))
                .Where(x => x.Shared > 0)
                .OrderByDescending(x => x.Shared)
                .ThenBy(x => Math.Abs(Math.Log(x.Model.Params.Total.Value / size)))
                .Select(x => x.Model), SharedCapabilities);
        }

        return picks;
    }

    private static HashSet<string> Capabilities(ModelData model)
        => model.Capabilities is { } c ? c.Value.ToHashSet(StringComparer.Ordinal) : [];
}
