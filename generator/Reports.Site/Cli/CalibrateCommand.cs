using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Reports.Specs.Content;
using Reports.Specs.Estimators;
using Reports.Specs.Loading;

namespace Reports.Site.Cli;

/// <summary>
/// <c>calibrate [--content DIR] [--check]</c>: fits the speed constants on the measurement corpus, scores them
/// on leave-one-source-out folds and writes content/calibration.yaml, which the site's estimates read.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var content = new Option<string?>("--content") { Description = "Content folder (default: content/ in the repository)." };
        var check = new Option<bool>("--check") { Description = "Do not write: exit 1 when calibration.yaml differs from a fresh run." };
        var command = new Command("calibrate", "Fit the speed model's constants on the measurements and score them on sources they were not fitted on; writes content/calibration.yaml.")
        {
            content, check,
        };
        command.SetAction((result, token) => Task.FromResult(Run(result.GetValue(content), result.GetValue(check), stdout, stderr, token)));
        return command;
    }

    public static int Run(string? contentFolder, bool check, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var root = contentFolder ?? Path.Combine(RepoPaths.Root, "content");
        var loaded = ContentDirectory.LoadDirectory(root, RunDate.Today(), cancellationToken);
        foreach (var d in loaded.Diagnostics.Where(d => d.IsError))
        {
            stderr.WriteLine(d.ToMsBuildString());
        }

        if (loaded.Catalog is not { } catalog)
        {
            return ExitCodes.ContentErrors;
        }

        var clock = Stopwatch.StartNew();

        // Measurements new since the last run are scored by its constants first, before this run's fit sees them.
        var file = Calibrator.Recalibrate(catalog, RunDate.Today(), cancellationToken);
        var text = CalibrationFile.Write(file);
        var path = Path.Combine(root, CalibrationFile.FileName);
        Report(stdout, file, RepeatMeasurements.Summarize(RepeatMeasurements.Find(catalog.Measurements)), clock.Elapsed);
        if (check)
        {
            var current = File.Exists(path) ? File.ReadAllText(path) : "";
            if (current != text)
            {
                stderr.WriteLine(path + ": stale; run `" + CalibrationFile.Command + "` and commit the result.");
                return ExitCodes.ContentErrors;
            }

            return ExitCodes.Ok;
        }

        File.WriteAllText(path, text);
        stdout.WriteLine("wrote " + path);
        return ExitCodes.Ok;
    }

    private static void Report(TextWriter o, CalibrationData c, RepeatSummary? repeats, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;

        // One row of an accuracy table: the held-out one and the unseen one print alike.
        void Accuracy(string category, int rows, int sources, double median, double p90, double within, double worst, double bias)
            => o.WriteLine(string.Create(inv, $"  {category,-20} {rows,3} {sources,4} {median * 100,6:0.0}% {p90 * 100,6:0.0}% {within * 100,7:0}% {worst * 100,6:0}% {bias * 100,+5:+0;-0;0}%"));
        o.WriteLine(string.Create(inv, $"{c.Measurements} measurements, {c.Expressible} expressible, {c.Rows.Count} comparisons, {c.Folds} folds ({elapsed.TotalSeconds:0.0} s)"));
        o.WriteLine(string.Create(inv, $"shared: request {c.Shared.RequestOverheadMs} ms, all-reduce {c.Shared.AllreduceLatencyUs} µs, server {c.Shared.ServerLoadFraction}, MoE layer {c.Shared.MoeLayerOverheadUs} µs, expert half-rate {c.Shared.ExpertHalfRateTokens} rows"));
        foreach (var e in c.Engines)
        {
            o.WriteLine(string.Create(inv, $"  {Units.Name(e.Engine),-9} bw {e.BandwidthEfficiency,6} compute {e.ComputeEfficiency,6} prefill {e.PrefillEfficiency,6} layer {e.LayerOverheadUs,7} µs prompt layer {e.PromptLayerOverheadUs,7} µs  rows {e.Rows}"));
        }

        foreach (var v in c.Vendors)
        {
            o.WriteLine(string.Create(inv, $"  on {v.Vendor,-6} bandwidth x{v.BandwidthFactor} compute x{v.ComputeFactor}  rows {v.Rows}"));
        }

        o.WriteLine("held out (leave one source out):");
        o.WriteLine("  category               n  src  median    p90  within25  worst   bias");
        foreach (var h in c.HeldOut)
        {
            Accuracy(h.Category, h.Rows, h.Sources, h.Median, h.P90, h.WithinQuarter, h.Worst, h.Bias);
        }

        if (repeats is { } rep)
        {
            // The spread between published runs of one setup: the floor under any estimate of it.
            o.WriteLine(string.Create(inv, $"repeat measurements: {rep.Groups} setup metrics measured more than once ({rep.Figures} figures), spread median {rep.MedianSpread * 100:0}%, p90 {rep.P90Spread * 100:0}%, largest {1 + rep.MaxSpread:0.00}x; a figure lies a median {rep.MedianDeviation * 100:0.0}% from its setup's geometric mean"));
        }

        o.WriteLine("worst held-out rows:");
        foreach (var r in c.Rows.OrderByDescending(r => Math.Abs(Math.Log(r.HeldOut / r.Measured))).Take(15))
        {
            o.WriteLine(string.Create(inv, $"  {(r.HeldOut - r.Measured) / r.Measured * 100,+8:+0;-0;0}%  {r.Metric,-10} {r.Measured,10} est {r.HeldOut,10} (fitted {r.Fitted})  {r.Measurement.Value}"));
        }

        foreach (var u in c.Unexpressed)
        {
            o.WriteLine("  not expressible: " + u.Measurement.Value + ": " + u.Reason);
        }

        if (c.Unseen.Count > 0)
        {
            o.WriteLine("unseen (scored the day they joined, by the constants then in force):");
            o.WriteLine("  category               n  src  median    p90  within25  worst   bias");
            foreach (var h in Calibration.Summarize(c.Unseen))
            {
                Accuracy(h.Category, h.Rows, h.Sources, h.Median, h.P90, h.WithinQuarter, h.Worst, h.Bias);
            }

            foreach (var u in c.Unseen.OrderByDescending(u => Math.Abs(Math.Log(u.Estimate / u.Measured))))
            {
                o.WriteLine(string.Create(inv, $"  {(u.Estimate - u.Measured) / u.Measured * 100,+8:+0;-0;0}%  {u.Metric,-10} {u.Measured,10} est {u.Estimate,10}  {u.Measurement.Value} ({u.Scored})"));
            }
        }
    }
}
