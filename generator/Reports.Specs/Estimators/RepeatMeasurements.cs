using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One published figure of a setup measured more than once.</summary>
public sealed record RepeatValue(MeasurementData Measurement, double Value);

/// <summary>
/// The same setup (model, accelerators, precision, engine, plan, request shape and load) measured more than once, on one
/// metric: usually one benchmark's successive rounds, run on newer software.
/// </summary>
public sealed record RepeatGroup(string Metric, string Label, string Unit, IReadOnlyList<RepeatValue> Values)
{
    /// <summary>The largest figure over the smallest, less one: 0.2 when one run measured 20% more than another.</summary>
    public double Spread => (Values.Max(v => v.Value) / Values.Min(v => v.Value)) - 1;

    /// <summary>Each figure's distance from the group's geometric mean, as a share of it.</summary>
    public IEnumerable<double> Deviations()
    {
        var mean = Math.Exp(Values.Average(v => Math.Log(v.Value)));
        return Values.Select(v => Math.Abs((v.Value / mean) - 1));
    }
}

/// <summary>How far repeat measurements of one setup lie apart, over every group.</summary>
/// <param name="MedianDeviation">
/// The median distance of a figure from its group's geometric mean: no estimate that sees only the setup can do better than
/// this on these figures, since it gives every run of the group the same number.
/// </param>
public sealed record RepeatSummary(int Groups, int Figures, double MedianSpread, double P90Spread, double MaxSpread, double MedianDeviation);

/// <summary>
/// Finds the corpus's setups that were measured more than once, and how far their figures differ: the spread a speed model
/// meets whatever it does, because the setup it is given does not say which software release ran it.
/// </summary>
public static class RepeatMeasurements
{
    /// <summary>Every setup and metric with two or more figures, widest spread first (ties by the first measurement's id).</summary>
    public static IReadOnlyList<RepeatGroup> Find(IEnumerable<MeasurementData> measurements)
    {
        var figures = new Dictionary<(SetupKey Setup, string Metric, LatencyStatistic? Statistic), (MeasuredFigure First, List<RepeatValue> Values)>();
        foreach (var m in measurements)
        {
            foreach (var figure in MeasuredFigures.Of(m))
            {
                // A mean and a median latency are different figures; a throughput has no statistic.
                var key = (Key(m), figure.Metric, figure.Unit == "ms" ? m.Statistic : null);
                if (!figures.TryGetValue(key, out var group))
                {
                    figures[key] = group = (figure, []);
                }

                group.Values.Add(new RepeatValue(m, figure.Value));
            }
        }

        return figures
            .Where(f => f.Value.Values.Count > 1)
            .Select(f => new RepeatGroup(f.Key.Metric, f.Value.First.Label, f.Value.First.Unit, f.Value.Values.OrderBy(v => v.Measurement.Id.Value, StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Spread)
            .ThenBy(g => g.Values[0].Measurement.Id.Value, StringComparer.Ordinal)
            .ThenBy(g => g.Metric, StringComparer.Ordinal)
            .ToList();
    }

    public static RepeatSummary? Summarize(IReadOnlyList<RepeatGroup> groups)
    {
        if (groups.Count == 0)
        {
            return null;
        }

        var spreads = groups.Select(g => g.Spread).Order().ToList();
        var deviations = groups.SelectMany(g => g.Deviations()).Order().ToList();
        return new RepeatSummary(groups.Count, deviations.Count, Calibration.Quantile(spreads, 0.5), Calibration.Quantile(spreads, 0.9), spreads[^1], Calibration.Quantile(deviations, 0.5));
    }

    /// <summary>What makes two measurements the same setup: everything the speed model is given.</summary>
    private readonly record struct SetupKey(
        ModelId Model,
        GpuId Gpu,
        int Count,
        Precision Precision,
        Precision? KvDtype,
        ServingEngine? Engine,
        MeasuredPlan? Plan,
        SpeculationMethod? Speculation,
        int? DraftTokens,
        MeasurementScenario Scenario,
        int? InputTokens,
        int? OutputTokens,
        TokenLengths Lengths,
        int? Concurrency,
        ArrivalPattern Arrivals,
        BenchmarkHarness Harness,
        ComputeBackend? Backend);

    private static SetupKey Key(MeasurementData m) => new(
        m.Model, m.Gpu, m.Count, m.Precision, m.KvDtype, m.Engine, m.Plan, m.Speculative?.Method, m.Speculative?.Tokens,
        m.Scenario, m.InputTokens, m.OutputTokens, m.Lengths, m.Concurrency, m.Arrivals, m.Harness, m.Backend);
}
