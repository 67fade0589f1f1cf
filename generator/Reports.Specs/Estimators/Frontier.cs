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

    public static FrontierCurve Curve(Setup plan, Assumptions assumptions)
    {
        var mix = assumptions.PrimaryMix;
        var rental = CostEstimator.Rental(plan.Gpu, assumptions)?.Point.UsdPerHour;
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
    /// every larger power of two up to <paramref name="maxGpus"/> that keeps the plan valid.
    /// </summary>
    public static IReadOnlyList<Setup> Plans(ModelData model, GpuData gpu, Assumptions assumptions, int maxGpus = 8)
    {
        var plans = new List<Setup>();
        foreach (var precision in Recommender.DeployablePrecisionsFor(model))
        {
            if (FitEstimator.MinGpus(model, gpu, precision, assumptions.FitContextTokens, assumptions.FitConcurrency, assumptions) is not { } min || min.Count > maxGpus)
            {
                continue;
            }

            for (var n = min.Count; n <= maxGpus; n *= 2)
            {
                var plan = new Setup(model, gpu, n, precision, assumptions.FitContextTokens, assumptions.FitConcurrency);
                if (FitEstimator.Fits(FitEstimator.Bytes(plan, assumptions), assumptions))
                {
                    plans.Add(plan);
                }
            }
        }

        return plans;
    }

    /// <summary>Per accelerator with a rental price, the plan and concurrency that meet the target at the lowest cost per token; cheapest first.</summary>
    public static IReadOnlyList<TargetChoice> Cheapest(ModelData model, IReadOnlyList<GpuData> gpus, LatencyTargetData target, Assumptions assumptions, Func<Setup, FrontierCurve>? curve = null)
    {
        curve ??= plan => Curve(plan, assumptions);
        var choices = new List<TargetChoice>();
        foreach (var gpu in gpus.Where(g => g.Rental.Count > 0 && g.Compute is not null))
        {
            TargetChoice? best = null;
            foreach (var plan in Plans(model, gpu, assumptions))
            {
                var c = curve(plan);
                if (c.Points.Where(p => p.Meets(target) && p.UsdPerMillion is not null).OrderBy(p => p.UsdPerMillion).ThenByDescending(p => p.Concurrency).FirstOrDefault() is { } point
                    && (best is null || point.UsdPerMillion < best.Point.UsdPerMillion))
                {
                    best = new TargetChoice(target, c, point);
                }
            }

            if (best is not null)
            {
                choices.Add(best);
            }
        }

        return choices.OrderBy(c => c.Point.UsdPerMillion).ThenBy(c => c.Plan.Gpu.Id.Value, StringComparer.Ordinal).ToList();
    }
}
