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

/// <summary>A ranked setup before its provenance is derived: the setup, its score and the score's parts.</summary>
public sealed record RankedSetup(Setup Setup, double Score, double SpeedPart, double CostPart, double HeadroomPart);

/// <summary>
/// Ranks the smallest fitting setup per GPU and deployable precision by a transparent score: percentile of
/// single-user decode speed, percentile of (low) self-hosted cost per million tokens, and memory
/// headroom, weighted by site.yaml.
/// </summary>
public static class Recommender
{
    public static readonly Precision[] Candidates = [Precision.Bf16, Precision.Fp8, Precision.Int4];

    /// <summary>How many recommendations get full provenance; the rest are only counted.</summary>
    public const int Detailed = 12;

    /// <summary>
    /// Ranks every candidate with plain arithmetic, then derives full provenance for the best
    /// <see cref="Detailed"/> only: the same numbers, without building thousands of unused estimates.
    /// </summary>
    public static (IReadOnlyList<Recommendation> Top, int Count) Rank(ModelData model, IReadOnlyList<GpuData> gpus, Assumptions assumptions)
    {
        var (top, count) = RankSetups(model, gpus, assumptions);
        return (top.Select(r => Detail(r, assumptions)).ToList(), count);
    }

    /// <summary>
    /// The ranking alone, best <see cref="Detailed"/> first, and how many setups were ranked: small enough
    /// to keep for every model of a large catalog, where the detailed estimates are not.
    /// </summary>
    public static (IReadOnlyList<RankedSetup> Top, int Count) RankSetups(ModelData model, IReadOnlyList<GpuData> gpus, Assumptions assumptions)
    {
        var mix = assumptions.PrimaryMix;
        var context = assumptions.FitContextTokens;
        var candidates = new List<(Setup Setup, double Speed, double Cost, double Headroom)>();
        foreach (var gpu in gpus.Where(g => g.Rental.Count > 0 && g.Compute is not null))
        {
            foreach (var precision in DeployablePrecisionsFor(model))
            {
                if (FitEstimator.MinGpus(model, gpu, precision, context, assumptions.FitConcurrency, assumptions) is not { } min)
                {
                    continue;
                }

                var setup = new Setup(model, gpu, min.Count, precision, context, assumptions.FitConcurrency);
                var speed = 1 / ServingSchedule.AtConcurrency(setup, 1, mix.InputTokens, mix.OutputTokens, assumptions).ItlSeconds;
                var offlineSetup = setup with { ContextTokens = mix.InputTokens + mix.OutputTokens };
                var throughput = ServingSchedule.Offline(offlineSetup, mix.InputTokens, mix.OutputTokens, assumptions).ThroughputTokensPerSecond;
                var rental = CostEstimator.Rental(gpu, assumptions)!.Point;
                var cost = CostEstimator.MonthlyAtVolume(rental.UsdPerHour, min.Count, throughput, assumptions);
                candidates.Add((setup, speed, cost, Math.Max(0, 1 - (min.Needed / min.Available))));
            }
        }

        // One node is what most readers can deploy: plans across nodes are offered only for a model no node holds.
        if (candidates.Any(c => c.Setup.Count <= ParallelPlan.GpusPerNode))
        {
            candidates.RemoveAll(c => c.Setup.Count > ParallelPlan.GpusPerNode);
        }

        var speeds = candidates.Select(c => c.Speed).ToList();
        var costs = candidates.Select(c => c.Cost).ToList();
        var ranked = candidates
            .Select(c =>
            {
                var speed = Percentile(speeds, c.Speed, higherIsBetter: true);
                var cost = Percentile(costs, c.Cost, higherIsBetter: false);
                var score = 100 * ((assumptions.RecommendWeightSpeed * speed) + (assumptions.RecommendWeightCost * cost) + (assumptions.RecommendWeightHeadroom * c.Headroom));
                return (c.Setup, Score: score, Speed: speed, Cost: cost, c.Headroom, Key: c.Setup.Gpu.Id.Value + " x" + c.Setup.Count + " " + Units.Name(c.Setup.Precision));
            })
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

        return (ranked.Take(Detailed).Select(r => new RankedSetup(r.Setup, r.Score, r.Speed, r.Cost, r.Headroom)).ToList(), ranked.Count);
    }

    /// <summary>A ranked setup with full provenance: latency report, offline throughput and cost per million tokens.</summary>
    public static Recommendation Detail(RankedSetup ranked, Assumptions assumptions)
    {
        var mix = assumptions.PrimaryMix;
        var latency = SetupReport.For(ranked.Setup, SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, assumptions);
        var offline = SpeedEstimator.Estimate(ranked.Setup with { ContextTokens = mix.InputTokens + mix.OutputTokens }, SpeedMode.Offline, mix.InputTokens, mix.OutputTokens, assumptions);
        var cost = CostEstimator.SelfHostedPerMillionTokens(ranked.Setup.Gpu, ranked.Setup.Count, offline.ThroughputTokensPerSecond, assumptions);
        return new Recommendation(latency, offline, cost, ranked.Score, ranked.SpeedPart, ranked.CostPart, ranked.HeadroomPart);
    }

    /// <summary>BF16, FP8 and INT4, plus any precision the vendor published a checkpoint in (not one engine's GGUF or AWQ file).</summary>
    public static IReadOnlyList<Precision> PrecisionsFor(ModelData model)
        => Candidates.Concat(model.Checkpoints.Where(WeightFormats.IsPlainPrecision).Select(c => c.Precision)).Distinct().OrderBy(p => p).ToList();

    /// <summary>The precisions a recommendation may use: ones its engine (vLLM on GPUs) can get weights in (<see cref="PublishedWeights.Deployable"/>).</summary>
    public static IReadOnlyList<Precision> DeployablePrecisionsFor(ModelData model)
        => PrecisionsFor(model).Where(p => PublishedWeights.Deployable(model, p)).ToList();

    private static double Percentile(IReadOnlyList<double> values, double value, bool higherIsBetter)
        => values.Count == 0 ? 0 : (double)values.Count(v => higherIsBetter ? v <= value : v >= value) / values.Count;
}
