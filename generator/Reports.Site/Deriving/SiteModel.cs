using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Deriving;

/// <summary>
/// Everything derived once per build and shared by several page kinds: recommendations, related
/// models, comparison pairs. The Derive step: pure, no I/O.
/// </summary>
public sealed class SiteModel
{
    public SiteModel(Catalog catalog)
    {
        Catalog = catalog;
        Assumptions = Assumptions.From(catalog.Data);
        // Ranking is the costliest derivation; an incremental build may need few of them. Only the ranking
        // is kept: the detailed estimates are derived again by each page that shows them, so memory does
        // not grow with every model page rendered.
        _recommendations = catalog.Models.ToDictionary(m => m.Id, m => new Lazy<(IReadOnlyList<RankedSetup> Top, int Count)>(() => Recommender.RankSetups(m, catalog.Gpus, Assumptions)));
        var candidates = new RelatedModels.Candidates(catalog.Models);
        Related = catalog.Models.ToDictionary(m => m.Id, m => RelatedModels.For(m, candidates));
        Similar = catalog.Models.ToDictionary(m => m.Id, m => RelatedModels.Alternatives(m, candidates, Related[m.Id]));
        ComparePairs = Related
            .SelectMany(pair => pair.Value.Select(r => Order(catalog.Model(pair.Key), r.Model)))
            .DistinctBy(p => (p.A.Id, p.B.Id))
            .OrderBy(p => p.A.Id.Value, StringComparer.Ordinal)
            .ThenBy(p => p.B.Id.Value, StringComparer.Ordinal)
            .ToList();
        _pairKeys = ComparePairs.Select(p => (p.A.Id, p.B.Id)).ToHashSet();
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _memo = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, string> _hashes = new(ReferenceEqualityComparer.Instance);

    public Catalog Catalog { get; }

    /// <summary>
    /// A hash of an entity's content: records print every property (nested records and arrays
    /// included), so the printed form changes exactly when the data does, without a serializer.
    /// </summary>
    public string Hash(object entity)
        => _hashes.GetOrAdd(entity, e => Review.FactsManifest.Hash(e.GetType().FullName + e));

    /// <summary>Everything: index pages, posts, the methodology and the API show data from the whole catalog.</summary>
    public string CatalogFingerprint => Memo("inputs|everything", () => new PageInputs(this)
        .AllModels().AllGpus().AllBenchmarks().AllProviders().AllEngines().AllMeasurements().SiteSettings().Calibration()
        .Fingerprint);

    /// <summary>
    /// A value derived once per site model and kept with it, under a key that names what it was derived from: the
    /// planned pages for a set of posts, which a preview rebuild after a template edit reuses.
    /// </summary>
    public T Memo<T>(string key, Func<T> derive) where T : class
        => (T)_memo.GetOrAdd(key, _ => new Lazy<object>(derive)).Value;

    public Assumptions Assumptions { get; }

    private readonly Dictionary<ModelId, Lazy<(IReadOnlyList<RankedSetup> Top, int Count)>> _recommendations;

    /// <summary>The best recommended setups for a model, best first, with full provenance (derived on each call: keep the result for the page).</summary>
    public IReadOnlyList<Recommendation> RecommendationsFor(ModelId model, int take = Recommender.Detailed)
        => _recommendations[model].Value.Top.Take(take).Select(r => Recommender.Detail(r, Assumptions)).ToList();

    /// <summary>The best recommended setup, or null when no GPU with a price fits.</summary>
    public Recommendation? BestRecommendation(ModelId model) => RecommendationsFor(model, 1).FirstOrDefault();

    /// <summary>How many setups were ranked for a model (only the best have full provenance).</summary>
    public int RecommendationCount(ModelId model) => _recommendations[model].Value.Count;

    public IReadOnlyDictionary<ModelId, IReadOnlyList<RelatedModel>> Related { get; }

    /// <summary>Each model's alternatives from other vendors, none of them in its related list.</summary>
    public IReadOnlyDictionary<ModelId, IReadOnlyList<RelatedModel>> Similar { get; }

    public IReadOnlyList<(ModelData A, ModelData B)> ComparePairs { get; }

    private readonly HashSet<(ModelId, ModelId)> _pairKeys;

    /// <summary>The GPU most pages use as the common yardstick, when the catalog has it.</summary>
    public GpuData? ReferenceGpu => Catalog.Gpus.FirstOrDefault(g => g.Id.Value == "h100-sxm") ?? Catalog.Gpus.FirstOrDefault();

    public static string CompareSlug(ModelData a, ModelData b) => a.Id.Value + "-vs-" + b.Id.Value;

    public bool HasComparePage(ModelData a, ModelData b)
    {
        var (x, y) = Order(a, b);
        return _pairKeys.Contains((x.Id, y.Id));
    }

    public static (ModelData A, ModelData B) Order(ModelData a, ModelData b)
        => string.CompareOrdinal(a.Id.Value, b.Id.Value) <= 0 ? (a, b) : (b, a);

    /// <summary>Prices and rental offers dated before this are stale: stale_after_days before the catalog's own date.</summary>
    public ContentDate StaleBefore => _staleBefore ??= PriceStanding.StaleBeforeOf(Catalog.AsOf, Catalog.Site.StaleAfterDays);

    private ContentDate? _staleBefore;

    /// <summary>A model's prices, current ones first by blended rate, stale ones marked; "cheapest" only among two or more current prices.</summary>
    public PriceStanding Standing(ModelId model)
        => _standings.GetOrAdd(model, id => PriceStanding.Of(Catalog.PricesFor(id), Assumptions.MonthlyInputShare, StaleBefore));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<ModelId, PriceStanding> _standings = new();

    /// <summary>Prices for a model in page order: see <see cref="Standing"/>.</summary>
    public IReadOnlyList<ListedPrice> Prices(ModelId model) => Standing(model).Prices;

    public static string SourceUrl(IReadOnlyList<SourceLink> sources, string src) => SourceLinks.Resolve(sources, src);
}
