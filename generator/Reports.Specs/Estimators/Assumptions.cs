using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// The estimation assumptions from site.yaml, typed. Each is also an <see cref="EstimateInput"/>
/// so every estimate lists the assumptions it used, with their values.
/// </summary>
public sealed record Assumptions(
    double UsableMemoryFraction,
    double WorkspaceGbPerGpu,
    int FitContextTokens,
    int FitConcurrency,
    double Utilization,
    double HoursPerMonth,
    double MonthlyTokens,
    double MonthlyInputShare,
    int Int4GroupSize,
    double SpeculativeAcceptanceRate,
    double RecommendWeightSpeed,
    double RecommendWeightCost,
    double RecommendWeightHeadroom,
    double RentalPriceQuantile,
    IReadOnlyList<FitGradeData> FitGrades,
    IReadOnlyList<RequestMixData> RequestMixes,
    SpeedConstants Speed,
    IReadOnlyDictionary<ServingEngine, EngineCaps> EngineDefaults,
    IReadOnlyList<HeldOutSummaryData>? HeldOut = null,
    IReadOnlyList<HeldOutSummaryData>? HeldOutByKind = null)
{
    /// <summary>The least fixed cost of a forward step (site.yaml min_step_ms): the fitted fixed costs come from decode rows of 8B-class models and up and are not extrapolated below it.</summary>
    public double MinStepMs { get; init; }

    /// <summary>The share of unified memory a unified-memory machine's GPU may use (site.yaml unified_usable_memory_fraction).</summary>
    public double UnifiedUsableMemoryFraction { get; init; } = 1;

    /// <summary>The share of an accelerator's memory an engine may use: macOS caps what a unified-memory GPU may wire, below what a datacenter engine takes of its card.</summary>
    public double UsableShare(GpuData gpu) => gpu.Segment == GpuSegment.Unified ? UnifiedUsableMemoryFraction : UsableMemoryFraction;

    /// <summary>The site.yaml assumption <see cref="UsableShare"/> reads for an accelerator, as an estimate input.</summary>
    public EstimateInput UsableShareInput(GpuData gpu) => Input(gpu.Segment == GpuSegment.Unified ? "unified_usable_memory_fraction" : "usable_memory_fraction");

    /// <summary>The held-out error of a category (calibration.yaml), when the corpus has rows in it.</summary>
    public HeldOutSummaryData? Band(string category) => HeldOut?.FirstOrDefault(h => h.Category == category);

    /// <summary>The held-out error of a category for this kind of model where it has a band of its own, else the category's.</summary>
    public HeldOutSummaryData? Band(string category, ModelKind kind) => HeldOutByKind?.FirstOrDefault(h => h.Category == category && h.Kind == kind) ?? Band(category);

    private static readonly RequestMixData ChatTurn = new() { Id = "chat", Label = "Chat turn", InputTokens = 1000, OutputTokens = 300 };

    /// <summary>The workload speeds and costs are quoted for: site.yaml's first request mix, a chat turn of 1,000 in and 300 out when it lists none.</summary>
    public RequestMixData PrimaryMix => RequestMixes.Count > 0 ? RequestMixes[0] : ChatTurn;

    /// <summary>The workloads pages quote per-request figures for: site.yaml's, or the chat turn alone.</summary>
    public IReadOnlyList<RequestMixData> Mixes => RequestMixes.Count > 0 ? RequestMixes : [ChatTurn];

    /// <summary>Every assumption the estimators read; the loader has checked each is set and in range.</summary>
    public static IReadOnlyList<string> RequiredIds => Content.Validation.AssumptionRules.Ids;

    /// <summary>The service levels readers pick from (site.yaml latency_targets).</summary>
    public IReadOnlyList<LatencyTargetData> LatencyTargets { get; init; } = [];

    private IReadOnlyDictionary<string, AssumptionData> Source { get; init; } = new Dictionary<string, AssumptionData>();

    /// <summary>The site's assumptions with the speed constants <c>calibrate</c> fitted (content/calibration.yaml).</summary>
    public static Assumptions From(CatalogData catalog)
        => From(catalog.Site, SpeedConstants.From(catalog.Calibration)) with { HeldOut = catalog.Calibration?.HeldOut.ToList(), HeldOutByKind = catalog.Calibration?.HeldOutByKind.ToList() };

    public static Assumptions From(SiteData site, SpeedConstants speed)
    {
        var byId = site.Assumptions.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var missing = RequiredIds.Where(id => !byId.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("site.yaml lacks the assumptions: " + string.Join(", ", missing));
        }

        double V(string id) => byId[id].Value;
        return new Assumptions(
            V("usable_memory_fraction"),
            V("workspace_gb_per_gpu"),
            (int)V("fit_context_tokens"),
            (int)V("fit_concurrency"),
            V("utilization"),
            V("hours_per_month"),
            V("monthly_tokens"),
            V("monthly_input_share"),
            (int)V("int4_group_size"),
            V("speculative_acceptance_rate"),
            V("recommend_weight_speed"),
            V("recommend_weight_cost"),
            V("recommend_weight_headroom"),
            V("rental_price_quantile"),
            site.FitGrades.ToList(),
            site.RequestMixes.ToList(),
            speed,
            site.Engines.ToDictionary(e => e.Engine, e => new EngineCaps(e.Engine, e.Label, e.MaxSequences, e.MaxBatchedTokens, e.Src)))
        {
            Source = byId,
            LatencyTargets = site.LatencyTargets.ToList(),
            MinStepMs = V("min_step_ms"),
            UnifiedUsableMemoryFraction = V("unified_usable_memory_fraction"),
        };
    }

    /// <summary>The caps a setup runs under: those it was launched with, else its engine's defaults.</summary>
    public EngineCaps Caps(Setup setup) => setup.Caps ?? Caps(setup.Engine);

    /// <summary>An engine's default caps; vLLM's when site.yaml lists none for it.</summary>
    public EngineCaps Caps(ServingEngine engine)
        => EngineDefaults.TryGetValue(engine, out var caps) ? caps : EngineDefaults.TryGetValue(ServingEngine.Vllm, out var vllm) ? vllm with { Engine = engine } : EngineCaps.Fallback(engine);

    /// <summary>An assumption as an estimate input: its value, unit and where it is set.</summary>
    public EstimateInput Input(string id)
    {
        var a = Source[id];
        return new EstimateInput(a.Label, a.Value, a.Unit, "site.yaml: " + id);
    }
}
