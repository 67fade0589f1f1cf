using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One figure a measurement publishes: the metric the calibration compares it by, a reader's label, the value and its unit.</summary>
public sealed record MeasuredFigure(string Metric, string Label, double Value, string Unit);

/// <summary>The figures of a measurement, each once, under the metric names the calibration uses.</summary>
public static class MeasuredFigures
{
    public static IEnumerable<MeasuredFigure> Of(MeasurementData m)
    {
        var r = m.Results;
        var statistic = m.Statistic is { } s ? " (" + s.ToString().ToLowerInvariant() + ")" : "";
        if (Calibration.SystemThroughput(m) is { } throughput)
        {
            yield return new("throughput", "Output throughput", throughput, "tokens/s");
        }
        else if (r.TotalTokensPerS is { } total)
        {
            yield return new("throughput", "Input and output throughput", total, "tokens/s");
        }

        if (r.TtftMs is { } ttft)
        {
            // Called in-process, the engine's first token comes without a server's share of the request's cost: a reader comparing it with a server's must know.
            var ttftStatistic = m.Harness == BenchmarkHarness.InProcess ? " (" + (m.Statistic is { } st ? st.ToString().ToLowerInvariant() + ", " : "") + "engine called in-process, no server)" : statistic;
            yield return new("ttft", "TTFT" + ttftStatistic, ttft, "ms");
        }

        if (r.ItlMs is { } itl)
        {
            yield return new("itl", "ITL" + statistic, itl, "ms");
        }

        if (r.DecodeTokensPerS is { } decode)
        {
            yield return new("decode", "Decode, one stream", decode, "tokens/s");
        }

        if (r.PrefillTokensPerS is { } prefill)
        {
            yield return new("prefill", "Prompt processing", prefill, "tokens/s");
        }
    }
}
