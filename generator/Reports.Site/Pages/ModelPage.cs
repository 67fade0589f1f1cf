using System.Globalization;
using Reports.Site.Charts;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>The model page: every section a deployment guide needs, each number sourced or computed.</summary>
public static class ModelPage
{
    /// <summary>The counts of one node, always shown in the fit table.</summary>
    public static readonly int[] FitCounts = [1, 2, 4, 8];

    /// <summary>
    /// The fit table's counts: one node's, then the multi-node counts up to the largest smallest plan any accelerator
    /// needs at any precision, so a 400B model shows 16 and 32 GPUs and an 8B model stays four columns wide.
    /// </summary>
    public static IReadOnlyList<int> FitCountsFor(ModelData model, IReadOnlyList<GpuData> gpus, Assumptions a)
    {
        var largest = gpus
            .SelectMany(g => Recommender.Candidates.Select(p => FitEstimator.MinGpus(model, g, p, a.FitContextTokens, a.FitConcurrency, a)?.Count ?? 0))
            .DefaultIfEmpty(0)
            .Max();
        var counts = FitCounts.ToList();
        for (var n = FitCounts[^1] * 2; n <= Math.Min(largest, ParallelPlan.MaxGpus); n *= 2)
        {
            counts.Add(n);
        }

        return counts;
    }

    /// <summary>How many recommended setups the page (and the model's API file) shows.</summary>
    public const int RecommendationsShown = 6;

    /// <summary>The section ids, in page order; tests check every page has each one.</summary>
    public static readonly string[] SectionIds =
    [
        "overview", "brief", "provider-pricing", "related", "architecture", "memory", "fit-matrix", "recommendations", "what-if", "targets",
        "deployment", "api-pricing", "monthly-cost", "cost-per-1000", "performance", "measured", "vram-breakdown", "precision-impact",
        "benchmarks", "capabilities", "engines", "precisions", "faq", "similar", "sources",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Page Build(SiteModel site, ModelData model, IReadOnlyList<Posts.Post> posts)
        => new(SitePaths.ModelFolder(model.Id.Value) + "index.html", "pages/model.html", model.Name + ": memory, GPUs, speed and cost", Description(model),
            () => Values(site, model, posts), Inputs(site, model, posts).Fingerprint)
        { Vendor = model.Vendor, Aliases = SearchTerms.Aliases(model.Id.Value, model.Name), Card = () => Card(site, model), DataFileName = TargetsSection.DataFileName };

    /// <summary>
    /// What the page reads: the model; every accelerator, provider, benchmark and engine (the fit matrix, rankings,
    /// rental costs, percentiles and engine support); site.yaml and the calibration (every assumption and speed);
    /// what its related and similar lists show of other models; and the posts about it.
    /// </summary>
    private static PageInputs Inputs(SiteModel site, ModelData model, IReadOnlyList<Posts.Post> posts)
        => new PageInputs(site)
            .Entity(model)
            .AllGpus().AllProviders().AllBenchmarks().AllEngines()
            .SiteSettings().Calibration().AllMeasurements()
            .ModelSummaries()
            .Text(string.Join("|", posts.Select(p => p.Slug + p.Meta.Title + p.Meta.Date)));

    /// <summary>The model's social card: size and context, FP8 weights, and the best setup's single-user speed and cost.</summary>
    private static Rendering.OgCard Card(SiteModel site, ModelData model)
    {
        var a = site.Assumptions;
        var best = site.BestRecommendation(model.Id);
        var active = MemoryEstimator.ParamsActive(model).Value;
        var size = Format.Params(model.Params.Total.Value) + (active < model.Params.Total.Value ? " (" + Format.Params(active) + " active)" : "");
        var figures = new List<Rendering.CardFigure>
        {
            new("Weights at FP8", Format.Value(MemoryEstimator.Weights(model, Precision.Fp8, a))),
        };
        if (best is { Latency.Speed: { } speed })
        {
            figures.Add(new("Best setup", SetupLabels.Describe(best.Setup)));
            figures.Add(new("Decode, 1 user", Format.Value(speed.DecodeTokensPerSecond)));
            if (best.CostPerMillionTokens is { } cost)
            {
                figures.Add(new("Self-hosted", Format.Value(cost)));
            }
        }

        return new Rendering.OgCard("Model", model.Name, model.Vendor + " · " + KindLabels.Noun(model.Architecture.Kind) + " · " + size + " parameters · " + Format.Int(model.Context.Value) + "-token context", figures);
    }

    private static ModelPageModel Values(SiteModel site, ModelData model, IReadOnlyList<Posts.Post> posts)
    {
        var path = SitePaths.ModelFolder(model.Id.Value) + "index.html";
        var root = SitePaths.RelativeRoot(path);
        var a = site.Assumptions;
        var recs = site.RecommendationsFor(model.Id);
        var top = recs.Take(RecommendationsShown).ToList();
        var prices = site.Prices(model.Id);
        var faq = Faq.For(site, model);
        var configs = UseThisConfig.Blocks(site, top, site.Catalog.EngineSupportFor(model), root);
        var lead = recs.FirstOrDefault();
        var composite = ScoreEstimator.Composite(model.Id, site.Catalog.ScoreTable);
        return new ModelPageModel(
            model,
            posts,
            KindLabels.Noun(model.Architecture.Kind),
            SetupLabels.AttentionLabel(model.Architecture),
            Brief(site, model, recs.FirstOrDefault()),
            PriceRows(site, model, prices),
            site.Standing(model.Id).StaleBefore.ToString(),
            Links(site, model, site.Related[model.Id]),
            Links(site, model, site.Similar[model.Id]),
            Memory(model, a, root),
            FitMatrix(site, model),
            top.Select(r => RecommendationRow(r, root)).ToList(),
            configs,
            BreakEvenSection.For(site, top, configs, site.Standing(model.Id), root),
            TargetsSection.For(site, model),
            // The panel starts from the best recommended setup.
            new WhatIfStart(
                root + WhatIfGrid.PathFor(model.Id),
                lead?.Setup.Gpu.Id.Value ?? "",
                lead?.Setup.Count ?? 0,
                lead is null ? "" : Units.Name(lead.Setup.Precision).ToUpperInvariant()),
            site.RecommendationCount(model.Id),
            Format.Tokens(a.MonthlyTokens),
            Deployment(site, model, recs, prices),
            prices.Select(p => new ApiMonthlyRow(p.Provider, Format.Est(CostEstimator.ApiMonthly(p.Price, p.Provider.Name, SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src), a), root))).ToList(),
            top.FirstOrDefault() is { } best ? new SelfHostedMonthly(SetupLabels.Describe(best.Setup), Format.Est(best.Latency.CostPerMonth, root)) : null,
            Format.Int(a.MonthlyTokens),
            (a.MonthlyInputShare * 100).ToString("0", Inv) + "%",
            a.Mixes,
            a.PrimaryMix,
            prices.Select(p => new PerThousandRow(
                p.Provider,
                a.RequestMixes.Select(mix => Format.Est(CostEstimator.ApiPer1000Requests(p.Price, p.Provider.Name, SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src), mix), root)).ToList())).ToList(),
            top.Count == 0 ? null : SvgCharts.HorizontalBars(
                "perf-" + model.Id.Value,
                "Single-user decode speed of " + model.Name,
                "Estimated decode tokens per second for one user on each recommended setup: " + string.Join("; ", top.Select(r => SetupLabels.Describe(r.Setup) + " " + Format.Value(r.Latency.Speed!.DecodeTokensPerSecond))) + ".",
                top.Select(r => new ChartItem(SetupLabels.Describe(r.Setup), r.Latency.Speed!.DecodeTokensPerSecond.Value, Format.Value(r.Latency.Speed.DecodeTokensPerSecond))).ToList()),
            MeasuredSection.For(site, m => m.Model == model.Id),
            top.FirstOrDefault() is { } first ? Vram(first.Setup, a, root) : null,
            PrecisionImpact(site, model, root),
            ScoreEstimator.Standings(model.Id, site.Catalog.ScoreTable).Select(s => new ScoreRow(
                s.Benchmark,
                s.Score,
                s.Percentile.ToString("0", Inv),
                s.Rank + " of " + s.Of,
                SiteModel.SourceUrl(s.Benchmark.Sources, s.Score.Src))).ToList(),
            Format.Est(composite, root),
            composite is not null,
            EngineRows(site, model),
            Specs.Catalog.EngineSupport.ModelFormats(model).Count > 0,
            model.Checkpoints.Select(c => new CheckpointRow(
                Units.Name(c.Precision).ToUpperInvariant(),
                c.Format,
                c.Repo,
                Format.Gb(Units.Bytes(c.Size, c.Unit)),
                c.Unit == "B" ? null : c.Size.ToString("0.###", Inv) + " " + c.Unit,
                MemoryEstimator.PublishedCheckpoint(model, c.Precision) == c,
                c.Note,
                SiteModel.SourceUrl(model.Sources, c.Src))).ToList(),
            faq,
            Faq.JsonLd(faq),
            Sources(site, model, prices),
            ContextLengths(model).Select(c => Format.Int(c)).ToList());
    }

    /// <summary>One row per engine: whether its own list names the model's config class, and which published formats it loads.</summary>
    private static IReadOnlyList<EngineRow> EngineRows(SiteModel site, ModelData model)
        => site.Catalog.EngineSupportFor(model).Select(s => new EngineRow(
            s.Engine.Name,
            s.Engine.Url,
            s.StatusName.Replace('_', ' '),
            s.Status == Specs.Catalog.EngineSupportStatus.Listed,
            s.MatchedOn,
            s.Engine.Version,
            SiteModel.SourceUrl(s.Engine.Sources, (s.Engine.Architectures ?? s.Engine.ModelTypes)!.Src),
            s.Formats.Select(f => new EngineFormatRow(Units.FormatName(f.Format), f.Supported, f.Note, SiteModel.SourceUrl(s.Engine.Sources, f.Src))).ToList())).ToList();

    /// <summary>Other models as links: each with the rule that picked it and its comparison page, when one is published.</summary>
    private static List<ModelLink> Links(SiteModel site, ModelData model, IReadOnlyList<RelatedModel> others)
        => others.Select(r => new ModelLink(r.Model, r.Rule, site.HasComparePage(model, r.Model) ? SiteModel.CompareSlug(SiteModel.Order(model, r.Model).A, SiteModel.Order(model, r.Model).B) : null)).ToList();

    public static string Description(ModelData model)
        => model.Name + " by " + model.Vendor + ": " + KindLabels.Adjective(model.Architecture.Kind)
           + " model, " + Format.Params(model.Params.Total.Value) + " parameters"
           + (model.Params.Active is { } active ? " (" + Format.Params(active.Value) + " active)" : "")
           + ", " + Format.Int(model.Context.Value) + "-token context. Memory, GPU fit, speed and cost with sources.";

    private static string Brief(SiteModel site, ModelData model, Recommendation? best)
    {
        var a = site.Assumptions;
        var parts = new List<string>
        {
            string.Format(Inv, "{0} is a {1} model from {2} with {3} parameters{4} and a {5}-token context.",
                model.Name,
                KindLabels.Adjective(model.Architecture.Kind),
                model.Vendor,
                Format.Params(model.Params.Total.Value),
                model.Params.Active is { } active ? ", " + Format.Params(active.Value) + " of them active per token" : "",
                Format.Int(model.Context.Value)),
            string.Format(Inv, "Its weights take {0} at BF16 and {1} at FP8; each token of context adds {2} of KV cache at 16 bits.",
                Format.Gb(MemoryEstimator.Weights(model, Precision.Bf16, a).Value),
                Format.Gb(MemoryEstimator.Weights(model, Precision.Fp8, a).Value),
                Format.Int(MemoryEstimator.KvPerToken(model).Value) + " bytes"),
        };
        if (site.ReferenceGpu is { } gpu && FitEstimator.MinGpus(model, gpu, Precision.Fp8, a.FitContextTokens, a.FitConcurrency, a) is { } min)
        {
            parts.Add(string.Format(Inv, "With {0} tokens of context for one user it needs at least {1} x {2} at FP8.", Format.Int(a.FitContextTokens), min.Count, gpu.Name));
        }

        if (best is not null)
        {
            parts.Add(string.Format(Inv, "The best-scoring setup in this catalog is {0}, estimated at {1} for one user.", SetupLabels.Describe(best.Setup), Format.Value(best.Latency.Speed!.DecodeTokensPerSecond)));
        }

        var standing = site.Standing(model.Id);
        if (standing.Cheapest is { } cheapest)
        {
            parts.Add(string.Format(Inv, "The cheapest of its {0} current API prices is {1} at {2} input and {3} output per million tokens (as of {4}).",
                standing.CurrentCount, cheapest.Provider.Name, Format.Usd(cheapest.Price.Input), Format.Usd(cheapest.Price.Output), cheapest.Price.Date));
        }
        else if (standing.Lowest is { } only)
        {
            parts.Add(string.Format(Inv, "One current API price is listed: {0} at {1} input and {2} output per million tokens (as of {3}).",
                only.Provider.Name, Format.Usd(only.Price.Input), Format.Usd(only.Price.Output), only.Price.Date));
        }
        else if (standing.Prices.Count > 0)
        {
            parts.Add(string.Format(Inv, "Its API prices in the catalog are all dated before {0}, so none is quoted here as current.", standing.StaleBefore));
        }
        else
        {
            parts.Add("No dated API price for it is in the catalog.");
        }

        return string.Join(" ", parts);
    }

    private static List<PriceRow> PriceRows(SiteModel site, ModelData model, IReadOnlyList<ListedPrice> prices)
        => prices.Select(p => new PriceRow(
            p.Provider,
            p.Price,
            SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src),
            site.Standing(model.Id).Cheapest == p,
            p.Stale,
            string.Equals(p.Provider.Name, model.Vendor, StringComparison.OrdinalIgnoreCase),
            Format.Usd(p.Blended))).ToList();

    private static IReadOnlyList<long> ContextLengths(ModelData model)
        => new long[] { 4096, 8192, 32768, 131072 }.Where(c => c <= model.Context.Value).Append(model.Context.Value).Distinct().Order().ToList();

    private static MemorySection Memory(ModelData model, Assumptions a, string root) => new(
        Recommender.PrecisionsFor(model).Select(p => new PrecisionValue(Units.Name(p).ToUpperInvariant(), Format.Est(MemoryEstimator.Weights(model, p, a), root))).ToList(),
        Format.Est(MemoryEstimator.KvPerToken(model), root),
        Format.Est(MemoryEstimator.KvPerToken(model, fp8Kv: true), root),
        MemoryEstimator.KvPerToken(model).Assumptions,
        ContextLengths(model).Select(c => new KvAtContextRow(
            Format.Int(c),
            Format.Est(MemoryEstimator.KvAtContext(model, c), root),
            Format.Est(MemoryEstimator.KvAtContext(model, c, fp8Kv: true), root))).ToList(),
        Format.Int(a.WorkspaceGbPerGpu) + " GB per GPU");

    private static FitMatrixSection FitMatrix(SiteModel site, ModelData model)
    {
        var a = site.Assumptions;
        var precisions = Recommender.Candidates;
        var counts = FitCountsFor(model, site.Catalog.Gpus, a);
        return new FitMatrixSection(
            Format.Int(a.FitContextTokens),
            a.FitConcurrency,
            (a.UsableMemoryFraction * 100).ToString("0", Inv) + "% of GPU memory (" + (a.UnifiedUsableMemoryFraction * 100).ToString("0", Inv) + "% of an Apple machine's unified memory)",
            counts,
            counts[^1] > ParallelPlan.GpusPerNode,
            precisions.Select(p => Units.Name(p).ToUpperInvariant()).ToList(),
            site.Catalog.Gpus
                .GroupBy(g => g.Generation)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new FitGeneration(
                    g.Key,
                    g.OrderByDescending(x => Units.MemoryBytes(x)).ThenBy(x => x.Id.Value, StringComparer.Ordinal).Select(gpu => new FitGpuRow(
                        gpu,
                        precisions.SelectMany(p => counts.Select(n =>
                        {
                            var setup = new Setup(model, gpu, n, p, a.FitContextTokens, a.FitConcurrency);
                            var (needed, available, valid) = FitEstimator.Bytes(setup, a);
                            var grade = valid ? FitEstimator.Grade(needed / available, a.FitGrades) : "n/a";
                            return new FitCell(
                                grade,
                                grade.Replace(' ', '-').Replace("/", "", StringComparison.Ordinal),
                                valid
                                    ? string.Format(Inv, "{0} x {1}{6} at {2}: needs {3} of {4} usable ({5:0}%)", n, gpu.Name, Units.Name(p).ToUpperInvariant(), Format.Gb(needed), Format.Gb(available), needed / available * 100, n == 1 ? "" : ", " + ParallelPlan.Describe(setup) + ",")
                                    : FitEstimator.Problem(setup, needed, available, valid, grade)!);
                        })).ToList())).ToList())).ToList());
    }

    private static RecommendationRow RecommendationRow(Recommendation r, string root) => new(
        SetupLabels.Describe(r.Setup),
        r.Setup.Gpu,
        r.Score.ToString("0", Inv),
        string.Format(Inv, "speed {0:0}%, cost {1:0}%, headroom {2:0}%", r.SpeedPart * 100, r.CostPart * 100, r.HeadroomPart * 100),
        r.Latency.Fit.Grade,
        Format.Est(r.Latency.Speed!.DecodeTokensPerSecond, root),
        Format.Est(r.Latency.Speed.ItlMs, root),
        Format.Est(r.Latency.Speed.TtftMs, root),
        Format.Est(r.Offline.ThroughputTokensPerSecond, root),
        Format.Est(r.Latency.CostPerMonth, root),
        Format.Est(r.CostPerMillionTokens, root));

    private static DeploymentSection Deployment(SiteModel site, ModelData model, IReadOnlyList<Recommendation> recs, IReadOnlyList<ListedPrice> prices)
    {
        var a = site.Assumptions;
        // Every GPU and precision is tried with the fit arithmetic alone; only the chosen one gets its full estimate.
        var single = site.Catalog.Gpus
            .SelectMany(g => Recommender.PrecisionsFor(model).Select(p => new Setup(model, g, 1, p, a.FitContextTokens, a.FitConcurrency)))
            .Where(setup => FitEstimator.Fits(FitEstimator.Bytes(setup, a), a))
            .OrderBy(setup => MemoryEstimator.BitsPerWeight(setup.Precision, a.Int4GroupSize) < 16 ? 1 : 0)
            .ThenBy(setup => Units.MemoryBytes(setup.Gpu))
            .ThenBy(setup => setup.Gpu.Id.Value, StringComparer.Ordinal)
            .Select(setup => FitEstimator.Fit(setup, a))
            .FirstOrDefault();
        var multi = recs.FirstOrDefault(r => r.Setup.Count > 1);
        return new DeploymentSection(
            prices.FirstOrDefault() is { Provider: not null } p ? $"{p.Provider.Name}: {Format.Usd(p.Price.Input)} input / {Format.Usd(p.Price.Output)} output per million tokens (as of {p.Price.Date})." : "No dated API price in the catalog.",
            single is null
                ? "No single GPU in the catalog holds it at BF16, FP8 or INT4 with " + Format.Int(a.FitContextTokens) + " tokens of context."
                : $"{single.Setup.Gpu.Name} at {Units.Name(single.Setup.Precision).ToUpperInvariant()}: {Format.Gb(single.Needed.Value)} needed of {Format.Gb(single.Available.Value)} usable ({single.Grade}).",
            multi is null ? "No multi-GPU setup with a dated rental price is needed or available." : $"{SetupLabels.Describe(multi.Setup)} (score {multi.Score:0}): {Format.Value(multi.Latency.Speed!.DecodeTokensPerSecond)} for one user.",
            multi?.Setup.Gpu,
            single?.Setup.Gpu);
    }

    private static VramSection Vram(Setup setup, Assumptions a, string root)
    {
        var weights = MemoryEstimator.Weights(setup.Model, setup.Precision, a);
        var kv = MemoryEstimator.KvAtContext(setup.Model, setup.ContextTokens).Value * setup.Concurrency * FitEstimator.KvReplication(setup);
        var workspace = a.WorkspaceGbPerGpu * Units.Gb * setup.Count;
        var total = Units.MemoryBytes(setup.Gpu) * setup.Count;
        var share = a.UsableShare(setup.Gpu);
        var reserved = total * (1 - share);
        var free = Math.Max(0, total - reserved - weights.Value - kv - workspace);
        var segments = new List<ChartItem>
        {
            new("Weights (" + Units.Name(setup.Precision).ToUpperInvariant() + ")", weights.Value, Format.Gb(weights.Value)),
            new("KV cache (" + Format.Int(setup.ContextTokens) + " tokens x " + setup.Concurrency + ")", kv, Format.Gb(kv)),
            new("Activations and buffers", workspace, Format.Gb(workspace)),
            new((Units.IsApple(setup.Gpu) ? "Kept from the GPU by macOS (" : setup.Gpu.Segment == GpuSegment.Unified ? "Kept for the operating system (" : "Reserved by the engine (") + ((1 - share) * 100).ToString("0", Inv) + "%)", reserved, Format.Gb(reserved)),
            new("Free", free, Format.Gb(free)),
        };
        return new VramSection(
            SetupLabels.Describe(setup),
            Format.Gb(total),
            SvgCharts.StackedBar(
                "vram-" + setup.Model.Id.Value,
                "GPU memory of " + setup.Model.Name + " on " + SetupLabels.Describe(setup),
                "Memory on " + SetupLabels.Describe(setup) + " (" + Format.Gb(total) + "): " + string.Join("; ", segments.Select(s => s.Label + " " + s.Text)) + ".",
                segments,
                total),
            segments,
            Format.Est(weights, root));
    }

    private static PrecisionImpactSection PrecisionImpact(SiteModel site, ModelData model, string root)
    {
        var a = site.Assumptions;
        var gpu = site.ReferenceGpu;
        return new PrecisionImpactSection(
            gpu,
            Recommender.PrecisionsFor(model).Select(p =>
            {
                var weights = MemoryEstimator.Weights(model, p, a);
                var min = gpu is null ? null : FitEstimator.MinGpus(model, gpu, p, a.FitContextTokens, a.FitConcurrency, a);
                var speed = min is { } m ? SpeedEstimator.Estimate(new Setup(model, gpu!, m.Count, p, a.FitContextTokens, 1), SpeedMode.Latency, a.PrimaryMix.InputTokens, a.PrimaryMix.OutputTokens, a) : null;
                return new PrecisionImpactRow(
                    Units.Name(p).ToUpperInvariant(),
                    MemoryEstimator.BitsPerWeight(p, a.Int4GroupSize).ToString("0.###", Inv),
                    Format.Est(weights, root),
                    gpu is null ? "" : ParallelPlan.SmallestCount(min?.Count, gpu),
                    Format.Est(speed?.DecodeTokensPerSecond, root),
                    model.Precisions?.Value.Contains(p) == true);
            }).ToList());
    }

    private static SourcesSection Sources(SiteModel site, ModelData model, IReadOnlyList<ListedPrice> prices)
    {
        var extra = prices.Select(p => (Label: "Price: " + p.Provider.Name, Url: SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src)))
            .Concat(site.Catalog.ScoresFor(model.Id).Select(s => (Label: "Score: " + s.Benchmark.Name, Url: SiteModel.SourceUrl(s.Benchmark.Sources, s.Score.Src))))
            .DistinctBy(x => x.Url)
            .ToList();
        return new SourcesSection(model.Sources.ToList(), extra.Select(x => new SourceEntry(x.Label, x.Url)).ToList());
    }
}
