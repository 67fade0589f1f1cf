using System.Globalization;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>
/// Published measurements of one model, or on one accelerator: each figure as its source printed it, and the speed model's
/// estimate of it with that source left out of the fit, so a reader sees how the estimates elsewhere on the page fare
/// against runs of this very model or hardware.
/// </summary>
public sealed record MeasuredView(IReadOnlyList<MeasuredRow> Rows, int Measurements, int Sources);

/// <summary>One published figure: the setup, load and lengths, the figure linked to its source, and the held-out estimate and error where compared.</summary>
public sealed record MeasuredRow(
    MeasurementData M,
    ModelData Model,
    GpuData Gpu,
    string Precision,
    string Engine,
    string Load,
    string Metric,
    string Measured,
    string Published,
    string? Estimate,
    string? Error);

public static class MeasuredSection
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The catalog's measurements that <paramref name="include"/> picks, by accelerator, model, GPU count and id; null when there are none.</summary>
    public static MeasuredView? For(SiteModel site, Func<MeasurementData, bool> include)
    {
        var catalog = site.Catalog;
        var chosen = catalog.Measurements.Where(include)
            .OrderBy(m => m.Gpu.Value, StringComparer.Ordinal).ThenBy(m => m.Model.Value, StringComparer.Ordinal).ThenBy(m => m.Count).ThenBy(m => m.Id.Value, StringComparer.Ordinal)
            .ToList();
        if (chosen.Count == 0)
        {
            return null;
        }

        var heldOut = HeldOut(site);
        var rows = new List<MeasuredRow>();
        foreach (var m in chosen)
        {
            foreach (var (metric, label, value, unit) in MeasuredFigures.Of(m))
            {
                heldOut.TryGetValue((m.Id, metric), out var estimate);
                rows.Add(new MeasuredRow(
                    m,
                    catalog.Model(m.Model),
                    catalog.Gpu(m.Gpu),
                    Units.Name(m.Precision).ToUpperInvariant(),
                    SetupLabels.Engine(catalog.Site, m, withVersion: true),
                    Load(m),
                    label,
                    Figure(value, unit),
                    m.Date?.ToString() ?? "undated",
                    estimate is null ? null : Figure(estimate.HeldOut, unit),
                    estimate is null ? null : ((estimate.HeldOut - estimate.Measured) / estimate.Measured * 100).ToString("+0;-0;0", Inv) + "%"));
            }
        }

        return new MeasuredView(rows, chosen.Count, chosen.Select(m => Calibration.FoldOf(m.Source)).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>"server, 222 in / 294 out (dataset means)", "1 user, 1,024 in / 2,048 out", "offline".</summary>
    public static string Load(MeasurementData m)
    {
        var load = m.Scenario switch
        {
            MeasurementScenario.Offline => "offline",
            MeasurementScenario.Server => "server",
            _ => m.Concurrency is { } c ? Format.Int(c) + (c == 1 ? " user" : " users") : "latency",
        };
        var lengths = m.InputTokens is { } i && m.OutputTokens is { } o
            ? ", " + Format.Int(i) + " in / " + Format.Int(o) + " out" + (m.Lengths == TokenLengths.DatasetMean ? " (dataset means)" : "")
            : "";
        return load + lengths;
    }

    /// <summary>A published figure in its unit, at the precision a reader compares: "34,988 tok/s", "22.1 ms".</summary>
    public static string Figure(double value, string unit)
        => unit == "ms" ? Format.Ms(value) : Format.TokensPerSecond(value);

    /// <summary>Each compared figure's held-out row, by measurement and metric (the first, when a measurement publishes two throughputs).</summary>
    private static Dictionary<(MeasurementId, string), CalibrationRowData> HeldOut(SiteModel site)
        => site.Memo("measured|held-out", () =>
        {
            var rows = new Dictionary<(MeasurementId, string), CalibrationRowData>();
            foreach (var row in site.Catalog.Data.Calibration?.Rows ?? EquatableArray<CalibrationRowData>.Empty)
            {
                rows.TryAdd((row.Measurement, row.Metric), row);
            }

            return rows;
        });
}
