using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>
/// Everything derived once per build and shared by several page kinds: recommendations, related
/// models, comparison pairs. The Derive step: pure, no I/O.
/// </summary>
public sealed class SiteModel
{
    public SiteModel(Catalog catalog)
    {
        Catalog = catalog;
        Assumptions = Assumptions.From(catalog.Site);
        Recommendations = catalog.Models.AsParallel().AsOrdered()
            .Select(m => (m.Id, Recs: Recommender.For(m, catalog.Gpus, Assumptions)))
            .ToDictionary(x => x.Id, x => x.Recs);
        Related = catalog.Models.ToDictionary(m => m.Id, m => RelatedModels.For(m, catalog.Models));
        ComparePairs = Related
            .SelectMany(pair => pair.Value.Select(r => Order(catalog.Model(pair.Key), r.Model)))
            .DistinctBy(p => (p.A.Id, p.B.Id))
            .OrderBy(p => p.A.Id.Value, StringComparer.Ordinal)
            .ThenBy(p => p.B.Id.Value, StringComparer.Ordinal)
            .ToList();
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Building.Page>> _plans = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Posts.Post? Post, IReadOnlyList<ContentDiagnostic> Diagnostics)> _posts = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(string Path, string Json)>> _api = new(StringComparer.Ordinal);

    public Catalog Catalog { get; }

    /// <summary>A post compiled against this catalog, remembered by its path and text.</summary>
    public (Posts.Post? Post, IReadOnlyList<ContentDiagnostic> Diagnostics) CompilePost(Posts.PostCompiler compiler, string path, string text, CancellationToken cancellationToken)
        => _posts.GetOrAdd(path + "\n" + Review.FactsManifest.Hash(text), _ => compiler.Compile(path, text, cancellationToken));

    /// <summary>The JSON API files, which depend only on the catalog and the base URL.</summary>
    public IReadOnlyList<(string Path, string Json)> ApiFiles(string baseUrl)
        => _api.GetOrAdd(baseUrl, url => Api.ApiWriter.Files(Catalog, url).ToList());

    /// <summary>
    /// The planned pages for a set of posts and a base URL, planned once: a preview rebuild after a
    /// template edit re-renders without deriving every page's numbers again.
    /// </summary>
    public IReadOnlyList<Building.Page> Plan(Posts.PostSet posts, string baseUrl)
    {
        var key = baseUrl + "|" + Review.FactsManifest.Hash(string.Join("\n", posts.Published.Concat(posts.Drafts).Select(p => p.Path + "|" + p.Meta + "|" + p.BodyHtml)));
        return _plans.GetOrAdd(key, _ => Building.PagePlanner.Plan(this, posts, baseUrl));
    }

    public Assumptions Assumptions { get; }

    public IReadOnlyDictionary<ModelId, IReadOnlyList<Recommendation>> Recommendations { get; }

    public IReadOnlyDictionary<ModelId, IReadOnlyList<RelatedModel>> Related { get; }

    public IReadOnlyList<(ModelData A, ModelData B)> ComparePairs { get; }

    /// <summary>The GPU most pages use as the common yardstick, when the catalog has it.</summary>
    public GpuData? ReferenceGpu => Catalog.Gpus.FirstOrDefault(g => g.Id.Value == "h100-sxm") ?? Catalog.Gpus.FirstOrDefault();

    public static string CompareSlug(ModelData a, ModelData b) => a.Id.Value + "-vs-" + b.Id.Value;

    public bool HasComparePage(ModelData a, ModelData b)
    {
        var (x, y) = Order(a, b);
        return ComparePairs.Any(p => p.A.Id == x.Id && p.B.Id == y.Id);
    }

    public static (ModelData A, ModelData B) Order(ModelData a, ModelData b)
        => string.CompareOrdinal(a.Id.Value, b.Id.Value) <= 0 ? (a, b) : (b, a);

    /// <summary>Prices for a model, cheapest first by the blended monthly rate.</summary>
    public IReadOnlyList<(ProviderData Provider, PriceData Price)> Prices(ModelId model)
        => Catalog.PricesFor(model)
            .OrderBy(x => (Assumptions.MonthlyInputShare * x.Price.Input) + ((1 - Assumptions.MonthlyInputShare) * x.Price.Output))
            .ThenBy(x => x.Provider.Id.Value, StringComparer.Ordinal)
            .ToList();

    public static string SourceUrl(IReadOnlyList<SourceLink> sources, string src)
        => src.StartsWith("http", StringComparison.Ordinal) ? src : sources.FirstOrDefault(s => s.Key == src)?.Url ?? src;
}
