using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Reports.Specs.Content.Validation;

/// <summary>An assumption the estimators read, and the values it may take.</summary>
/// <param name="Why">Said in the error when a value falls outside the range.</param>
public sealed record AssumptionRule(string Id, double Min, double Max, bool Whole, bool MinExclusive, string Why)
{
    public bool Allows(double value)
        => (MinExclusive ? value > Min : value >= Min) && value <= Max && (!Whole || value == System.Math.Floor(value));

    public string Range => (MinExclusive ? "greater than " : "at least ") + Format(Min) + " and at most " + Format(Max) + (Whole ? ", a whole number" : "");

    private static string Format(double value) => value.ToString("#,0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// Every assumption site.yaml must set, each with its range, in one table: the loader checks values at
/// their YAML line (in the compiler too), and the estimators read only what this table allows. A value
/// of 0 for an efficiency or -1 for a memory share would otherwise publish Infinity and NaN.
/// </summary>
public static class AssumptionRules
{
    private const string Share = "a share of a whole";
    private const string Weight = "a weight of the recommendation score";
    private const string Tolerance = "a relative tolerance";

    public static IReadOnlyList<AssumptionRule> All { get; } = new[]
    {
        new AssumptionRule("usable_memory_fraction", 0, 1, false, true, Share + " of GPU memory"),
        new AssumptionRule("unified_usable_memory_fraction", 0, 1, false, true, Share + " of unified memory"),
        new AssumptionRule("workspace_gb_per_gpu", 0, 1024, false, false, "gigabytes per GPU"),
        new AssumptionRule("fit_context_tokens", 1, 100_000_000, true, false, "a context length in tokens"),
        new AssumptionRule("fit_concurrency", 1, 1_000_000, true, false, "a number of sequences"),
        new AssumptionRule("utilization", 0, 1, false, true, Share + " of the month"),
        new AssumptionRule("hours_per_month", 0, 744, false, true, "hours in a month (31 days are 744)"),
        new AssumptionRule("monthly_tokens", 0, 1e15, false, true, "tokens a month"),
        new AssumptionRule("monthly_input_share", 0, 1, false, false, Share + " of tokens"),
        new AssumptionRule("int4_group_size", 1, 1_048_576, true, false, "weights per quantization group"),
        new AssumptionRule("speculative_acceptance_rate", 0, 1, false, false, "a probability"),
        new AssumptionRule("min_step_ms", 0, 1_000, false, false, "milliseconds"),
        new AssumptionRule("gate_min_itl_ms", 0, 1_000, false, false, "milliseconds"),
        new AssumptionRule("gate_min_ttft_ms", 0, 60_000, false, false, "milliseconds"),
        new AssumptionRule("gate_max_heldout_median_error", 0, 100, false, true, "a relative error"),
        new AssumptionRule("gate_max_heldout_bias", 0, 100, false, true, "a relative bias"),
        new AssumptionRule("recommend_weight_speed", 0, 1, false, false, Weight),
        new AssumptionRule("recommend_weight_cost", 0, 1, false, false, Weight),
        new AssumptionRule("recommend_weight_headroom", 0, 1, false, false, Weight),
        new AssumptionRule("rental_price_quantile", 0, 1, false, false, "a quantile of the dated rental offers (0 the cheapest, 1 the dearest)"),
        new AssumptionRule("claim_tolerance_sourced", 0, 1, false, false, Tolerance),
        new AssumptionRule("claim_tolerance_derived", 0, 1, false, false, Tolerance),
        new AssumptionRule("claim_tolerance_estimated", 0, 1, false, false, Tolerance),
        new AssumptionRule("claim_tolerance_approximate", 0, 1, false, false, Tolerance),
    };

    public static IReadOnlyList<string> Ids { get; } = All.Select(r => r.Id).ToArray();

    /// <summary>Unknown, duplicate, out-of-range and missing assumptions, each at its line.</summary>
    public static void Check(EquatableArray<AssumptionData> assumptions, Loading.Located at)
    {
        var rules = All.ToDictionary(r => r.Id);
        var seen = new HashSet<string>();
        for (var i = 0; i < assumptions.Count; i++)
        {
            var field = "assumptions[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var assumption = assumptions[i];
            if (!seen.Add(assumption.Id))
            {
                at.Error(DiagnosticIds.DuplicateId, field + ".id", "assumption '" + assumption.Id + "' is defined twice.");
            }
            else if (!rules.TryGetValue(assumption.Id, out var rule))
            {
                at.Error(DiagnosticIds.UnknownKey, field + ".id", "unknown assumption '" + assumption.Id + "'; nothing reads it." + Loading.Suggest.DidYouMean(assumption.Id, Ids));
            }
            else if (!rule.Allows(assumption.Value))
            {
                at.Error(DiagnosticIds.ImpossibleValue, field + ".value", "assumption '" + assumption.Id + "' is " + rule.Why + ": it must be " + rule.Range + ", found " + assumption.Value.ToString("R", CultureInfo.InvariantCulture) + ".");
            }
        }

        var missing = Ids.Where(id => !seen.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            at.Error(DiagnosticIds.SiteSettings, "assumptions", "site.yaml must set the assumption" + (missing.Count == 1 ? " " : "s ") + string.Join(", ", missing) + ": the estimators read " + (missing.Count == 1 ? "it" : "them") + ".");
        }
    }
}
