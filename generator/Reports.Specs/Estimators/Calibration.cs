using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One published measurement next to the estimate for the same setup.</summary>
public sealed record CalibrationRow(MeasurementData Measurement, string Metric, string Unit, double Measured, Estimate Estimate)
{
    /// <summary>(estimate - measured) / measured.</summary>
    public double RelativeError => (Estimate.Value - Measured) / Measured;

    /// <summary>True when the row set a constant (or shares the source of one that did): it cannot test the model.</summary>
    public bool Fitted => Measurement.Fitted;

    /// <summary>The accuracy table's category: single-user decode, batched decode, TTFT, prefill or throughput.</summary>
    public string Category => Metric switch
    {
        "ttft" => "TTFT",
        "prefill" => "Prefill speed",
        "itl" or "decode" when (Measurement.Concurrency ?? 1) <= 1 && Measurement.Scenario == MeasurementScenario.Latency => "Single-user decode",
        "itl" or "decode" => "Batched decode",
        _ => Measurement.Scenario == MeasurementScenario.Offline ? "Offline throughput" : "Serving throughput",
    };
}

/// <summary>Error statistics over a set of rows: what the methodology page publishes per category.</summary>
public sealed record ErrorSummary(string Category, int Rows, int Sources, double Median, double P90, double WithinQuarter, double Worst, double Bias);

/// <summary>Every measurement in the catalog estimated with the same setup: the methodology page's table.</summary>
public static class Calibration
{
    public static IReadOnlyList<CalibrationRow> Compare(CatalogData catalog, Assumptions assumptions)
    {
        var rows = new List<CalibrationRow>();
        foreach (var m in catalog.Measurements)
        {
            var model = catalog.Models.First(x => x.Id == m.Model);
            var gpu = catalog.Gpus.First(x => x.Id == m.Gpu);
            var fp8Kv = m.KvDtype == Precision.Fp8;
            var setup = new Setup(model, gpu, m.Count, m.Precision, (long)(m.InputTokens ?? 0) + (m.OutputTokens ?? 0), m.Concurrency ?? 1, fp8Kv);
            if (m.InputTokens is { } input && m.OutputTokens is { } output)
            {
                var mode = m.Scenario == MeasurementScenario.Offline ? SpeedMode.Offline : SpeedMode.Latency;
                var speed = SpeedEstimator.Estimate(setup, mode, input, output, assumptions);
                var r = m.Results;
                Add(rows, m, "throughput", "tokens/s", SystemThroughput(m), speed.ThroughputTokensPerSecond);
                Add(rows, m, "ttft", "ms", r.TtftMs, speed.TtftMs);
                Add(rows, m, "itl", "ms", r.ItlMs, speed.ItlMs);
                Add(rows, m, "decode", "tokens/s", r.DecodeTokensPerS, speed.DecodeTokensPerSecond);
                if (r.PrefillTokensPerS is { } prefill && speed.TtftMs is { } ttft)
                {
                    var rate = new Estimate("Prefill tokens/s", input / (ttft.Value / 1000), "tokens/s", "ttft", [ttft.AsInput(), new EstimateInput("Prompt tokens", input, "tokens", "stated")], [], Tier.Estimated);
                    Add(rows, m, "prefill", "tokens/s", prefill, rate);
                }
            }
            else
            {
                // Without a request shape, only the compute ceiling of large-batch decode is comparable: whole-system tokens/s.
                Add(rows, m, "throughput", "tokens/s", SystemThroughput(m), SpeedEstimator.ComputeCeiling(setup, assumptions));
            }
        }

        return rows;
    }

    /// <summary>Whole-system output tokens/s: as printed, or the per-GPU figure times the accelerators measured.</summary>
    private static double? SystemThroughput(MeasurementData m)
        => m.Results.ThroughputTokensPerS ?? (m.Results.ThroughputPerGpuTokensPerS * m.Count);

    /// <summary>Rows that did not set any constant: the only ones an accuracy figure may rest on.</summary>
    public static IReadOnlyList<CalibrationRow> Independent(IReadOnlyList<CalibrationRow> rows) => rows.Where(r => !r.Fitted).ToList();

    /// <summary>Per category and in all, over the rows given (callers pass the independent rows).</summary>
    public static IReadOnlyList<ErrorSummary> Summarize(IReadOnlyList<CalibrationRow> rows)
    {
        var summaries = rows.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summary(g.Key, g.ToList())).ToList();
        if (rows.Count > 0)
        {
            summaries.Add(Summary("All", rows));
        }

        return summaries;
    }

    private static ErrorSummary Summary(string category, IReadOnlyList<CalibrationRow> rows)
    {
        var errors = rows.Select(r => Math.Abs(r.RelativeError)).Order().ToList();
        var logBias = rows.Average(r => Math.Log(r.Estimate.Value / r.Measured));
        return new ErrorSummary(category, rows.Count, rows.Select(r => r.Measurement.Source).Distinct(StringComparer.Ordinal).Count(),
            Quantile(errors, 0.5), Quantile(errors, 0.9), errors.Count(e => e <= 0.25) / (double)errors.Count, errors[^1], Math.Exp(logBias) - 1);
    }

    /// <summary>Linear interpolation between order statistics (the usual "type 7" quantile).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    public static double MedianAbsoluteError(IReadOnlyList<CalibrationRow> rows)
        => rows.Count == 0 ? double.NaN : Quantile(rows.Select(r => Math.Abs(r.RelativeError)).Order().ToList(), 0.5);

    private static void Add(List<CalibrationRow> rows, MeasurementData m, string metric, string unit, double? measured, Estimate? estimate)
    {
        if (measured is { } value && estimate is not null && double.IsFinite(estimate.Value) && estimate.Value > 0)
        {
            rows.Add(new CalibrationRow(m, metric, unit, value, estimate));
        }
    }
}
