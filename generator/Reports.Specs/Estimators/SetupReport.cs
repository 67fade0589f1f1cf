using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Everything the site and the `estimate` command say about one setup, each number with its provenance.</summary>
public sealed record SetupReport(
    Setup Setup,
    SpeedMode Mode,
    int InputTokens,
    int OutputTokens,
    Estimate ParamsTotal,
    Estimate ParamsActive,
    Estimate Weights,
    Estimate KvPerToken,
    FitResult Fit,
    int? MinGpus,
    SpeedResult? Speed,
    Estimate? CostPerMonth,
    Estimate? CostPerMillionTokens,
    HeldOutSummaryData? Band = null)
{
    /// <summary>The smallest plan that fits on this accelerator: <see cref="MinGpus"/> laid out as a deployment on its engine would (<see cref="ParallelPlan.DefaultStages"/>).</summary>
    public Setup? SmallestPlan => MinGpus is { } n ? Setup with { Count = n, Stages = null } : null;

    public static SetupReport For(Setup setup, SpeedMode mode, int inputTokens, int outputTokens, Assumptions assumptions)
    {
        var fit = FitEstimator.Fit(setup, assumptions);
        var min = FitEstimator.MinGpus(setup.Model, setup.Gpu, setup.Precision, setup.ContextTokens, setup.Concurrency, assumptions, setup.Fp8Kv, setup.EngineOverride);
        var speed = fit.Fits ? SpeedEstimator.Estimate(setup, mode, inputTokens, outputTokens, assumptions) : null;
        return new SetupReport(
            setup,
            mode,
            inputTokens,
            outputTokens,
            MemoryEstimator.ParamsTotal(setup.Model),
            MemoryEstimator.ParamsActive(setup.Model),
            MemoryEstimator.Weights(setup.Model, setup.Precision, assumptions),
            MemoryEstimator.KvPerToken(setup.Model, setup.Fp8Kv),
            fit,
            min?.Count,
            speed,
            CostEstimator.GpuCostPerMonth(setup.Gpu, setup.Count, assumptions),
            speed is null ? null : CostEstimator.SelfHostedPerMillionTokens(setup.Gpu, setup.Count, speed.ThroughputTokensPerSecond, assumptions),
            assumptions.Band(BandCategory(setup, mode), setup.Model.Architecture.Kind));
    }

    /// <summary>The held-out category whose errors say how far to trust this setup's headline speed.</summary>
    public static string BandCategory(Setup setup, SpeedMode mode)
        => Calibration.CategoryOf(mode == SpeedMode.Offline ? "throughput" : "decode", mode, setup.Concurrency);
}
