using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>A recommended setup with its score and the parts the score is made of.</summary>
public sealed record Recommendation(
    SetupReport Latency,
    SpeedResult Offline,
    Estimate? CostPerMillionTokens,
    double Score,
    double SpeedPart,
    double CostPart,
    double HeadroomPart)
{
    public Setup Setup => Latency.Setup;

    /// <summary>A stable key for the setup: "h100-sxm x2 fp8".</summary>
    public string Key => Setup.Gpu.Id.Value + " x" + Setup.Count + " " + Units.Name(Setup.Precision);
}

/// <summary>
/// Ranks the smallest fitting setup per GPU and precision by a transparent score: percentile of
/// single-user decode speed, percentile of (low) self-hosted cost per million tokens, and memory
/// headroom, weighted by site.yaml.
/// </summary>
public static class Recommender
{
    public static readonly Precision[] Candidates = [Precision.Bf16, Precision.Fp8, Precision.Int4];

    public static IReadOnlyList<Recommendation> For(ModelData model, IReadOnlyList<GpuData> gpus, Assumptions assumptions, int maxGpus = 8)
    {
        var mix = assumptions.RequestMixes.FirstOrDefault() ?? new RequestMixData { Id = "chat", Label = "Chat turn", InputTokens = 1000, OutputTokens = 300 };
        var context = assumptions.FitContextTokens;
        var candidates = new List<(SetupReport Latency, SpeedResult Offline, Estimate Cost)>();
        foreach (var gpu in gpus.Where(g => g.Rental.Count > 0 && g.Compute is not null))
        {
            foreach (var precision in PrecisionsFor(model))
            {
                if (FitEstimator.MinGpus(model, gpu, precision, context, assumptions.FitConcurrency, assumptions) is not { } min || min.Count > maxGpus)
                {
                    continue;
                }

                var setup = new Setup(model, gpu, min.Count, precision, context, assumptions.FitConcurrency);
                var latency = SetupReport.For(setup, SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, assumptions);
                var offline = SpeedEstimator.Estimate(setup with { ContextTokens = mix.InputTokens + mix.OutputTokens }, SpeedMode.Offline, mix.InputTokens, mix.OutputTokens, assumptions);
                var cost = CostEstimator.SelfHostedPerMillionTokens(gpu, min.Count, offline.ThroughputTokensPerSecond, assumptions);
                if (latency.Speed is not null && cost is not null)
                {
                    candidates.Add((latency, offline, cost));
                }
            }
        }

        var speeds = candidates.Select(c => c.Latency.Speed!.DecodeTokensPerSecond.Value).ToList();
        var costs = candidates.Select(c => c.Cost.Value).ToList();
        return candidates
            .Select(c =>
            {
                var speed = Percentile(speeds, c.Latency.Speed!.DecodeTokensPerSecond.Value, higherIsBetter: true);
                var cost = Percentile(costs, c.Cost.Value, higherIsBetter: false);
                var headroom = Math.Max(0, 1 - c.Latency.Fit.Ratio);
                var score = 100 * ((assumptions.RecommendWeightSpeed * speed) + (assumptions.RecommendWeightCost * cost) + (assumptions.RecommendWeightHeadroom * headroom));
                return new Recommendation(c.Latency, c.Offline, c.Cost, score, speed, cost, headroom);
            })
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>BF16, FP8 and INT4, plus any precision the vendor published a checkpoint in.</summary>
    public static IReadOnlyList<Precision> PrecisionsFor(ModelData model)
        => Candidates.Concat(model.Checkpoints.Select(c => c.Precision)).Distinct().OrderBy(p => p).ToList();

    private static double Percentile(IReadOnlyList<double> values, double value, bool higherIsBetter)
        => values.Count == 0 ? 0 : (double)values.Count(v => higherIsBetter ? v <= value : v >= value) / values.Count;
}
