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
        "deployment", "api-pricing", "monthly-cost", "cost-per-1000", "performance", "vram-breakdown", "precision-impact",
        "benchmarks", "capabilities", "engines", "precisions", "faq", "similar", "sources",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Page Build(SiteModel site, ModelData model, IReadOnlyList<Posts.Post> posts)
        => new("models/" + model.Id.Value + "/index.html", "pages/model.html", model.Name + ": memory, GPUs, speed and cost", Description(model),
            () => Values(site, model, posts), site.ModelPageFingerprint(model, string.Join("|", posts.Select(p => p.Slug + p.Meta.Title + p.Meta.Date))))
        { Vendor = model.Vendor, Aliases = SearchTerms.Aliases(model.Id.Value, model.Name), Card = () => Card(site, model) };

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

    private static IReadOnlyDictionary<string, object?> Values(SiteModel site, ModelData model, IReadOnlyList<Posts.Post> posts)
    {
        var path = "models/" + model.Id.Value + "/index.html";
        var root = SitePaths.RelativeRoot(path);
        var a = site.Assumptions;
        var recs = site.RecommendationsFor(model.Id);
        var top = recs.Take(RecommendationsShown).ToList();
        var prices = site.Prices(model.Id);
        var faq = Faq.For(site, model);
        var configs = UseThisConfig.Blocks(site, top, site.Catalog.EngineSupportFor(model), root);
        var lead = recs.FirstOrDefault();
        var values = new Dictionary<string, object?>
        {
            ["model"] = model,
            ["posts"] = posts,
            ["kind_label"] = KindLabels.Noun(model.Architecture.Kind),
            ["attention_label"] = SetupLabels.AttentionLabel(model.Architecture),
            ["brief"] = Brief(site, model, recs.FirstOrDefault()),
            ["prices"] = PriceRows(site, model, prices),
            ["stale_before"] = site.Standing(model.Id).StaleBefore.ToString(),
            ["related"] = Links(site, model, site.Related[model.Id]),
            ["similar"] = Links(site, model, site.Similar[model.Id]),
            ["memory"] = Memory(model, a, root),
            ["fit"] = FitMatrix(site, model),
            ["recommendations"] = top.Select(r => RecommendationRow(r, root)).ToList(),
            ["configs"] = configs,
            ["break_even"] = BreakEvenSection.For(site, top, configs, site.Standing(model.Id), root),
            ["targets"] = TargetsSection.For(site, model),
            ["what_if"] = new
            {
                // The panel starts from the best recommended setup.
                grid = root + WhatIfGrid.PathFor(model.Id),
                gpu = lead?.Setup.Gpu.Id.Value ?? "",
                count = lead?.Setup.Count ?? 0,
                precision = lead is null ? "" : Units.Name(lead.Setup.Precision).ToUpperInvariant(),
            },
            ["recommendation_count"] = site.RecommendationCount(model.Id),
            ["monthly_volume"] = Format.Tokens(a.MonthlyTokens),
            ["deployment"] = Deployment(site, model, recs, prices, root),
            ["monthly"] = prices.Select(p => new { provider = p.Provider, cost = Format.Est(CostEstimator.ApiMonthly(p.Price, p.Provider.Name, SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src), a), root) }).ToList(),
            ["monthly_self_hosted"] = top.FirstOrDefault() is { } best ? new { setup = SetupLabels.Describe(best.Setup), cost = Format.Est(best.Latency.CostPerMonth, root) } : null,
            ["monthly_tokens"] = Format.Int(a.MonthlyTokens),
            ["monthly_input_share"] = (a.MonthlyInputShare * 100).ToString("0", Inv) + "%",
            ["mixes"] = a.Mixes,
            ["primary_mix"] = a.PrimaryMix,
            ["per_1000"] = prices.Select(p => new
            {
                provider = p.Provider,
                costs = a.RequestMixes.Select(mix => Format.Est(CostEstimator.ApiPer1000Requests(p.Price, p.Provider.Name, SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src), mix), root)).ToList(),
            }).ToList(),
            ["performance_chart"] = top.Count == 0 ? null : SvgCharts.HorizontalBars(
                "perf-" + model.Id.Value,
                "Single-user decode speed of " + model.Name,
                "Estimated decode tokens per second for one user on each recommended setup: " + string.Join("; ", top.Select(r => SetupLabels.Describe(r.Setup) + " " + Format.Value(r.Latency.Speed!.DecodeTokensPerSecond))) + ".",
                top.Select(r => new ChartItem(SetupLabels.Describe(r.Setup), r.Latency.Speed!.DecodeTokensPerSecond.Value, Format.Value(r.Latency.Speed.DecodeTokensPerSecond))).ToList()),
            ["vram"] = top.FirstOrDefault() is { } first ? Vram(first.Setup, a, root) : null,
            ["precision_impact"] = PrecisionImpact(site, model, root),
            ["scores"] = ScoreEstimator.Standings(model.Id, site.Catalog.ScoreTable).Select(s => new
            {
                benchmark = s.Benchmark,
                score = s.Score,
                percentile = s.Percentile.ToString("0", Inv),
                rank = s.Rank + " of " + s.Of,
                url = SiteModel.SourceUrl(s.Benchmark.Sources, s.Score.Src),
            }).ToList(),
            ["composite"] = Format.Est(ScoreEstimator.Composite(model.Id, site.Catalog.ScoreTable), root),
            ["has_composite"] = ScoreEstimator.Composite(model.Id, site.Catalog.ScoreTable) is not null,
            ["engines"] = EngineRows(site, model),
            ["has_quantized_files"] = Specs.Catalog.EngineSupport.ModelFormats(model).Count > 0,
            ["checkpoints"] = model.Checkpoints.Select(c => new
            {
                precision = Units.Name(c.Precision).ToUpperInvariant(),
                format = c.Format,
                repo = c.Repo,
                size = Format.Gb(Units.Bytes(c.Size, c.Unit)),
                stated = c.Unit == "B" ? null : c.Size.ToString("0.###", Inv) + " " + c.Unit,
                in_estimates = MemoryEstimator.PublishedCheckpoint(model, c.Precision) == c,
                note = c.Note,
                url = SiteModel.SourceUrl(model.Sources, c.Src),
            }).ToList(),
            ["faq"] = faq,
            ["faq_jsonld"] = Faq.JsonLd(faq),
            ["sources"] = Sources(site, model, prices),
            ["context_lengths"] = ContextLengths(model).Select(c => Format.Int(c)).ToList(),
        };
        return values;
    }

    /// <summary>One row per engine: whether its own list names the model's config class, and which published formats it loads.</summary>
    private static IReadOnlyList<object> EngineRows(SiteModel site, ModelData model)
        => site.Catalog.EngineSupportFor(model).Select(s => (object)new
        {
            name = s.Engine.Name,
            url = s.Engine.Url,
            status = s.StatusName.Replace('_', ' '),
            listed = s.Status == Specs.Catalog.EngineSupportStatus.Listed,
            matched_on = s.MatchedOn,
            version = s.Engine.Version,
            list_url = SiteModel.SourceUrl(s.Engine.Sources, (s.Engine.Architectures ?? s.Engine.ModelTypes)!.Src),
            formats = s.Formats.Select(f => new
            {
                name = Units.FormatName(f.Format),
                supported = f.Supported,
                note = f.Note,
                url = SiteModel.SourceUrl(s.Engine.Sources, f.Src),
            }).ToList(),
        }).ToList();

    /// <summary>Other models as links: each with the rule that picked it and its comparison page, when one is published.</summary>
    private static List<object> Links(SiteModel site, ModelData model, IReadOnlyList<RelatedModel> others)
        => others.Select(r => (object)new { model = r.Model, rule = r.Rule, compare = site.HasComparePage(model, r.Model) ? SiteModel.CompareSlug(SiteModel.Order(model, r.Model).A, SiteModel.Order(model, r.Model).B) : null }).ToList();

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

    private static object PriceRows(SiteModel site, ModelData model, IReadOnlyList<ListedPrice> prices)
        => prices.Select(p => new
        {
            provider = p.Provider,
            price = p.Price,
            url = SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src),
            cheapest = site.Standing(model.Id).Cheapest == p,
            stale = p.Stale,
            first_party = string.Equals(p.Provider.Name, model.Vendor, StringComparison.OrdinalIgnoreCase),
            blended = Format.Usd(p.Blended),
        }).ToList();

    private static IReadOnlyList<long> ContextLengths(ModelData model)
        => new long[] { 4096, 8192, 32768, 131072 }.Where(c => c <= model.Context.Value).Append(model.Context.Value).Distinct().Order().ToList();

    private static object Memory(ModelData model, Assumptions a, string root) => new
    {
        weights = Recommender.PrecisionsFor(model).Select(p => new { precision = Units.Name(p).ToUpperInvariant(), value = Format.Est(MemoryEstimator.Weights(model, p, a), root) }).ToList(),
        kv16 = Format.Est(MemoryEstimator.KvPerToken(model), root),
        kv8 = Format.Est(MemoryEstimator.KvPerToken(model, fp8Kv: true), root),
        kv_notes = MemoryEstimator.KvPerToken(model).Assumptions,
        kv_contexts = ContextLengths(model).Select(c => new
        {
            context = Format.Int(c),
            kv16 = Format.Est(MemoryEstimator.KvAtContext(model, c), root),
            kv8 = Format.Est(MemoryEstimator.KvAtContext(model, c, fp8Kv: true), root),
        }).ToList(),
        workspace = Format.Int(a.WorkspaceGbPerGpu) + " GB per GPU",
    };

    private static object FitMatrix(SiteModel site, ModelData model)
    {
        var a = site.Assumptions;
        var precisions = Recommender.Candidates;
        var counts = FitCountsFor(model, site.Catalog.Gpus, a);
        return new
        {
            context = Format.Int(a.FitContextTokens),
            concurrency = a.FitConcurrency,
            usable = (a.UsableMemoryFraction * 100).ToString("0", Inv) + "% of GPU memory (" + (a.UnifiedUsableMemoryFraction * 100).ToString("0", Inv) + "% of an Apple machine's unified memory)",
            counts,
            multi_node = counts[^1] > ParallelPlan.GpusPerNode,
            precisions = precisions.Select(p => Units.Name(p).ToUpperInvariant()).ToList(),
            groups = site.Catalog.Gpus
                .GroupBy(g => g.Generation)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new
                {
                    generation = g.Key,
                    gpus = g.OrderByDescending(x => Units.MemoryBytes(x)).ThenBy(x => x.Id.Value, StringComparer.Ordinal).Select(gpu => new
                    {
                        gpu,
                        cells = precisions.SelectMany(p => counts.Select(n =>
                        {
                            var setup = new Setup(model, gpu, n, p, a.FitContextTokens, a.FitConcurrency);
                            var (needed, available, valid) = FitEstimator.Bytes(setup, a);
                            var grade = valid ? FitEstimator.Grade(needed / available, a.FitGrades) : "n/a";
                            return new
                            {
                                grade,
                                css = grade.Replace(' ', '-').Replace("/", "", StringComparison.Ordinal),
                                title = valid
                                    ? string.Format(Inv, "{0} x {1}{6} at {2}: needs {3} of {4} usable ({5:0}%)", n, gpu.Name, Units.Name(p).ToUpperInvariant(), Format.Gb(needed), Format.Gb(available), needed / available * 100, n == 1 ? "" : ", " + ParallelPlan.Describe(setup) + ",")
                                    : FitEstimator.Problem(setup, needed, available, valid, grade),
                            };
                        })).ToList(),
                    }).ToList(),
                }).ToList(),
        };
    }

    private static object RecommendationRow(Recommendation r, string root) => new
    {
        setup = SetupLabels.Describe(r.Setup),
        gpu = r.Setup.Gpu,
        score = r.Score.ToString("0", Inv),
        parts = string.Format(Inv, "speed {0:0}%, cost {1:0}%, headroom {2:0}%", r.SpeedPart * 100, r.CostPart * 100, r.HeadroomPart * 100),
        fit = r.Latency.Fit.Grade,
        decode = Format.Est(r.Latency.Speed!.DecodeTokensPerSecond, root),
        itl = Format.Est(r.Latency.Speed.ItlMs, root),
        ttft = Format.Est(r.Latency.Speed.TtftMs, root),
        throughput = Format.Est(r.Offline.ThroughputTokensPerSecond, root),
        cost_month = Format.Est(r.Latency.CostPerMonth, root),
        cost_m = Format.Est(r.CostPerMillionTokens, root),
    };

    private static object Deployment(SiteModel site, ModelData model, IReadOnlyList<Recommendation> recs, IReadOnlyList<ListedPrice> prices, string root)
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
        return new
        {
            api = prices.FirstOrDefault() is { Provider: not null } p ? $"{p.Provider.Name}: {Format.Usd(p.Price.Input)} input / {Format.Usd(p.Price.Output)} output per million tokens (as of {p.Price.Date})." : "No dated API price in the catalog.",
            single = single is null
                ? "No single GPU in the catalog holds it at BF16, FP8 or INT4 with " + Format.Int(a.FitContextTokens) + " tokens of context."
                : $"{single.Setup.Gpu.Name} at {Units.Name(single.Setup.Precision).ToUpperInvariant()}: {Format.Gb(single.Needed.Value)} needed of {Format.Gb(single.Available.Value)} usable ({single.Grade}).",
            multi = multi is null ? "No multi-GPU setup with a dated rental price is needed or available." : $"{SetupLabels.Describe(multi.Setup)} (score {multi.Score:0}): {Format.Value(multi.Latency.Speed!.DecodeTokensPerSecond)} for one user.",
            multi_gpu = multi?.Setup.Gpu,
            single_gpu = single?.Setup.Gpu,
        };
    }

    private static object Vram(Setup setup, Assumptions a, string root)
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
            new((setup.Gpu.Segment == GpuSegment.Unified ? "Kept from the GPU by macOS (" : "Reserved by the engine (") + ((1 - share) * 100).ToString("0", Inv) + "%)", reserved, Format.Gb(reserved)),
            new("Free", free, Format.Gb(free)),
        };
        return new
        {
            setup = SetupLabels.Describe(setup),
            total = Format.Gb(total),
            chart = SvgCharts.StackedBar(
                "vram-" + setup.Model.Id.Value,
                "GPU memory of " + setup.Model.Name + " on " + SetupLabels.Describe(setup),
                "Memory on " + SetupLabels.Describe(setup) + " (" + Format.Gb(total) + "): " + string.Join("; ", segments.Select(s => s.Label + " " + s.Text)) + ".",
                segments,
                total),
            segments,
            weights = Format.Est(weights, root),
        };
    }

    private static object PrecisionImpact(SiteModel site, ModelData model, string root)
    {
        var a = site.Assumptions;
        var gpu = site.ReferenceGpu;
        return new
        {
            gpu,
            rows = Recommender.PrecisionsFor(model).Select(p =>
            {
                var weights = MemoryEstimator.Weights(model, p, a);
                var min = gpu is null ? null : FitEstimator.MinGpus(model, gpu, p, a.FitContextTokens, a.FitConcurrency, a);
                var speed = min is { } m ? SpeedEstimator.Estimate(new Setup(model, gpu!, m.Count, p, a.FitContextTokens, 1), SpeedMode.Latency, a.PrimaryMix.InputTokens, a.PrimaryMix.OutputTokens, a) : null;
                return new
                {
                    precision = Units.Name(p).ToUpperInvariant(),
                    bits = MemoryEstimator.BitsPerWeight(p, a.Int4GroupSize).ToString("0.###", Inv),
                    weights = Format.Est(weights, root),
                    min_gpus = gpu is null ? "" : ParallelPlan.SmallestCount(min?.Count, gpu),
                    decode = Format.Est(speed?.DecodeTokensPerSecond, root),
                    shipped = model.Precisions?.Value.Contains(p) == true,
                };
            }).ToList(),
        };
    }

    private static object Sources(SiteModel site, ModelData model, IReadOnlyList<ListedPrice> prices)
    {
        var extra = prices.Select(p => (Label: "Price: " + p.Provider.Name, Url: SiteModel.SourceUrl(p.Provider.Sources, p.Price.Src)))
            .Concat(site.Catalog.ScoresFor(model.Id).Select(s => (Label: "Score: " + s.Benchmark.Name, Url: SiteModel.SourceUrl(s.Benchmark.Sources, s.Score.Src))))
            .DistinctBy(x => x.Url)
            .ToList();
        return new { own = model.Sources.ToList(), extra = extra.Select(x => new { label = x.Label, url = x.Url }).ToList() };
    }
}
