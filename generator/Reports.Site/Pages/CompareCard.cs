using System.Globalization;
using System.Text.Json.Nodes;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>
/// What a comparison shows of one model, written once for the prebuilt comparison pages and for the
/// any-two picker on /compare/, which reads the same figures from api/compare.json: the picker does
/// no estimating of its own, it looks up what the estimators computed here.
/// </summary>
public static class CompareCard
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string ApiPath = "api/compare.json";

    /// <summary>The architecture rows of a comparison, label and value, in page order.</summary>
    public static IReadOnlyList<(string Label, string Value)> Architecture(ModelData m) =>
    [
        ("Kind", KindLabels.Noun(m.Architecture.Kind)),
        ("Total parameters", Format.Params(m.Params.Total.Value)),
        ("Active parameters", Format.Params(MemoryEstimator.ParamsActive(m).Value)),
        ("Layers", m.Architecture.Layers.ToString(Inv)),
        ("Hidden size", Format.Int(m.Architecture.Hidden)),
        ("Attention", SetupLabels.AttentionLabel(m.Architecture)),
        ("Heads / KV heads", m.Architecture.Heads + " / " + m.Architecture.KvHeads),
        ("Context", Format.Int(m.Context.Value)),
        ("KV cache per token (16-bit)", Format.Int(MemoryEstimator.KvPerToken(m).Value) + " B"),
    ];

    /// <summary>"2 x NVIDIA H100 SXM5 80GB", or why no count holds the model.</summary>
    public static string MinText(ModelData m, GpuData? gpu, Precision p, Assumptions s)
        => gpu is null ? "n/a" : FitEstimator.MinGpus(m, gpu, p, s.FitContextTokens, s.FitConcurrency, s) is { } min ? min.Count + " x " + gpu.Name : "no valid count up to 64";

    /// <summary>The smallest count of the reference GPU that holds the model at FP8 for one user, the start of a shared setup.</summary>
    public static int? MinFp8(ModelData m, GpuData gpu, Assumptions s)
        => FitEstimator.MinGpus(m, gpu, Precision.Fp8, s.FitContextTokens, 1, s)?.Count;

    /// <summary>
    /// Single-user speed on <paramref name="count"/> reference GPUs at FP8, or null when the count does not
    /// divide the model's heads. Two models are compared on the larger of their two minimum counts.
    /// </summary>
    public static SetupReport? SpeedOn(ModelData m, GpuData gpu, int count, Assumptions s)
        => m.Architecture.Heads % count != 0 ? null
            : SetupReport.For(new Setup(m, gpu, count, Precision.Fp8, s.FitContextTokens, 1), SpeedMode.Latency, s.PrimaryMix.InputTokens, s.PrimaryMix.OutputTokens, s);

    /// <summary>"$0.100 / $0.300 (DeepInfra, 2026-02-21)": the lowest current API price, input / output per million tokens.</summary>
    public static string ApiText(ListedPrice? price)
        => price is null ? "no current dated price" : $"{Format.Usd(price.Price.Input)} / {Format.Usd(price.Price.Output)} ({price.Provider.Name}, {price.Price.Date})";

    /// <summary>Every model's card, for the picker: plain text as the comparison pages print it, numbers where the picker orders or divides.</summary>
    public static JsonObject Json(SiteModel site)
    {
        var s = site.Assumptions;
        var gpu = site.ReferenceGpu;
        var models = new JsonArray();
        foreach (var m in site.Catalog.Models.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            var weights = new JsonObject();
            var minimum = new JsonObject();
            foreach (var p in Recommender.Candidates)
            {
                weights[Units.Name(p).ToUpperInvariant()] = Format.Value(MemoryEstimator.Weights(m, p, s));
                minimum[Units.Name(p).ToUpperInvariant()] = MinText(m, gpu, p, s);
            }

            var speed = new JsonObject();
            var min = gpu is null ? null : MinFp8(m, gpu, s);
            for (var n = min ?? int.MaxValue; n <= ParallelPlan.MaxGpus; n *= 2)
            {
                if (SpeedOn(m, gpu!, n, s)?.Speed is { } report)
                {
                    speed[n.ToString(Inv)] = new JsonObject
                    {
                        ["decode"] = Format.Value(report.DecodeTokensPerSecond),
                        ["decode_value"] = Math.Round(report.DecodeTokensPerSecond.Value, 3),
                        ["ttft"] = report.TtftMs is { } ttft ? Format.Value(ttft) : "n/a",
                        ["band"] = Format.BandText(report.DecodeTokensPerSecond.Band),
                    };
                }
            }

            var scores = new JsonObject();
            foreach (var standing in ScoreEstimator.Standings(m.Id, site.Catalog.ScoreTable))
            {
                scores[standing.Benchmark.Id.Value] = new JsonObject
                {
                    ["text"] = standing.Score.Value.ToString("0.#", Inv),
                    ["value"] = standing.Score.Value,
                    ["setting"] = standing.Score.Setting ?? "",
                    ["group"] = ScoreSetting.Group(standing.Score.Setting),
                };
            }

            var best = site.BestRecommendation(m.Id);
            models.Add(new JsonObject
            {
                ["id"] = m.Id.Value,
                ["name"] = m.Name,
                ["vendor"] = m.Vendor,
                ["architecture"] = new JsonArray(Architecture(m).Select(r => (JsonNode?)r.Value).ToArray()),
                ["weights"] = weights,
                ["minimum"] = minimum,
                ["min_fp8"] = min,
                ["speed"] = speed,
                ["scores"] = scores,
                ["api"] = ApiText(site.Standing(m.Id).Lowest),
                ["self_hosted_setup"] = best is null ? "none" : SetupLabels.Describe(best.Setup),
                ["self_hosted_cost"] = best?.CostPerMillionTokens is { } cost ? Format.Value(cost) : "n/a",
            });
        }

        return new JsonObject
        {
            ["gpu"] = gpu?.Name,
            ["input_tokens"] = s.PrimaryMix.InputTokens,
            ["output_tokens"] = s.PrimaryMix.OutputTokens,
            ["architecture"] = new JsonArray(Architecture(site.Catalog.Models[0]).Select(r => (JsonNode?)r.Label).ToArray()),
            ["benchmarks"] = new JsonArray(site.Catalog.Benchmarks.Select(b => (JsonNode?)new JsonObject { ["id"] = b.Id.Value, ["name"] = b.Name, ["unit"] = b.Unit, ["higher_is_better"] = b.HigherIsBetter }).ToArray()),
            ["pages"] = new JsonArray(site.ComparePairs.Select(p => (JsonNode?)SiteModel.CompareSlug(p.A, p.B)).ToArray()),
            ["models"] = models,
        };
    }
}
