using System.Text;

namespace Reports.Site.Deriving;

/// <summary>
/// What a page is made from, declared by the builder beside the code that reads it: catalog entities by content,
/// whole kinds of them, and text. The page's fingerprint is the hash of the list, so an edit to anything listed
/// renders the page again and an edit to anything else does not. An input a page reads but does not list is a
/// page left stale by an incremental build: RebuildEquivalenceTests edits every fixture file in turn and compares
/// the incremental build with a clean one to catch that.
/// </summary>
public sealed class PageInputs(SiteModel site)
{
    private readonly StringBuilder _record = new();

    /// <summary>One entity of the catalog (a model, an accelerator), by its content.</summary>
    public PageInputs Entity(object entity) => Add(site.Hash(entity));

    /// <summary>Every model, by content.</summary>
    public PageInputs AllModels() => Group("models", site.Catalog.Models);

    /// <summary>What other models' links and list rows show of them: id, name, family, vendor, size, capabilities.</summary>
    public PageInputs ModelSummaries() => Add(site.Memo("inputs|model-summaries", () => Review.FactsManifest.Hash(string.Join("|", site.Catalog.Models.Select(m =>
        m.Id + ";" + m.Name + ";" + m.Family + ";" + m.Vendor + ";" + m.Params.Total.Value + ";" + string.Join(",", m.Capabilities?.Value ?? default))))));

    /// <summary>Every accelerator: fit matrices, recommendations and rental costs read them all.</summary>
    public PageInputs AllGpus() => Group("gpus", site.Catalog.Gpus);

    /// <summary>Every provider's prices.</summary>
    public PageInputs AllProviders() => Group("providers", site.Catalog.Providers);

    /// <summary>Every benchmark and its scores: percentiles and ranks are among all models.</summary>
    public PageInputs AllBenchmarks() => Group("benchmarks", site.Catalog.Benchmarks);

    /// <summary>Every serving engine's file: supported models and formats, launch flags.</summary>
    public PageInputs AllEngines() => Group("engines", site.Catalog.Data.Engines);

    /// <summary>Every published measurement.</summary>
    public PageInputs AllMeasurements() => Group("measurements", site.Catalog.Measurements);

    /// <summary>site.yaml: titles, every estimation assumption, request mixes, engine caps.</summary>
    public PageInputs SiteSettings() => Entity(site.Catalog.Site);

    /// <summary>The fitted speed constants and error bands: a recalibration changes every speed on every page.</summary>
    public PageInputs Calibration() => Add(site.Catalog.Data.Calibration is { } calibration ? site.Hash(calibration) : "");

    /// <summary>Anything else the page shows, as text (the posts about a model: slug, title, date).</summary>
    public PageInputs Text(string value) => Add(Review.FactsManifest.Hash(value));

    public string Fingerprint => Review.FactsManifest.Hash(_record.ToString());

    private PageInputs Group<T>(string kind, IEnumerable<T> entities)
        where T : notnull
        => Add(site.Memo("inputs|" + kind, () => Review.FactsManifest.Hash(string.Join("|", entities.Select(e => site.Hash(e))))));

    private PageInputs Add(string part)
    {
        _record.Append(part).Append('|');
        return this;
    }
}
