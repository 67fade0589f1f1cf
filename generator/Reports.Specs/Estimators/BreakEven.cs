using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// Where one always-on replica of a plan gets cheaper than an API: <see cref="TokensPerMonth"/> is the monthly
/// volume (input and output tokens) above which its rental costs less than the API would charge, or null when
/// even fully used it costs more per token than the API (more replicas do not help: each costs the same per token).
/// </summary>
public sealed record BreakEvenResult(Estimate MonthlyCost, double ApiUsdPerMillion, Estimate CapacityTokensPerMonth, Estimate? TokensPerMonth)
{
    /// <summary>What a million tokens cost on the replica when it serves all it can: the floor of self-hosting's price.</summary>
    public double FullLoadUsdPerMillion => MonthlyCost.Value / CapacityTokensPerMonth.Value * 1e6;
}

/// <summary>The break-even formulas (cost.capacity, cost.break_even).</summary>
public static class BreakEven
{
    public static BreakEvenResult? Of(Recommendation plan, string providerName, PriceData price, string source, Assumptions assumptions)
    {
        if (plan.Latency.CostPerMonth is not { } monthly || plan.Offline.ThroughputTokensPerSecond.Value <= 0)
        {
            return null;
        }

        var mix = assumptions.PrimaryMix;
        var capacity = plan.Offline.ThroughputTokensPerSecond.Value * (mix.InputTokens + mix.OutputTokens) / mix.OutputTokens * 3600 * assumptions.HoursPerMonth * assumptions.Utilization;
        var capacityEstimate = new Estimate("Tokens one replica serves per month", capacity, "tokens", "cost.capacity",
            [
                plan.Offline.ThroughputTokensPerSecond.AsInput("Aggregate output tokens/s"),
                new EstimateInput("Input tokens per request", mix.InputTokens, "tokens", "site.yaml: request_mixes"),
                new EstimateInput("Output tokens per request", mix.OutputTokens, "tokens", "site.yaml: request_mixes"),
                assumptions.Input("hours_per_month"),
                assumptions.Input("utilization"),
            ],
            ["Input and output tokens of " + mix.Label.ToLowerInvariant() + "s, at the largest batch that fits."],
            Tier.Estimated) { Band = plan.Offline.ThroughputTokensPerSecond.Band };

        var api = CostEstimator.Blended(price, assumptions.MonthlyInputShare);
        var volume = monthly.Value / api * 1e6;
        Estimate? breakEven = volume > capacity ? null : new Estimate("Monthly tokens above which self-hosting is cheaper", volume, "tokens", "cost.break_even",
            [
                monthly.AsInput(),
                new EstimateInput("Input price (" + providerName + ", " + price.Date + ")", price.Input, "USD/M tokens", source),
                new EstimateInput("Output price (" + providerName + ", " + price.Date + ")", price.Output, "USD/M tokens", source),
                assumptions.Input("monthly_input_share"),
                capacityEstimate.AsInput(),
            ],
            ["The replica is rented all month whatever it serves; below this volume the API costs less."],
            Tier.Estimated);
        return new BreakEvenResult(monthly, api, capacityEstimate, breakEven);
    }
}
