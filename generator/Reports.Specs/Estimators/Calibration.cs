using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One published measurement next to the estimate for the same setup.</summary>
public sealed record CalibrationRow(MeasurementData Measurement, string Metric, string Unit, double Measured, Estimate Estimate)
{
    /// <summary>(estimate - measured) / measured.</summary>
    public double RelativeError => (Estimate.Value - Measured) / Measured;
}

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
            var setup = new Setup(model, gpu, m.Count, m.Precision, (m.InputTokens ?? 0) + (m.OutputTokens ?? 0), m.Concurrency ?? 1);
            if (m.InputTokens is { } input && m.OutputTokens is { } output)
            {
                var mode = m.Scenario == MeasurementScenario.Offline ? SpeedMode.Offline : SpeedMode.Latency;
                var speed = SpeedEstimator.Estimate(setup, mode, input, output, assumptions);
                Add(rows, m, "throughput", "tokens/s", m.Results.ThroughputTokensPerS, speed.ThroughputTokensPerSecond);
                Add(rows, m, "ttft", "ms", m.Results.TtftMs, speed.TtftMs);
                Add(rows, m, "itl", "ms", m.Results.ItlMs, speed.ItlMs);
            }
            else
            {
                // Without a fixed request shape (MLPerf's dataset varies), only the compute ceiling of
                // large-batch decode is comparable: whole-system tokens/s.
                Add(rows, m, "throughput", "tokens/s", m.Results.ThroughputTokensPerS, SpeedEstimator.ComputeCeiling(setup, assumptions));
            }
        }

        return rows;
    }

    public static double MedianAbsoluteError(IReadOnlyList<CalibrationRow> rows)
    {
        if (rows.Count == 0)
        {
            return double.NaN;
        }

        var errors = rows.Select(r => Math.Abs(r.RelativeError)).Order().ToList();
        return errors.Count % 2 == 1 ? errors[errors.Count / 2] : (errors[(errors.Count / 2) - 1] + errors[errors.Count / 2]) / 2;
    }

    private static void Add(List<CalibrationRow> rows, MeasurementData m, string metric, string unit, double? measured, Estimate? estimate)
    {
        if (measured is { } value && estimate is not null)
        {
            rows.Add(new CalibrationRow(m, metric, unit, value, estimate));
        }
    }
}
