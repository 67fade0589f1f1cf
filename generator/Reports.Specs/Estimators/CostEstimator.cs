using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Self-hosted and API costs. Every price comes with its date; rentals are priced at the stated point of their range.</summary>
public static class CostEstimator
{
    /// <summary>The accelerator's dated offers and the one costs use, or null when the catalog has none.</summary>
    public static RentalRange? Rental(GpuData gpu, Assumptions assumptions) => RentalRange.Of(gpu, assumptions.RentalPriceQuantile);

    public static Estimate? GpuCostPerMonth(GpuData gpu, int count, Assumptions assumptions)
    {
        if (Rental(gpu, assumptions) is not { } range)
        {
            return null;
        }

        var rental = range.Point;

        return new Estimate("GPU cost per month", rental.UsdPerHour * count * assumptions.HoursPerMonth, "USD", "cost.month",
            [
                RentalInput(gpu, rental),
                new EstimateInput("GPUs", count, "GPUs", "stated"),
                assumptions.Input("hours_per_month"),
                assumptions.Input("rental_price_quantile"),
            ],
            [RangeNote(range, gpu)],
            Tier.Derived);
    }

    public static Estimate? SelfHostedPerMillionTokens(GpuData gpu, int count, Estimate throughputTokensPerSecond, Assumptions assumptions)
    {
        if (Rental(gpu, assumptions) is not { } range || throughputTokensPerSecond.Value <= 0)
        {
            return null;
        }

        var rental = range.Point;

        var dollars = PerMillionTokens(rental.UsdPerHour, count, throughputTokensPerSecond.Value, assumptions.Utilization);
        return new Estimate("Self-hosted cost per million output tokens", dollars, "USD/M tokens", "cost.per_m_tokens",
            [
                RentalInput(gpu, rental),
                new EstimateInput("GPUs", count, "GPUs", "stated"),
                throughputTokensPerSecond.AsInput("Aggregate output tokens/s"),
                assumptions.Input("utilization"),
                assumptions.Input("rental_price_quantile"),
            ],
            [RangeNote(range, gpu)],
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
        var dollars = assumptions.MonthlyTokens * Blended(price, assumptions.MonthlyInputShare) / 1e6;
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

    /// <summary>USD per million tokens of a mix with <paramref name="inputShare"/> input tokens: what prices are ranked and compared by.</summary>
    public static double Blended(PriceData price, double inputShare) => (inputShare * price.Input) + ((1 - inputShare) * price.Output);

    /// <summary>
    /// What serving the site's monthly volume (site.yaml monthly_tokens, its output share) costs a month on this setup: as many
    /// replicas as its throughput needs, and never less than one. A small model's reader pays for the card it rents, not for
    /// capacity it will not use, so a cheap card that carries the volume beats a large one that is cheaper per token only when full.
    /// </summary>
    public static double MonthlyAtVolume(double usdPerHour, int count, double outputTokensPerSecond, Assumptions assumptions)
    {
        var outputPerMonth = assumptions.MonthlyTokens * (1 - assumptions.MonthlyInputShare);
        var perReplica = outputTokensPerSecond * 3600 * assumptions.HoursPerMonth * assumptions.Utilization;
        var replicas = perReplica <= 0 ? double.PositiveInfinity : Math.Max(1, Math.Ceiling(outputPerMonth / perReplica));
        return replicas * count * usdPerHour * assumptions.HoursPerMonth;
    }

    /// <summary>Dollars per million output tokens: GPU-hours bought over tokens produced in them at the utilization assumed.</summary>
    public static double PerMillionTokens(double usdPerHour, int count, double tokensPerSecond, double utilization)
        => usdPerHour * count / (tokensPerSecond * 3600 * utilization) * 1e6;

    /// <summary>Which offer of the range a cost uses, and the range it sits in.</summary>
    public static string RangeNote(RentalRange range, GpuData gpu)
        => range.Offers.Count == 1
            ? $"The only dated offer in the catalog: {range.Point.Provider}, {range.Point.Date}."
            : string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "The {0} of {1} dated offers ({2}, {3}); they range from ${4:0.00} ({5}) to ${6:0.00} ({7}) per {8}-hour, dated {9} to {10}.",
                range.PointName, range.Offers.Count, range.Point.Provider, range.Point.Date, range.Low.UsdPerHour, range.Low.Provider, range.High.UsdPerHour, range.High.Provider, UnitName(gpu), range.Earliest, range.Latest);

    /// <summary>What one rented unit is called: a GPU, or a chip for TPUs and other accelerators.</summary>
    public static string UnitName(GpuData gpu) => gpu.Kind == AcceleratorKind.Gpu ? "GPU" : "chip";

    private static EstimateInput RentalInput(GpuData gpu, RentalData rental)
        => new("Rental price per " + UnitName(gpu) + "-hour (" + rental.Provider + ", " + rental.Date + ")", rental.UsdPerHour, "USD/hour", FitEstimator.GpuSrc(gpu, rental));
}
