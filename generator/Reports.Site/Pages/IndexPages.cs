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
        var modelRows = new Lazy<List<ModelListRow>>(() => catalog.Models.Select(m => new ModelListRow(
            m,
            KindLabels.Short(m.Architecture.Kind),
            Format.Params(m.Params.Total.Value),
            m.Params.Total.Value.ToString("R", Inv),
            Format.Params(MemoryEstimator.ParamsActive(m).Value),
            MemoryEstimator.ParamsActive(m).Value.ToString("R", Inv),
            gpu is not null && FitEstimator.MinGpus(m, gpu, Precision.Fp8, a.FitContextTokens, a.FitConcurrency, a) is { } min ? min.Count.ToString(Inv) : "",
            site.Standing(m.Id).Lowest is { } p ? Format.Usd(p.Price.Input) + " / " + Format.Usd(p.Price.Output) : "")).ToList());
        var gpuRows = new Lazy<List<GpuListRow>>(() => catalog.Gpus.Select(g => new GpuListRow(
            g,
            GpuPage.KindLabel(g.Kind),
            g.Memory.Value.ToString("0.##", Inv) + " " + g.Memory.Unit,
            Units.MemoryBytes(g).ToString("R", Inv),
            (Units.BytesPerSecond(g.Bandwidth) / 1e9).ToString("#,0", Inv) + " GB/s",
            Units.BytesPerSecond(g.Bandwidth).ToString("R", Inv),
            g.Compute?.Bf16?.Value.ToString("#,0.#", Inv) ?? "",
            g.Compute?.Fp8?.Value.ToString("#,0.#", Inv) ?? "",
            CostEstimator.Rental(g, site.Assumptions) is { } r ? RentalText(r) : "")).ToList());
        List<PickOption> ModelPicks() => catalog.Models.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Select(m => new PickOption(m.Id.Value, m.Name)).ToList();

        // The home page shows the first page of the model list; the models index has them all. It starts with
        // pick a model, pick an accelerator, compare two; then the newest posts (newest first already).
        yield return new Page("index.html", "pages/home.html", catalog.Site.Title, catalog.Site.Description, () => new HomePageModel(
            modelRows.Value.Take(ListPerPage).ToList(),
            catalog.Models.Count > ListPerPage,
            gpuRows.Value,
            catalog.Models.Count,
            catalog.Gpus.Count,
            site.ComparePairs.Count,
            gpu,
            ModelPicks(),
            catalog.Gpus.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).Select(g => new PickOption(g.Id.Value, g.Name)).ToList(),
            posts.Published.Take(3).ToList()));
        foreach (var paging in Paging.For("models/", catalog.Models.Count, ListPerPage, "models"))
        {
            yield return new Page(paging.OutputPath, "pages/models.html", "Models" + paging.TitleSuffix, "Every open-weights model in the catalog: parameters, context, minimum GPUs and cheapest API price.", () => new ModelListPageModel(
                paging.Slice(modelRows.Value).ToList(),
                gpu,
                Format.Int(a.FitContextTokens),
                paging.View(SitePaths.RelativeRoot(paging.OutputPath))));
        }

        yield return new Page("gpus/index.html", "pages/gpus.html", "Accelerators", "Every accelerator in the catalog (GPUs, TPUs, Trainium, Gaudi): memory, bandwidth, dense TFLOPS and dated rental prices.", () => new GpuListPageModel(gpuRows.Value));

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
            yield return new Page(paging.OutputPath, "pages/leaderboard.html", "Benchmark leaderboard" + paging.TitleSuffix, "Published benchmark scores of catalog models, with percentiles, a composite and a source per score.", () => new LeaderboardPageModel(
                benchmarks,
                paging.View(SitePaths.RelativeRoot(paging.OutputPath)),
                paging.Slice(scored.Value).Select(x => new LeaderboardRow(
                    x.Model,
                    x.Composite?.Value.ToString("0", Inv) ?? "",
                    catalog.ScoreTable.Entries.Count(e => e.First.ContainsKey(x.Model.Id)),
                    catalog.ScoreTable.Entries.Select(e => e.First.GetValueOrDefault(x.Model.Id) is { } s
                        ? new LeaderboardCell(s.Value.ToString("0.#", Inv), s.Value.ToString("R", Inv), SiteModel.SourceUrl(e.Benchmark.Sources, s.Src), s.Setting ?? "")
                        : new LeaderboardCell("", "", "", "")).ToList())).ToList()));
        }

        foreach (var paging in Paging.For("faq/", catalog.Models.Count, FaqModelsPerPage, "models"))
        {
            yield return new Page(paging.OutputPath, "pages/faq.html", "FAQ" + paging.TitleSuffix, "Questions about running each model, answered from sourced data and stated formulas.", () => new FaqPageModel(
                paging.Slice(catalog.Models).Select(m => new FaqGroup(m, Faq.For(site, m))).ToList(),
                paging.OutputPath == "faq/index.html" ? Faq.General(site) : [],
                paging.View(SitePaths.RelativeRoot(paging.OutputPath))));
        }

        yield return new Page("search/index.html", "pages/search.html", "Search", "Search every model, accelerator, comparison, post and guide page, and filter by kind and vendor.", () => new PlainPageModel());

        yield return new Page("compare/index.html", "pages/compare-index.html", "Compare models", "Pick any two models and see their architecture, memory, speed on the same GPUs, cost and benchmark scores side by side, or open one of the full comparison pages.", () => new CompareIndexPageModel(
            ModelPicks(),
            site.ComparePairs.Select(p => new ComparePair(SiteModel.CompareSlug(p.A, p.B), p.A, p.B)).ToList(),
            CompareCard.ApiPath));

        yield return new Page("methodology/index.html", "pages/methodology.html", "Methodology", "How every number on this site is sourced or computed: formulas, assumptions, and estimates against published measurements.", () => Methodology(site));

        yield return new Page("404.html", "pages/404.html", "Page not found", "The page you asked for is not on this site.", () => new PlainPageModel());
    }

    private static MethodologyPageModel Methodology(SiteModel site)
    {
        var catalog = site.Catalog;
        var calibration = catalog.Data.Calibration;
        var measurements = catalog.Measurements.ToDictionary(m => m.Id);
        static string Pct(double x) => (x * 100).ToString("0", Inv) + "%";
        static AccuracyRow Accuracy(string category, int rows, int sources, double median, double p90, double within, double worst, double bias)
            => new(category, rows, sources, Pct(median), Pct(p90), Pct(within), Pct(worst), (bias * 100).ToString("+0;-0;0", Inv) + "%");
        var rows = calibration?.Rows ?? EquatableArray<CalibrationRowData>.Empty;
        var unseen = (calibration?.Unseen ?? EquatableArray<UnseenRowData>.Empty).ToList();
        return new MethodologyPageModel(
            Formulas.All.Select(f => new FormulaView(f.Id, f.Id.Replace('.', '-'), f.Text, f.Summary)).ToList(),
            catalog.Site.Assumptions.ToList(),
            catalog.Site.RequestMixes.ToList(),
            catalog.Site.FitGrades.ToList(),
            catalog.Site.Engines.ToList(),
            calibration is not null,
            calibration is null ? null : new CorpusView(calibration.Measurements, calibration.Expressible, calibration.Folds, rows.Count, catalog.Measurements.Count(m => m.Results.TtftMs is not null && m.Harness == BenchmarkHarness.Server && !Calibration.ComparesTtft(m)), catalog.Measurements.Count(m => m.Results.TtftMs is not null && m.Harness == BenchmarkHarness.InProcess)),
            calibration?.Shared,
            calibration?.Engines.Select(e => new EngineConstantsView(SetupLabels.Engine(catalog.Site, e.Engine), e)).ToList(),
            calibration is null ? null : new VendorFactorsView(
                Calibrator.ReferenceVendor,
                calibration.Vendors.ToList(),
                catalog.Gpus.Select(VendorFactors.KeyOf).Where(v => v != Calibrator.ReferenceVendor && !calibration.Vendors.Any(f => f.Vendor == v)).Distinct().Order(StringComparer.Ordinal).ToList()),
            rows.Select(r => (r, m: measurements[r.Measurement])).Select(x => new CalibrationRowView(
                x.m,
                x.r.Metric,
                x.r.Category,
                x.r.Fold,
                Format.Plain(x.r.Measured),
                Format.Plain(x.r.HeldOut),
                Format.Plain(x.r.Fitted),
                ((x.r.HeldOut - x.r.Measured) / x.r.Measured * 100).ToString("+0.0;-0.0;0.0", Inv) + "%",
                catalog.Model(x.m.Model),
                catalog.Gpu(x.m.Gpu),
                Units.Name(x.m.Precision).ToUpperInvariant(),
                SetupLabels.Engine(catalog.Site, x.m))).ToList(),
            calibration?.Unexpressed.Select(u => new UnexpressedView(measurements[u.Measurement], u.Reason)).ToList(),
            (calibration?.HeldOut ?? EquatableArray<HeldOutSummaryData>.Empty).Select(a => Accuracy(a.Category, a.Rows, a.Sources, a.Median, a.P90, a.WithinQuarter, a.Worst, a.Bias)).ToList(),
            calibration is { HeldOutByKind.Count: > 0 }
                ? new KindAccuracyView(Calibration.MinKindRows, Calibration.MinKindSources, calibration.HeldOutByKind.Select(a => new KindAccuracyRow(KindLabels.Noun(a.Kind!.Value), Accuracy(a.Category, a.Rows, a.Sources, a.Median, a.P90, a.WithinQuarter, a.Worst, a.Bias))).ToList(), KindOverall(calibration.HeldOutByKind))
                : null,
            Calibration.Summarize(unseen).Select(a => Accuracy(a.Category, a.Rows, a.Sources, a.Median, a.P90, a.WithinQuarter, a.Worst, a.Bias)).ToList(),
            unseen.Select(u => (u, m: measurements[u.Measurement])).Select(x => new UnseenRowView(
                x.m,
                x.u.Metric,
                x.u.Category,
                Format.Plain(x.u.Measured),
                Format.Plain(x.u.Estimate),
                ((x.u.Estimate - x.u.Measured) / x.u.Measured * 100).ToString("+0.0;-0.0;0.0", Inv) + "%",
                x.u.Scored.ToString(),
                catalog.Model(x.m.Model),
                catalog.Gpu(x.m.Gpu),
                Units.Name(x.m.Precision).ToUpperInvariant(),
                SetupLabels.Engine(catalog.Site, x.m))).ToList(),
            Repeats(catalog),
            catalog.Site.StaleAfterDays,
            (Format.NamedBias * 100).ToString("0", Inv) + "%");
    }

    /// <summary>"Over every category, estimates of mixtures of experts were within 28% ... and of dense models within 21%.", from each kind's row for all categories.</summary>
    private static string KindOverall(IReadOnlyList<HeldOutSummaryData> byKind)
    {
        var moe = byKind.FirstOrDefault(h => h.Category == Calibration.All && h.Kind == ModelKind.Moe);
        var dense = byKind.FirstOrDefault(h => h.Category == Calibration.All && h.Kind == ModelKind.Dense);
        return moe is null || dense is null
            ? ""
            : string.Format(Inv, "Over every category, estimates of mixtures of experts were within {0:0}% of the measurement for half of their {1:#,0} comparisons, and of dense models within {2:0}% for half of {3:#,0}.", moe.Median * 100, moe.Rows, dense.Median * 100, dense.Rows);
    }

    private static RepeatsView? Repeats(Reports.Specs.Catalog.Catalog catalog)
    {
        var groups = RepeatMeasurements.Find(catalog.Measurements);
        if (RepeatMeasurements.Summarize(groups) is not { } summary)
        {
            return null;
        }

        static string Pct(double x) => (x * 100).ToString("0", Inv) + "%";
        static string Ratio(double spread) => (1 + spread).ToString("0.00", Inv) + "x";
        return new RepeatsView(
            summary.Groups,
            summary.Figures,
            Pct(summary.MedianSpread),
            Pct(summary.P90Spread),
            Ratio(summary.MaxSpread),
            Pct(summary.MedianDeviation),
            groups.Select(g =>
            {
                var m = g.Values[0].Measurement;
                return new RepeatRowView(
                    catalog.Model(m.Model),
                    catalog.Gpu(m.Gpu),
                    m.Count,
                    Units.Name(m.Precision).ToUpperInvariant(),
                    SetupLabels.Engine(catalog.Site, m),
                    MeasuredSection.Load(m),
                    g.Label,
                    g.Values.Select(v => new RepeatFigureView(v.Measurement, MeasuredSection.Figure(v.Value, g.Unit))).ToList(),
                    Ratio(g.Spread));
            }).ToList());
    }

    /// <summary>"$2.10 to $12.29 (7 offers, 2026-05-07 to 2026-10-10)", or the single offer with its date.</summary>
    public static string RentalText(RentalRange r)
        => r.Offers.Count == 1
            ? Format.Usd(r.Point.UsdPerHour) + " (" + r.Point.Date + ")"
            : Format.Usd(r.Low.UsdPerHour) + " to " + Format.Usd(r.High.UsdPerHour) + " (" + r.Offers.Count + " offers, " + (r.Earliest == r.Latest ? r.Latest.ToString() : r.Earliest + " to " + r.Latest) + ")";
}
