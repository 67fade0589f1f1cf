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
    double DecodeBandwidthEfficiency,
    double TpScalingPerDoubling,
    double PrefillMfu,
    double BatchMfu,
    double Utilization,
    double HoursPerMonth,
    double MonthlyTokens,
    double MonthlyInputShare,
    int Int4GroupSize,
    int MaxBatch,
    double RecommendWeightSpeed,
    double RecommendWeightCost,
    double RecommendWeightHeadroom,
    IReadOnlyList<FitGradeData> FitGrades,
    IReadOnlyList<RequestMixData> RequestMixes)
{
    private static readonly RequestMixData ChatTurn = new() { Id = "chat", Label = "Chat turn", InputTokens = 1000, OutputTokens = 300 };

    /// <summary>The workload speeds and costs are quoted for: site.yaml's first request mix, a chat turn of 1,000 in and 300 out when it lists none.</summary>
    public RequestMixData PrimaryMix => RequestMixes.Count > 0 ? RequestMixes[0] : ChatTurn;

    public static readonly string[] RequiredIds =
    [
        "usable_memory_fraction", "workspace_gb_per_gpu", "fit_context_tokens", "fit_concurrency", "decode_bandwidth_efficiency", "tp_scaling_per_doubling",
        "prefill_mfu", "batch_mfu", "utilization", "hours_per_month", "monthly_tokens", "monthly_input_share", "int4_group_size", "max_batch",
        "recommend_weight_speed", "recommend_weight_cost", "recommend_weight_headroom",
    ];

    private IReadOnlyDictionary<string, AssumptionData> Source { get; init; } = new Dictionary<string, AssumptionData>();

    public static Assumptions From(SiteData site)
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
            V("decode_bandwidth_efficiency"),
            V("tp_scaling_per_doubling"),
            V("prefill_mfu"),
            V("batch_mfu"),
            V("utilization"),
            V("hours_per_month"),
            V("monthly_tokens"),
            V("monthly_input_share"),
            (int)V("int4_group_size"),
            (int)V("max_batch"),
            V("recommend_weight_speed"),
            V("recommend_weight_cost"),
            V("recommend_weight_headroom"),
            site.FitGrades.ToList(),
            site.RequestMixes.ToList())
        {
            Source = byId,
        };
    }

    /// <summary>
    /// How much of the TP=2-calibrated efficiency a setup of <paramref name="gpus"/> keeps:
    /// tp_scaling_per_doubling to the power of log2(gpus / 2).
    /// </summary>
    public double ParallelFactor(int gpus) => Math.Pow(TpScalingPerDoubling, Math.Log2(gpus / 2.0));

    /// <summary>An assumption as an estimate input: its value, unit and where it is set.</summary>
    public EstimateInput Input(string id)
    {
        var a = Source[id];
        return new EstimateInput(a.Label, a.Value, a.Unit, "site.yaml: " + id);
    }
}
