using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One concurrency on a plan's curve: what each user sees, what each GPU produces, and what a million tokens cost there.</summary>
public sealed record FrontierPoint(int Concurrency, double TtftMs, double ItlMs, double ThroughputTokensPerSecond, double ThroughputPerGpu, double? UsdPerMillion)
{
    /// <summary>Tokens a second one user receives: the inverse of the inter-token latency.</summary>
    public double UserTokensPerSecond => 1000 / ItlMs;

    public bool Meets(LatencyTargetData target) => TtftMs <= target.TtftMs && ItlMs <= target.ItlMs;
}

/// <summary>A plan's throughput-latency curve: the same plan at rising concurrency.</summary>
public sealed record FrontierCurve(Setup Plan, IReadOnlyList<FrontierPoint> Points);

/// <summary>The cheapest way an accelerator meets a target: the plan, and the largest concurrency at which it still does.</summary>
public sealed record TargetChoice(LatencyTargetData Target, FrontierCurve Curve, FrontierPoint Point)
{
    public Setup Plan => Curve.Plan;
}

/// <summary>
/// The throughput-latency frontier (the serve.frontier formula): each plan served at concurrency 1, 2, 4 ... 512 on
/// the continuous-batching schedule the other speed figures come from, and under a latency target the cheapest
/// plan per accelerator at the largest concurrency that still meets it.
/// </summary>
public static class Frontier
{
    public static readonly int[] Concurrencies = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    public static FrontierCurve Curve(Setup plan, Assumptions assumptions) => Curve(plan, assumptions, CostEstimator.Rental(plan.Gpu, assumptions)?.Point.UsdPerHour);

    /// <param name="rental">The accelerator's rental point in USD per hour, looked up once per accelerator by the caller (it sorts every offer).</param>
    private static FrontierCurve Curve(Setup plan, Assumptions assumptions, double? rental)
    {
        var mix = assumptions.PrimaryMix;
        var memoryBatch = SpeedEstimator.LargestBatch(plan, (long)Math.Ceiling(mix.InputTokens + (mix.OutputTokens / 2.0)), assumptions);
        var points = new List<FrontierPoint>(Concurrencies.Length);
        foreach (var c in Concurrencies)
        {
            var point = ServingSchedule.AtConcurrency(plan, c, mix.InputTokens, mix.OutputTokens, assumptions, memoryBatch);
            var throughput = point.ThroughputTokensPerSecond;
            points.Add(new FrontierPoint(
                c,
                point.TtftSeconds!.Value * 1000,
                point.ItlSeconds * 1000,
                throughput,
                throughput / plan.Count,
                rental is { } usd ? CostEstimator.PerMillionTokens(usd, plan.Count, throughput, assumptions.Utilization) : null));

            // Past the batch the KV cache holds, more users only wait longer: the curve has ended.
            if (point.Batch < c)
            {
                break;
            }
        }

        return new FrontierCurve(plan, points);
    }

    /// <summary>
    /// The plans tried on an accelerator: each deployable precision at the smallest GPU count that fits and at
    /// every larger power of two up to <paramref name="maxGpus"/> that keeps the plan valid, and for a mixture of experts each
    /// one-stage count again with data-parallel attention and expert parallelism. A model that needs more than
    /// <paramref name="maxGpus"/> (several nodes) gets its smallest plan only.
    /// </summary>
    public static IReadOnlyList<Setup> Plans(ModelData model, GpuData gpu, Assumptions assumptions, int maxGpus = ParallelPlan.GpusPerNode)
    {
        var plans = new List<Setup>();
        foreach (var precision in Recommender.DeployablePrecisionsFor(model))
        {
            if (FitEstimator.MinGpus(model, gpu, precision, assumptions.FitContextTokens, assumptions.FitConcurrency, assumptions) is not { } min)
            {
                continue;
            }

            for (var n = min.Count; n <= Math.Max(maxGpus, min.Count); n *= 2)
            {
                var plan = new Setup(model, gpu, n, precision, assumptions.FitContextTokens, assumptions.FitConcurrency);
                if (FitEstimator.Fits(FitEstimator.Bytes(plan, assumptions), assumptions))
                {
                    plans.Add(plan);
                }

                // A mixture of experts on one stage may also run attention data parallel with its experts spread over the
                // stage (the high-concurrency layout vLLM, SGLang and TensorRT-LLM document for DeepSeek-style models).
                var spread = plan with { ExpertParallel = plan.TensorParallel, AttentionDataParallel = true };
                if (model.Architecture.Moe is not null && n > 1 && plan.PipelineStages == 1 && FitEstimator.Fits(FitEstimator.Bytes(spread, assumptions), assumptions))
                {
                    plans.Add(spread);
                }
            }
        }

        return plans;
    }

    /// <summary>Every plan's curve on every accelerator with a rental price and sourced compute: computed once, then read by each target.</summary>
    public static IReadOnlyList<FrontierCurve> Curves(ModelData model, IReadOnlyList<GpuData> gpus, Assumptions assumptions)
    {
        var curves = new List<FrontierCurve>();
        foreach (var gpu in gpus.Where(g => g.Rental.Count > 0 && g.Compute is not null))
        {
            var rental = CostEstimator.Rental(gpu, assumptions)?.Point.UsdPerHour;
            curves.AddRange(Plans(model, gpu, assumptions).Select(p => Curve(p, assumptions, rental)));
        }

        return curves;
    }

    /// <summary>Per accelerator with a rental price, the plan and concurrency that meet the target at the lowest cost per token; cheapest first.</summary>
    public static IReadOnlyList<TargetChoice> Cheapest(ModelData model, IReadOnlyList<GpuData> gpus, LatencyTargetData target, Assumptions assumptions)
        => Cheapest(Curves(model, gpus, assumptions), target);

    /// <summary>The same, from curves already computed; on a tie the plan listed first (lower precision order, fewer GPUs) and then the most users win.</summary>
    public static IReadOnlyList<TargetChoice> Cheapest(IReadOnlyList<FrontierCurve> curves, LatencyTargetData target)
    {
        var best = new Dictionary<GpuId, TargetChoice>();
        var order = new List<GpuId>();
        foreach (var curve in curves)
        {
            FrontierPoint? point = null;
            foreach (var p in curve.Points)
            {
                if (p.Meets(target) && p.UsdPerMillion is { } usd && (point is null || usd < point.UsdPerMillion || (usd == point.UsdPerMillion && p.Concurrency > point.Concurrency)))
                {
                    point = p;
                }
            }

            var gpu = curve.Plan.Gpu.Id;
            if (point is null)
            {
                continue;
            }

            if (!best.TryGetValue(gpu, out var current))
            {
                order.Add(gpu);
                best[gpu] = new TargetChoice(target, curve, point);
            }
            else if (point.UsdPerMillion < current.Point.UsdPerMillion)
            {
                best[gpu] = new TargetChoice(target, curve, point);
            }
        }

        return order.Select(g => best[g]).OrderBy(c => c.Point.UsdPerMillion).ThenBy(c => c.Plan.Gpu.Id.Value, StringComparer.Ordinal).ToList();
    }
}
