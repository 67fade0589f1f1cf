using System.Globalization;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Posts;

/// <summary>How exact a fact is, which sets the tolerance a claim about it gets (site.yaml claim_tolerance_*).</summary>
public enum FactKind
{
    /// <summary>Counts from a config: exact.</summary>
    Count,

    /// <summary>Stated by a source: rounding only.</summary>
    Sourced,

    /// <summary>Exact arithmetic from sourced facts.</summary>
    Derived,

    /// <summary>An estimate with assumptions.</summary>
    Estimated,
}

/// <summary>What the catalog says about a fact: the value, how to print it, and where it comes from.</summary>
public sealed record FactValue(double Value, string Display, FactKind Kind, string Origin)
{
    /// <summary>Where a reader checks it: a source URL, or a formula anchor on the methodology page (relative to the site root).</summary>
    public string Href { get; init; } = "methodology/";
}

/// <summary>
/// Resolves the fact names posts may use ("params.total", "min_gpus.h100-sxm.bf16", ...) to catalog
/// values. An unknown name is an error that lists the known ones.
/// </summary>
public static class ClaimFacts
{
    public static readonly string[] Names =
    [
        "params.total", "params.active", "context", "layers", "heads", "kv_heads", "experts", "experts_active",
        "weights.bf16", "weights.fp8", "weights.int4", "kv_bytes_per_token", "min_gpus.GPU.PRECISION",
        "decode_tokens_per_s.GPU.N.PRECISION", "price.input.PROVIDER", "price.output.PROVIDER", "benchmark.BENCHMARK",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The catalog's value for <paramref name="fact"/> of <paramref name="model"/>, or an error message.</summary>
    public static (FactValue? Value, string? Error, string ErrorId) Resolve(SiteModel site, ModelData model, string fact)
    {
        var a = model.Architecture;
        var s = site.Assumptions;
        var parts = fact.Split('.');
        string Src(IHasSource f) => SiteModel.SourceUrl(model.Sources, f.Src);
        FactValue Count(double v, string origin) => new(v, v.ToString("#,0", Inv), FactKind.Count, origin) { Href = Src(a) };
        FactValue FromEstimate(Estimate e, FactKind kind) => new(e.Value, Format.Value(e), kind, e.Name + " (" + e.Tier.ToString().ToLowerInvariant() + ", formula " + e.FormulaId + ")") { Href = "methodology/#" + e.FormulaId.Replace('.', '-') };

        switch (fact)
        {
            case "params.total":
                return (new FactValue(model.Params.Total.Value, Format.Params(model.Params.Total.Value), FactKind.Sourced, "vendor figure, " + Src(model.Params.Total)) { Href = Src(model.Params.Total) }, null, "");
            case "params.active":
                var active = MemoryEstimator.ParamsActive(model);
                return (new FactValue(active.Value, Format.Params(active.Value), FactKind.Sourced, model.Params.Active is { } act ? "vendor figure, " + Src(act) : "dense: every parameter is active, " + Src(model.Params.Total)) { Href = Src((IHasSource?)model.Params.Active ?? model.Params.Total) }, null, "");
            case "context":
                return (new FactValue(model.Context.Value, Format.Int(model.Context.Value) + " tokens", FactKind.Sourced, Src(model.Context)) { Href = Src(model.Context) }, null, "");
            case "layers":
                return (Count(a.Layers, "config, " + Src(a)), null, "");
            case "heads":
                return (Count(a.Heads, "config, " + Src(a)), null, "");
            case "kv_heads":
                return (Count(a.KvHeads, "config, " + Src(a)), null, "");
            case "experts":
                return a.Moe is { } m1 ? (Count(m1.Experts, "config, " + Src(a)), null, "") : (null, model.Name + " is dense: it has no experts", DiagnosticCodes.ClaimNotApplicable);
            case "experts_active":
                return a.Moe is { } m2 ? (Count(m2.ExpertsPerToken, "config, " + Src(a)), null, "") : (null, model.Name + " is dense: it has no experts", DiagnosticCodes.ClaimNotApplicable);
            case "kv_bytes_per_token":
                return (FromEstimate(MemoryEstimator.KvPerToken(model), FactKind.Derived), null, "");
        }

        if (parts.Length == 2 && parts[0] == "weights" && Units.TryParsePrecision(parts[1], out var wp))
        {
            return (FromEstimate(MemoryEstimator.Weights(model, wp, s), FactKind.Derived), null, "");
        }

        if (parts.Length == 3 && parts[0] == "min_gpus")
        {
            if (!site.Catalog.TryGetGpu(parts[1], out var gpu))
            {
                return (null, "unknown GPU '" + parts[1] + "'." + Specs.Content.Loading.Suggest.DidYouMean(parts[1], site.Catalog.Gpus.Select(g => g.Id.Value)), DiagnosticCodes.UnknownGpu);
            }

            if (!Units.TryParsePrecision(parts[2], out var p))
            {
                return (null, "unknown precision '" + parts[2] + "'; use bf16, fp16, fp8, int8, int4 or mxfp4", DiagnosticCodes.UnknownFact);
            }

            var min = FitEstimator.MinGpus(model, gpu, p, s.FitContextTokens, s.FitConcurrency, s);
            return min is { } m
                ? (new FactValue(m.Count, m.Count + " x " + gpu.Name, FactKind.Count, $"fit.min_gpus at {s.FitContextTokens:#,0} tokens of context, {s.FitConcurrency} sequence, {s.UsableMemoryFraction:0.##} of memory usable") { Href = "methodology/#fit-min_gpus" }, null, "")
                : (null, model.Name + " does not fit on up to " + ParallelPlan.MaxGpus + " x " + gpu.Name + " at " + parts[2], DiagnosticCodes.ClaimOutOfTolerance);
        }

        if (parts.Length == 4 && parts[0] == "decode_tokens_per_s")
        {
            if (!site.Catalog.TryGetGpu(parts[1], out var gpu))
            {
                return (null, "unknown GPU '" + parts[1] + "'." + Specs.Content.Loading.Suggest.DidYouMean(parts[1], site.Catalog.Gpus.Select(g => g.Id.Value)), DiagnosticCodes.UnknownGpu);
            }

            if (!int.TryParse(parts[2], NumberStyles.None, Inv, out var n) || n < 1 || n > ParallelPlan.MaxGpus || !Units.TryParsePrecision(parts[3], out var p))
            {
                return (null, "decode_tokens_per_s needs GPU.COUNT.PRECISION, e.g. decode_tokens_per_s.h100-sxm.8.fp8", DiagnosticCodes.UnknownFact);
            }

            var mix = s.PrimaryMix;
            var setup = new Setup(model, gpu, n, p, mix.InputTokens + mix.OutputTokens, 1);
            var fit = FitEstimator.Fit(setup, s);
            if (!fit.Fits)
            {
                return (null, model.Name + " does not fit on " + n + " x " + gpu.Name + " at " + parts[3] + ": " + fit.Problem, DiagnosticCodes.ClaimOutOfTolerance);
            }

            var speed = SpeedEstimator.Estimate(setup, SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, s);
            return (FromEstimate(speed.DecodeTokensPerSecond, FactKind.Estimated), null, "");
        }

        if (parts.Length == 3 && parts[0] == "price" && parts[1] is "input" or "output")
        {
            var price = site.Catalog.PricesFor(model.Id).Where(x => x.Provider.Id.Value == parts[2]).Select(x => (x.Provider, x.Price)).FirstOrDefault();
            if (price.Provider is null)
            {
                var known = site.Catalog.Providers.Select(p => p.Id.Value).ToList();
                return known.Contains(parts[2])
                    ? (null, "provider '" + parts[2] + "' has no price for " + model.Id + " in the catalog", DiagnosticCodes.UnknownProvider)
                    : (null, "unknown provider '" + parts[2] + "'." + Specs.Content.Loading.Suggest.DidYouMean(parts[2], known), DiagnosticCodes.UnknownProvider);
            }

            var v = parts[1] == "input" ? price.Price.Input : price.Price.Output;
            return (new FactValue(v, Format.Usd(v) + " per million tokens", FactKind.Sourced, price.Provider.Name + " as of " + price.Price.Date + ", " + SiteModel.SourceUrl(price.Provider.Sources, price.Price.Src)) { Href = SiteModel.SourceUrl(price.Provider.Sources, price.Price.Src) }, null, "");
        }

        if (parts.Length == 2 && parts[0] == "benchmark")
        {
            var benchmark = site.Catalog.Benchmarks.FirstOrDefault(b => b.Id.Value == parts[1]);
            if (benchmark is null)
            {
                return (null, "unknown benchmark '" + parts[1] + "'." + Specs.Content.Loading.Suggest.DidYouMean(parts[1], site.Catalog.Benchmarks.Select(b => b.Id.Value)), DiagnosticCodes.UnknownBenchmark);
            }

            var score = benchmark.Scores.FirstOrDefault(x => x.Model == model.Id);
            return score is null
                ? (null, "the catalog has no " + benchmark.Name + " score for " + model.Id, DiagnosticCodes.UnknownBenchmark)
                : (new FactValue(score.Value, score.Value.ToString("0.##", Inv) + benchmark.Unit, FactKind.Sourced, benchmark.Name + " " + (score.Setting ?? "") + ", " + SiteModel.SourceUrl(benchmark.Sources, score.Src)) { Href = SiteModel.SourceUrl(benchmark.Sources, score.Src) }, null, "");
        }

        return (null, "unknown fact '" + fact + "'." + Specs.Content.Loading.Suggest.DidYouMean(fact, Names) + " Facts: " + string.Join(", ", Names) + ".", DiagnosticCodes.UnknownFact);
    }
}

