using System.Globalization;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>Home, model and GPU lists, leaderboard, FAQ hub, methodology and 404.</summary>
public static class IndexPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Rows per page of the model list and the leaderboard; a longer list continues on page/2/.</summary>
    public const int ListPerPage = 200;

    /// <summary>Models per FAQ page (each brings its four to six questions).</summary>
    public const int FaqModelsPerPage = 100;

    public static IEnumerable<Page> Build(SiteModel site, Posts.PostSet posts)
    {
        var catalog = site.Catalog;
        var a = site.Assumptions;
        var gpu = site.ReferenceGpu;
        // Derived only when one of these pages is rendered; an unchanged build renders none.
        var modelRows = new Lazy<List<object>>(() => catalog.Models.Select(m => (object)new
        {
            model = m,
            kind = KindLabels.Short(m.Architecture.Kind),
            total = Format.Params(m.Params.Total.Value),
            total_sort = m.Params.Total.Value.ToString("R", Inv),
            active = Format.Params(MemoryEstimator.ParamsActive(m).Value),
            active_sort = MemoryEstimator.ParamsActive(m).Value.ToString("R", Inv),
            min_fp8 = gpu is not null && FitEstimator.MinGpus(m, gpu, Precision.Fp8, a.FitContextTokens, a.FitConcurrency, a) is { } min ? min.Count.ToString(Inv) : "",
            cheapest = site.Standing(m.Id).Lowest is { } p ? Format.Usd(p.Price.Input) + " / " + Format.Usd(p.Price.Output) : "",
        }).ToList());
        var gpuRows = new Lazy<object>(() => catalog.Gpus.Select(g => new
        {
            gpu = g,
            kind = GpuPage.KindLabel(g.Kind),
            memory = g.Memory.Value.ToString("0.##", Inv) + " " + g.Memory.Unit,
            memory_sort = Units.MemoryBytes(g).ToString("R", Inv),
            bandwidth = (Units.BytesPerSecond(g.Bandwidth) / 1e9).ToString("#,0", Inv) + " GB/s",
            bandwidth_sort = Units.BytesPerSecond(g.Bandwidth).ToString("R", Inv),
            bf16 = g.Compute?.Bf16?.Value.ToString("#,0.#", Inv) ?? "",
            fp8 = g.Compute?.Fp8?.Value.ToString("#,0.#", Inv) ?? "",
            rental = CostEstimator.Rental(g, site.Assumptions) is { } r ? RentalText(r) : "",
        }).ToList());

        yield return Page("index.html", "pages/home.html", catalog.Site.Title, catalog.Site.Description, () => new()
        {
            // The home page shows the first page of the model list; the models index has them all.
            ["models"] = modelRows.Value.Take(ListPerPage).ToList(),
            ["more_models"] = catalog.Models.Count > ListPerPage,
            ["gpus"] = gpuRows.Value,
            ["model_count"] = catalog.Models.Count,
            ["gpu_count"] = catalog.Gpus.Count,
            ["compare_count"] = site.ComparePairs.Count,
            ["reference_gpu"] = gpu,
            // The start: pick a model, pick an accelerator, compare two; then the newest posts.
            ["pick_models"] = catalog.Models.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Select(m => new { id = m.Id.Value, name = m.Name }).ToList(),
            ["pick_gpus"] = catalog.Gpus.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).Select(g => new { id = g.Id.Value, name = g.Name }).ToList(),
            ["latest_posts"] = posts.Published.Take(3).ToList(), // newest first already
        });
        foreach (var paging in Paging.For("models/", catalog.Models.Count, ListPerPage, "models"))
        {
            yield return Page(paging.OutputPath, "pages/models.html", "Models" + paging.TitleSuffix, "Every open-weights model in the catalog: parameters, context, minimum GPUs and cheapest API price.", () => new()
            {
                ["models"] = paging.Slice(modelRows.Value).ToList(),
                ["reference_gpu"] = gpu,
                ["context"] = Format.Int(a.FitContextTokens),
                ["pager"] = paging.View(SitePaths.RelativeRoot(paging.OutputPath)),
            });
        }

        yield return Page("gpus/index.html", "pages/gpus.html", "Accelerators", "Every accelerator in the catalog (GPUs, TPUs, Trainium, Gaudi): memory, bandwidth, dense TFLOPS and dated rental prices.", () => new()
        {
            ["gpus"] = gpuRows.Value,
        });

        var benchmarks = catalog.Benchmarks.ToList();
        // Every model with a score is listed; one whose scores no other model shares a setting with has no composite and comes last.
        bool HasScore(ModelData m) => catalog.ScoreTable.Entries.Any(e => e.First.ContainsKey(m.Id));
        var scored = new Lazy<List<(ModelData Model, Estimate? Composite)>>(() => catalog.Models
            .Where(HasScore)
            .Select(m => (Model: m, Composite: ScoreEstimator.Composite(m.Id, catalog.ScoreTable)))
            .OrderByDescending(x => x.Composite?.Value ?? double.NegativeInfinity)
            .ThenBy(x => x.Model.Id.Value, StringComparer.Ordinal)
            .ToList());
        var scoredCount = catalog.Models.Count(HasScore);
        foreach (var paging in Paging.For("leaderboard/", scoredCount, ListPerPage, "models"))
        {
            yield return Page(paging.OutputPath, "pages/leaderboard.html", "Benchmark leaderboard" + paging.TitleSuffix, "Published benchmark scores of catalog models, with percentiles, a composite and a source per score.", () => new()
            {
                ["benchmarks"] = benchmarks,
                ["pager"] = paging.View(SitePaths.RelativeRoot(paging.OutputPath)),
                ["rows"] = paging.Slice(scored.Value)
                .Select(x => new
                {
                    model = x.Model,
                    composite = x.Composite?.Value.ToString("0", Inv) ?? "",
                    count = catalog.ScoreTable.Entries.Count(e => e.First.ContainsKey(x.Model.Id)),
                    cells = catalog.ScoreTable.Entries.Select(e => e.First.GetValueOrDefault(x.Model.Id) is { } s
                        ? new { text = s.Value.ToString("0.#", Inv), sort = s.Value.ToString("R", Inv), url = SiteModel.SourceUrl(e.Benchmark.Sources, s.Src), setting = s.Setting ?? "" }
                        : new { text = "", sort = "", url = "", setting = "" }).ToList(),
                }).ToList(),
            });
        }

        foreach (var paging in Paging.For("faq/", catalog.Models.Count, FaqModelsPerPage, "models"))
        {
            yield return Page(paging.OutputPath, "pages/faq.html", "FAQ" + paging.TitleSuffix, "Questions about running each model, answered from sourced data and stated formulas.", () => new()
            {
                ["groups"] = paging.Slice(catalog.Models).Select(m => new { model = m, items = Faq.For(site, m) }).ToList(),
                ["general"] = paging.OutputPath == "faq/index.html" ? Faq.General(site) : [],
                ["pager"] = paging.View(SitePaths.RelativeRoot(paging.OutputPath)),
            });
        }

        yield return Page("search/index.html", "pages/search.html", "Search", "Search every model, accelerator, comparison, post and guide page, and filter by kind and vendor.", () => new());

        yield return Page("compare/index.html", "pages/compare-index.html", "Compare models", "Pick any two models and see their architecture, memory, speed on the same GPUs, cost and benchmark scores side by side, or open one of the full comparison pages.", () => new()
        {
            ["models"] = catalog.Models.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Select(m => new { id = m.Id.Value, name = m.Name }).ToList(),
            ["pairs"] = site.ComparePairs.Select(p => new { slug = SiteModel.CompareSlug(p.A, p.B), a = p.A, b = p.B }).ToList(),
            ["api"] = CompareCard.ApiPath,
        });

        yield return Page("methodology/index.html", "pages/methodology.html", "Methodology", "How every number on this site is sourced or computed: formulas, assumptions, and estimates against published measurements.", () => Methodology(site));

        yield return Page("404.html", "pages/404.html", "Page not found", "The page you asked for is not on this site.", () => new());
    }

    private static Dictionary<string, object?> Methodology(SiteModel site)
    {
        var catalog = site.Catalog;
        var calibration = catalog.Data.Calibration;
        var measurements = catalog.Measurements.ToDictionary(m => m.Id);
        static string Pct(double x) => (x * 100).ToString("0", Inv) + "%";
        static string Signed(double x) => (x * 100).ToString("+0;-0", Inv) + "%";
        var rows = calibration?.Rows ?? EquatableArray<CalibrationRowData>.Empty;
        return new()
        {
            ["formulas"] = Formulas.All.Select(f => new { id = f.Id, anchor = f.Id.Replace('.', '-'), text = f.Text }).ToList(),
            ["assumptions"] = catalog.Site.Assumptions.ToList(),
            ["mixes"] = catalog.Site.RequestMixes.ToList(),
            ["grades"] = catalog.Site.FitGrades.ToList(),
            ["engine_caps"] = catalog.Site.Engines.ToList(),
            ["calibrated"] = calibration is not null,
            ["corpus"] = calibration is null ? null : new { measurements = calibration.Measurements, expressible = calibration.Expressible, folds = calibration.Folds, comparisons = rows.Count },
            ["shared"] = calibration?.Shared,
            ["engines"] = calibration?.Engines.Select(e => new { name = EngineLabel(catalog.Site, e.Engine), e = e }).ToList(),
            ["calibration"] = rows.Select(r => (r, m: measurements[r.Measurement])).Select(x => new
            {
                m = x.m,
                metric = x.r.Metric,
                category = x.r.Category,
                fold = x.r.Fold,
                measured = Format.Plain(x.r.Measured),
                held_out = Format.Plain(x.r.HeldOut),
                fitted = Format.Plain(x.r.Fitted),
                error = ((x.r.HeldOut - x.r.Measured) / x.r.Measured * 100).ToString("+0.0;-0.0", Inv) + "%",
                model = catalog.Model(x.m.Model),
                gpu = catalog.Gpu(x.m.Gpu),
                precision = Units.Name(x.m.Precision).ToUpperInvariant(),
                engine = x.m.Engine is { } e ? EngineLabel(catalog.Site, e) : "not stated",
            }).ToList(),
            ["unexpressed"] = calibration?.Unexpressed.Select(u => new { m = measurements[u.Measurement], reason = u.Reason }).ToList(),
            ["accuracy"] = (calibration?.HeldOut ?? EquatableArray<HeldOutSummaryData>.Empty).Select(a => new
            {
                category = a.Category,
                rows = a.Rows,
                sources = a.Sources,
                median = Pct(a.Median),
                p90 = Pct(a.P90),
                within = Pct(a.WithinQuarter),
                worst = Pct(a.Worst),
                bias = Signed(a.Bias),
            }).ToList(),
            ["stale_days"] = catalog.Site.StaleAfterDays,
        };
    }

    /// <summary>An engine's display name from site.yaml, its id when the file names none.</summary>
    private static string EngineLabel(SiteData site, ServingEngine engine)
        => site.Engines.FirstOrDefault(e => e.Engine == engine)?.Label ?? Units.Name(engine);

    private static Page Page(string path, string template, string title, string description, Func<Dictionary<string, object?>> values)
        => new(path, template, title, description, () => values());

    /// <summary>"$2.10 to $12.29 (7 offers, 2026-05-07 to 2026-10-10)", or the single offer with its date.</summary>
    public static string RentalText(RentalRange r)
        => r.Offers.Count == 1
            ? Format.Usd(r.Point.UsdPerHour) + " (" + r.Point.Date + ")"
            : Format.Usd(r.Low.UsdPerHour) + " to " + Format.Usd(r.High.UsdPerHour) + " (" + r.Offers.Count + " offers, " + (r.Earliest == r.Latest ? r.Latest.ToString() : r.Earliest + " to " + r.Latest) + ")";
}
