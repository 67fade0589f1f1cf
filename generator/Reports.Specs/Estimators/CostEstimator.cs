using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Self-hosted and API costs. Every price comes with its date; the cheapest dated offer is used.</summary>
public static class CostEstimator
{
    /// <summary>The cheapest dated rental offer for a GPU, or null when the catalog has none.</summary>
    public static RentalData? CheapestRental(GpuData gpu)
        => gpu.Rental.OrderBy(r => r.UsdPerHour).ThenBy(r => r.Provider, StringComparer.Ordinal).FirstOrDefault();

    public static Estimate? GpuCostPerMonth(GpuData gpu, int count, Assumptions assumptions)
    {
        if (CheapestRental(gpu) is not { } rental)
        {
            return null;
        }

        return new Estimate("GPU cost per month", rental.UsdPerHour * count * assumptions.HoursPerMonth, "USD", "cost.month",
            [
                RentalInput(gpu, rental),
                new EstimateInput("GPUs", count, "GPUs", "stated"),
                assumptions.Input("hours_per_month"),
            ],
            [$"Cheapest dated offer in the catalog: {rental.Provider}, {rental.Date}."],
            Tier.Derived);
    }

    public static Estimate? SelfHostedPerMillionTokens(GpuData gpu, int count, Estimate throughputTokensPerSecond, Assumptions assumptions)
    {
        if (CheapestRental(gpu) is not { } rental || throughputTokensPerSecond.Value <= 0)
        {
            return null;
        }

        var dollars = rental.UsdPerHour * count / (throughputTokensPerSecond.Value * 3600 * assumptions.Utilization) * 1e6;
        return new Estimate("Self-hosted cost per million output tokens", dollars, "USD/M tokens", "cost.per_m_tokens",
            [
                RentalInput(gpu, rental),
                new EstimateInput("GPUs", count, "GPUs", "stated"),
                throughputTokensPerSecond.AsInput("Aggregate output tokens/s"),
                assumptions.Input("utilization"),
            ],
            [$"Cheapest dated offer in the catalog: {rental.Provider}, {rental.Date}."],
            Tier.Estimated);
    }

    public static Estimate ApiRequest(PriceData price, string providerName, string source, int inputTokens, int outputTokens)
        => new("API cost per request", (inputTokens * price.Input / 1e6) + (outputTokens * price.Output / 1e6), "USD", "cost.api_request",
            [
                new EstimateInput("Input price (" + providerName + ", " + price.Date + ")", price.Input, "USD/M tokens", source),
                new EstimateInput("Output price (" + providerName + ", " + price.Date + ")", price.Output, "USD/M tokens", source),
                new EstimateInput("Input tokens", inputTokens, "tokens", "stated"),
                new EstimateInput("Output tokens", outputTokens, "tokens", "stated"),
            ],
            [],
            Tier.Derived);

    public static Estimate ApiPer1000Requests(PriceData price, string providerName, string source, RequestMixData mix)
    {
        var one = ApiRequest(price, providerName, source, mix.InputTokens, mix.OutputTokens);
        return new Estimate("API cost per 1,000 requests (" + mix.Label + ")", one.Value * 1000, "USD", "cost.api_request", [one.AsInput()],
            [$"{mix.Label}: {mix.InputTokens:#,0} input and {mix.OutputTokens:#,0} output tokens per request."], Tier.Derived);
    }

    public static Estimate ApiMonthly(PriceData price, string providerName, string source, Assumptions assumptions)
    {
        var share = assumptions.MonthlyInputShare;
        var dollars = assumptions.MonthlyTokens * ((share * price.Input) + ((1 - share) * price.Output)) / 1e6;
        return new Estimate("API cost per month", dollars, "USD", "cost.api_month",
            [
                new EstimateInput("Input price (" + providerName + ", " + price.Date + ")", price.Input, "USD/M tokens", source),
                new EstimateInput("Output price (" + providerName + ", " + price.Date + ")", price.Output, "USD/M tokens", source),
                assumptions.Input("monthly_tokens"),
                assumptions.Input("monthly_input_share"),
            ],
            [],
            Tier.Derived);
    }

    private static EstimateInput RentalInput(GpuData gpu, RentalData rental)
        => new("Rental price per GPU-hour (" + rental.Provider + ", " + rental.Date + ")", rental.UsdPerHour, "USD/hour", FitEstimator.GpuSrc(gpu, rental));
}
