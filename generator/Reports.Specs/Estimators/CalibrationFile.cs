using System.Globalization;
using System.Text;
using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>content/calibration.yaml: a calibration run as data, and as the text the calibrate command writes.</summary>
public static class CalibrationFile
{
    public const string FileName = "calibration.yaml";

    public const string Command = "dotnet run --project generator/Reports.Site -- calibrate";

    /// <summary>The run as the record the catalog compiles; numbers rounded as the file writes them, so a rerun compares equal.</summary>
    /// <param name="unseen">The rows scored before any fit saw them: the previous file's, and today's new ones.</param>
    public static CalibrationData From(CalibrationResult run, IReadOnlyList<UnseenRowData>? unseen = null)
    {
        var fitted = run.Fitted.ToDictionary(r => (r.Measurement.Id.Value, r.Metric, r.Measured));
        var rowsPerEngine = run.Fitted.GroupBy(r => r.Measurement.Engine ?? ServingEngine.Other).ToDictionary(g => g.Key, g => g.Count());
        var s = run.Constants.Shared;
        return new CalibrationData
        {
            Command = Command,
            Measurements = run.Measurements,
            Expressible = run.Measurements - run.Unexpressed.Count,
            Folds = run.Folds,
            Shared = new SharedConstantsData { RequestOverheadMs = R(s.RequestOverheadMs), AllreduceLatencyUs = R(s.AllreduceLatencyUs), ServerLoadFraction = R(s.ServerLoadFraction), MoeLayerOverheadUs = R(s.MoeLayerOverheadUs), ExpertHalfRateTokens = R(s.ExpertHalfRateTokens) },
            Engines = new(Calibrator.Engines.Select(e =>
            {
                var c = run.Constants.For(e);
                return new EngineConstantsData
                {
                    Engine = e,
                    BandwidthEfficiency = R(c.BandwidthEfficiency),
                    ComputeEfficiency = R(c.ComputeEfficiency),
                    PrefillEfficiency = R(c.PrefillEfficiency),
                    LayerOverheadUs = R(c.LayerOverheadUs),
                    PromptLayerOverheadUs = R(c.PromptLayerOverheadUs),
                    Rows = rowsPerEngine.GetValueOrDefault(e),
                };
            }).ToArray()),
            Vendors = new(run.VendorRows.Select(v => new VendorFactorsData
            {
                Vendor = v.Vendor,
                BandwidthFactor = R(run.Constants.Vendors[v.Vendor].Bandwidth),
                ComputeFactor = R(run.Constants.Vendors[v.Vendor].Compute),
                Rows = v.Rows,
            }).ToArray()),
            HeldOut = new(Calibration.Summarize(run.HeldOut).Select(Summary).ToArray()),
            HeldOutByKind = new(Calibration.SummarizeByKind(run.HeldOut).Select(Summary).ToArray()),
            Rows = new(run.HeldOut.Select(r => new CalibrationRowData
            {
                Measurement = r.Measurement.Id,
                Metric = r.Metric,
                Category = r.Category,
                Fold = r.Fold,
                Measured = R(r.Measured),
                HeldOut = R(r.Estimate),
                Fitted = R(fitted.TryGetValue((r.Measurement.Id.Value, r.Metric, r.Measured), out var f) ? f.Estimate : double.NaN),
            }).ToArray()),
            Unexpressed = new(run.Unexpressed.Select(u => new UnexpressedData { Measurement = u.Measurement.Id, Reason = u.Reason }).ToArray()),
            Unseen = new((unseen ?? []).ToArray()),
        };
    }

    /// <summary>
    /// The unseen rows the next file carries: the previous file's whose measurement is still in the corpus, then the
    /// rows scored today, in measurement order.
    /// </summary>
    public static IReadOnlyList<UnseenRowData> Unseen(CalibrationData? previous, IReadOnlyList<CalibrationRow> scoredToday, IReadOnlySet<MeasurementId> corpus, ContentDate today)
        => (previous?.Unseen ?? EquatableArray<UnseenRowData>.Empty).Where(u => corpus.Contains(u.Measurement))
            .Concat(scoredToday.Select(r => new UnseenRowData
            {
                Measurement = r.Measurement.Id,
                Metric = r.Metric,
                Category = r.Category,
                Fold = r.Fold,
                Measured = R(r.Measured),
                Estimate = R(r.Estimate),
                Scored = today,
            }))
            .OrderBy(u => u.Measurement.Value, StringComparer.Ordinal).ThenBy(u => u.Metric, StringComparer.Ordinal)
            .ToList();

    private static HeldOutSummaryData Summary(ErrorSummary x) => new()
    {
        Category = x.Category,
        Kind = x.Kind,
        Rows = x.Rows,
        Sources = x.Sources,
        Median = R(x.Median),
        P90 = R(x.P90),
        WithinQuarter = R(x.WithinQuarter),
        Worst = R(x.Worst),
        Bias = R(x.Bias),
    };

    /// <summary>Four significant digits: more than the model's accuracy, few enough that reruns agree.</summary>
    public static double R(double x) => double.IsFinite(x) && x != 0 ? double.Parse(x.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : x;

    public static string Write(CalibrationData c)
    {
        var s = new StringBuilder();
        s.Append("# Written by `").Append(Command).Append("` from content/data/measurements. Do not edit:\n");
        s.Append("# rerun the command after changing a measurement or the speed model; a test fails while this file is stale.\n");
        s.Append("command: ").Append(Q(c.Command)).Append('\n');
        s.Append("measurements: ").Append(c.Measurements.ToString(CultureInfo.InvariantCulture)).Append('\n');
        s.Append("expressible: ").Append(c.Expressible.ToString(CultureInfo.InvariantCulture)).Append('\n');
        s.Append("folds: ").Append(c.Folds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        s.Append("shared:\n");
        s.Append("  request_overhead_ms: ").Append(N(c.Shared.RequestOverheadMs)).Append('\n');
        s.Append("  allreduce_latency_us: ").Append(N(c.Shared.AllreduceLatencyUs)).Append('\n');
        s.Append("  server_load_fraction: ").Append(N(c.Shared.ServerLoadFraction)).Append('\n');
        s.Append("  moe_layer_overhead_us: ").Append(N(c.Shared.MoeLayerOverheadUs)).Append('\n');
        s.Append("  expert_half_rate_tokens: ").Append(N(c.Shared.ExpertHalfRateTokens)).Append('\n');
        s.Append("engines:\n");
        foreach (var e in c.Engines)
        {
            s.Append("  - { engine: ").Append(Units.Name(e.Engine))
                .Append(", bandwidth_efficiency: ").Append(N(e.BandwidthEfficiency))
                .Append(", compute_efficiency: ").Append(N(e.ComputeEfficiency))
                .Append(", prefill_efficiency: ").Append(N(e.PrefillEfficiency))
                .Append(", layer_overhead_us: ").Append(N(e.LayerOverheadUs))
                .Append(", prompt_layer_overhead_us: ").Append(N(e.PromptLayerOverheadUs))
                .Append(", rows: ").Append(e.Rows.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
        }

        if (c.Vendors.Count > 0)
        {
            s.Append("vendors:\n");
            foreach (var v in c.Vendors)
            {
                s.Append("  - { vendor: ").Append(Q(v.Vendor))
                    .Append(", bandwidth_factor: ").Append(N(v.BandwidthFactor))
                    .Append(", compute_factor: ").Append(N(v.ComputeFactor))
                    .Append(", rows: ").Append(v.Rows.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
            }
        }

        s.Append("held_out:\n");
        foreach (var h in c.HeldOut)
        {
            Summary(s, h);
        }

        if (c.HeldOutByKind.Count > 0)
        {
            s.Append("held_out_by_kind:\n");
            foreach (var h in c.HeldOutByKind)
            {
                Summary(s, h);
            }
        }

        s.Append("rows:\n");
        foreach (var r in c.Rows)
        {
            s.Append("  - { measurement: ").Append(r.Measurement.Value).Append(", metric: ").Append(r.Metric)
                .Append(", category: ").Append(Q(r.Category)).Append(", fold: ").Append(Q(r.Fold))
                .Append(", measured: ").Append(N(r.Measured)).Append(", held_out: ").Append(N(r.HeldOut))
                .Append(", fitted: ").Append(N(r.Fitted)).Append(" }\n");
        }

        s.Append("unexpressed:\n");
        foreach (var u in c.Unexpressed)
        {
            s.Append("  - { measurement: ").Append(u.Measurement.Value).Append(", reason: ").Append(Q(u.Reason)).Append(" }\n");
        }

        s.Append("# Scored the day each joined the corpus, by the constants then in force: estimates made before any fit saw the result.\n");
        s.Append("unseen:\n");
        foreach (var u in c.Unseen)
        {
            s.Append("  - { measurement: ").Append(u.Measurement.Value).Append(", metric: ").Append(u.Metric)
                .Append(", category: ").Append(Q(u.Category)).Append(", fold: ").Append(Q(u.Fold))
                .Append(", measured: ").Append(N(u.Measured)).Append(", estimate: ").Append(N(u.Estimate))
                .Append(", scored: ").Append(u.Scored.ToString()).Append(" }\n");
        }

        return s.ToString();
    }

    private static void Summary(StringBuilder s, HeldOutSummaryData h)
        => s.Append("  - { category: ").Append(Q(h.Category)).Append(h.Kind is { } kind ? ", kind: " + Units.Name(kind) : "").Append(", rows: ").Append(h.Rows.ToString(CultureInfo.InvariantCulture))
            .Append(", sources: ").Append(h.Sources.ToString(CultureInfo.InvariantCulture))
            .Append(", median: ").Append(N(h.Median)).Append(", p90: ").Append(N(h.P90))
            .Append(", within_quarter: ").Append(N(h.WithinQuarter)).Append(", worst: ").Append(N(h.Worst))
            .Append(", bias: ").Append(N(h.Bias)).Append(" }\n");

    private static string N(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static string Q(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
