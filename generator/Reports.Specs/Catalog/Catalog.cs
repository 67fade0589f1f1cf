using Reports.Specs.Content;

namespace Reports.Specs.Catalog;

/// <summary>The catalog with lookups by id. Wraps the data the generator compiled or the loader read.</summary>
public sealed class Catalog
{
    private readonly Dictionary<ModelId, ModelData> _models;
    private readonly Dictionary<GpuId, GpuData> _gpus;
    private readonly Dictionary<ProviderId, ProviderData> _providers;
    private readonly Dictionary<BenchmarkId, BenchmarkData> _benchmarks;
    private readonly ILookup<ModelId, (ProviderData p, PriceData price)> _prices;
    private readonly ILookup<ModelId, (BenchmarkData b, ScoreData s)> _scores;
    private readonly Lazy<Estimators.ScoreTable> _scoreTable;

    public Catalog(CatalogData data)
    {
        Data = data;
        _models = data.Models.ToDictionary(m => m.Id);
        _gpus = data.Gpus.ToDictionary(g => g.Id);
        _providers = data.Providers.ToDictionary(p => p.Id);
        _benchmarks = data.Benchmarks.ToDictionary(b => b.Id);
        // Per-model lookups built once: pages ask for one model's prices and scores, and scanning every
        // provider's price list per question made a 25,000-model build quadratic.
        _prices = data.Providers.SelectMany(p => CurrentPrices(p).Select(price => (p, price))).ToLookup(x => x.price.Model);
        _scores = data.Benchmarks.SelectMany(b => b.Scores.Select(s => (b, s))).ToLookup(x => x.s.Model);
        _scoreTable = new Lazy<Estimators.ScoreTable>(() => new Estimators.ScoreTable(data.Benchmarks));
    }

    /// <summary>The catalog compiled into this assembly from content/.</summary>
    public static Catalog Compiled { get; } = new(CompiledCatalog.Data);

    public CatalogData Data { get; }

    public SiteData Site => Data.Site;

    public IReadOnlyList<ModelData> Models => Data.Models;

    public IReadOnlyList<GpuData> Gpus => Data.Gpus;

    public IReadOnlyList<ProviderData> Providers => Data.Providers;

    public IReadOnlyList<BenchmarkData> Benchmarks => Data.Benchmarks;

    public IReadOnlyList<MeasurementData> Measurements => Data.Measurements;

    public IReadOnlyList<EngineData> Engines => Data.Engines;

    /// <summary>
    /// The catalog's own date: the newest <c>verified</c> of any file. Price staleness is measured from it, not
    /// from the clock, so a build is the same bytes whatever day it runs.
    /// </summary>
    public ContentDate AsOf => _asOf ??= Data.Models.Select(m => m.Verified)
        .Concat(Data.Gpus.Select(g => g.Verified))
        .Concat(Data.Providers.Select(p => p.Verified))
        .Concat(Data.Benchmarks.Select(b => b.Verified))
        .Concat(Data.Measurements.Select(m => m.Verified))
        .Concat(Data.Engines.Select(e => e.Verified))
        .DefaultIfEmpty()
        .Max();

    private ContentDate? _asOf;

    /// <summary>What each engine's own list says about one model, in the catalog's engine order.</summary>
    public IReadOnlyList<EngineSupport> EngineSupportFor(ModelData model) => EngineSupport.For(model, Data.Engines);

    public ModelData Model(ModelId id) => _models.TryGetValue(id, out var model) ? model : throw new KeyNotFoundException("No model '" + id + "' in the catalog.");

    public GpuData Gpu(GpuId id) => _gpus.TryGetValue(id, out var gpu) ? gpu : throw new KeyNotFoundException("No GPU '" + id + "' in the catalog.");

    public bool TryGetModel(string id, out ModelData model) => _models.TryGetValue(new ModelId(id), out model!);

    public bool TryGetGpu(string id, out GpuData gpu) => _gpus.TryGetValue(new GpuId(id), out gpu!);

    public ProviderData Provider(ProviderId id) => _providers[id];

    public BenchmarkData Benchmark(BenchmarkId id) => _benchmarks[id];

    /// <summary>The numeric value of an assumption from site.yaml; a missing one is a programming error.</summary>
    public double Assumption(string id)
    {
        foreach (var assumption in Site.Assumptions)
        {
            if (assumption.Id == id)
            {
                return assumption.Value;
            }
        }

        throw new KeyNotFoundException("site.yaml has no assumption '" + id + "'.");
    }

    /// <summary>
    /// A provider's prices in force: for each model, the entries of its latest date. A provider file keeps
    /// its price history (a changed price is a new dated entry), and an older price must not be shown as
    /// an offer, least of all as the cheapest one.
    /// </summary>
    public static IEnumerable<PriceData> CurrentPrices(ProviderData provider)
    {
        var latest = new Dictionary<ModelId, ContentDate>();
        foreach (var price in provider.Prices)
        {
            if (!latest.TryGetValue(price.Model, out var date) || price.Date.CompareTo(date) > 0)
            {
                latest[price.Model] = price.Date;
            }
        }

        return provider.Prices.Where(price => price.Date == latest[price.Model]);
    }

    /// <summary>Prices in force for one model across providers, cheapest input first.</summary>
    public IEnumerable<(ProviderData Provider, PriceData Price)> PricesFor(ModelId model)
        => _prices[model]
            .OrderBy(x => x.price.Input + x.price.Output)
            .ThenBy(x => x.p.Id.Value, StringComparer.Ordinal);

    /// <summary>Scores for one model across benchmarks.</summary>
    public IEnumerable<(BenchmarkData Benchmark, ScoreData Score)> ScoresFor(ModelId model)
        => _scores[model];

    /// <summary>Every benchmark's scores indexed for standings and composites (built on first use).</summary>
    public Estimators.ScoreTable ScoreTable => _scoreTable.Value;
}
