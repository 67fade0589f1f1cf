using System.Globalization;
using System.Text;
using Reports.Site.Rendering;
using Reports.Specs.Estimators;

namespace Reports.Site.Cli;

/// <summary>The readable table of an estimate, with the assumptions listed under it.</summary>
public static class EstimateText
{
    public static string Write(SetupReport r)
    {
        var s = new StringBuilder();
        var setup = r.Setup;
        s.AppendLine(CultureInfo.InvariantCulture, $"{setup.Model.Name} on {setup.Count} x {setup.Gpu.Name} (TP{setup.TensorParallel}{(setup.ExpertParallel > 1 ? " + EP" + setup.ExpertParallel : "")}{(setup.AttentionDataParallel ? " with DP attention" : "")}{(setup.PipelineStages > 1 ? " x PP" + setup.PipelineStages : "")}, {Units.Name(setup.Engine)}), {Units.Name(setup.Precision).ToUpperInvariant()} weights, {(setup.Fp8Kv ? "FP8" : "16-bit")} KV cache");
        s.AppendLine(CultureInfo.InvariantCulture, $"{r.Mode.ToString().ToLowerInvariant()} mode: {r.InputTokens:#,0} input + {r.OutputTokens:#,0} output tokens, context {setup.ContextTokens:#,0}, concurrency {setup.Concurrency}");
        s.AppendLine();
        var rows = new List<(string, string, string)>
        {
            ("Parameters", Params(r.ParamsTotal.Value) + " total, " + Params(r.ParamsActive.Value) + " active", Tier(r.ParamsActive)),
            ("Weights", Gb(r.Weights.Value), Tier(r.Weights)),
            ("KV cache per token", r.KvPerToken.Value.ToString("#,0", CultureInfo.InvariantCulture) + " B", Tier(r.KvPerToken)),
            ("Memory needed / usable", Gb(r.Fit.Needed.Value) + " / " + Gb(r.Fit.Available.Value) + " (" + (r.Fit.Ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%)", Tier(r.Fit.Needed)),
            ("Fit", r.Fit.Grade + (r.MinGpus is { } m ? $" (minimum {m} GPU{(m == 1 ? "" : "s")})" : ""), "derived"),
        };
        if (r.Speed is { } speed)
        {
            rows.Add(("Batch", speed.Batch.ToString(CultureInfo.InvariantCulture), "estimated"));
            rows.Add(("Decode per user", speed.DecodeTokensPerSecond.Value.ToString("0.0", CultureInfo.InvariantCulture) + " tokens/s", Tier(speed.DecodeTokensPerSecond)));
            rows.Add(("Inter-token latency", speed.ItlMs.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms", Tier(speed.ItlMs)));
            rows.Add(("Time to first token", speed.TtftMs is { } t ? t.Value.ToString("#,0", CultureInfo.InvariantCulture) + " ms" : r.Mode == SpeedMode.Offline ? "n/a (offline: no request waits for a first token)" : "n/a (no sourced TFLOPS)", speed.TtftMs is null ? "" : Tier(speed.TtftMs)));
            rows.Add(("Throughput", speed.ThroughputTokensPerSecond.Value.ToString("#,0", CultureInfo.InvariantCulture) + " output tokens/s", Tier(speed.ThroughputTokensPerSecond)));
        }

        rows.Add(("GPU cost per month", r.CostPerMonth is { } c ? c.Value.ToString("$#,0", CultureInfo.InvariantCulture) : "n/a (no dated rental price)", r.CostPerMonth is null ? "" : Tier(r.CostPerMonth)));
        rows.Add(("Self-hosted $/M output tokens", r.CostPerMillionTokens is { } p ? p.Value.ToString("$#,0.00", CultureInfo.InvariantCulture) : "n/a", r.CostPerMillionTokens is null ? "" : Tier(r.CostPerMillionTokens)));

        var width = rows.Max(x => x.Item1.Length);
        var valueWidth = rows.Max(x => x.Item2.Length);
        foreach (var (label, value, tier) in rows)
        {
            s.Append(label.PadRight(width + 2)).Append(value.PadRight(valueWidth + 2)).AppendLine(tier);
        }

        s.AppendLine();
        if (!r.Fit.Fits)
        {
            var least = r.SmallestPlan is { } fewest ? $"The smallest plan that fits is {fewest.Count} GPU{(fewest.Count == 1 ? "" : "s")}" + (fewest.Count > 1 ? ": " + ParallelPlan.Describe(fewest) : "") + "." : $"No count up to 64 fits at {Units.Name(setup.Precision)}.";
            s.AppendLine("Does not fit: " + r.Fit.Problem + ". " + least);
        }
        else if (r.Band is { } band)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"Speed band: on published {band.Category.ToLowerInvariant()} measurements{Of(band)} it was not fitted on, the model is typically within ±{band.Median * 100:0}% (90% within ±{band.P90 * 100:0}%; {band.Rows} comparisons from {band.Sources} sources).");
            if (r.Speed?.TtftMs?.Band is { } ttft && Format.Leaning(ttft) is { } leaning)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"TTFT band: typically within ±{ttft.Median * 100:0}% on published TTFTs{Of(ttft)}, and it {leaning}: on average {Format.AverageLean(ttft)} ({ttft.Rows} comparisons from {ttft.Sources} sources).");
            }
        }

        s.AppendLine();
        s.AppendLine("Assumptions (content/site.yaml):");
        var used = Walk(new[] { r.Fit.Needed, r.Fit.Available, r.Speed?.ThroughputTokensPerSecond, r.Speed?.TtftMs, r.CostPerMillionTokens, r.CostPerMonth })
            .Where(i => i.Source.StartsWith("site.yaml: ", StringComparison.Ordinal))
            .DistinctBy(i => i.Source)
            .OrderBy(i => i.Source, StringComparer.Ordinal);
        foreach (var input in used)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {input.Source["site.yaml: ".Length..]} = {input.Value} {input.Unit}: {input.Name}");
        }

        var fitted = Walk(new[] { r.Speed?.ThroughputTokensPerSecond, r.Speed?.TtftMs, r.Speed?.ItlMs })
            .Where(i => i.Source.StartsWith("calibration.yaml: ", StringComparison.Ordinal) || i.Source.StartsWith("uncalibrated start: ", StringComparison.Ordinal))
            .DistinctBy(i => i.Source)
            .OrderBy(i => i.Source, StringComparer.Ordinal)
            .ToList();
        if (fitted.Count > 0)
        {
            s.AppendLine(fitted[0].Source.StartsWith("calibration.yaml: ", StringComparison.Ordinal)
                ? "Speed constants (content/calibration.yaml, fitted by `calibrate` on published measurements):"
                : "Speed constants (not calibrated: the fit's starting point):");
            foreach (var input in fitted)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"  {input.Source[(input.Source.IndexOf(": ", StringComparison.Ordinal) + 2)..]} = {input.Value} {input.Unit}: {input.Name}");
            }
        }

        foreach (var note in (r.Speed?.Notes ?? []).Concat(r.Fit.Needed.Assumptions))
        {
            s.AppendLine("  " + note);
        }

        s.AppendLine("Run with --format json for every number's formula, inputs and sources.");
        return s.ToString();
    }

    private static IEnumerable<EstimateInput> Walk(IEnumerable<Estimate?> estimates)
        => estimates.Where(e => e is not null).SelectMany(e => e!.Inputs.SelectMany(i => i.From is null ? [i] : Walk([i.From]).Prepend(i)));

    private static string Tier(Estimate e) => e.Tier.ToString().ToLowerInvariant();

    private static string Params(double value) => Rendering.Helpers.FmtParams(value);

    private static string Gb(double bytes) => (bytes / 1e9).ToString("#,0.0", CultureInfo.InvariantCulture) + " GB";

    /// <summary>" of mixture-of-experts models" when a band is its kind's own, else "".</summary>
    private static string Of(Specs.Content.HeldOutSummaryData band) => band.Kind is { } kind ? " of " + KindLabels.Models(kind) : "";
}
