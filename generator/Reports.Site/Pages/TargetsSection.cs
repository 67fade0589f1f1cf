using System.Globalization;
using Reports.Site.Charts;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>Recommendations under latency targets, and the throughput-latency frontier they are chosen on.</summary>
/// <param name="Points">Where the reader's own-target form fetches every curve's points, relative to the page; null when no plan has a curve (no form).</param>
/// <param name="PointsJson">Those points, written beside the page (<see cref="TargetsSection.DataFileName"/>); an empty array when no plan has a curve.</param>
public sealed record TargetsView(IReadOnlyList<TargetTable> Targets, Html? Chart, string MixLabel, string? Points, [property: Scriban.Runtime.ScriptMemberIgnore] string PointsJson);

/// <summary>One target: its limits, why they are what they are, and the cheapest plan per accelerator that meets them.</summary>
public sealed record TargetTable(string Id, string Label, string Ttft, string Itl, string Why, IReadOnlyList<TargetRow> Rows, int Hidden);

/// <summary>An accelerator page's frontier: the chart, and each reference model's chosen point as a table row (the chart's numbers in text).</summary>
public sealed record GpuFrontierView(Html Chart, string Target, IReadOnlyList<GpuFrontierRow> Rows);

/// <summary>A reference model on the accelerator: its plan and, when it meets the target, the point it is chosen at.</summary>
public sealed record GpuFrontierRow(ModelData Model, TargetRow? Choice, string Plan);

/// <summary>An accelerator's cheapest plan under a target, at the largest concurrency that still meets it.</summary>
public sealed record TargetRow(GpuData Gpu, string Plan, string Users, string Ttft, string Itl, string UserSpeed, string PerGpu, string Cost);

public static class TargetsSection
{
    /// <summary>How many accelerators each target's table lists; the rest are counted.</summary>
    public const int Shown = 8;

    /// <summary>How many plans the frontier chart draws: the cheapest under the first target.</summary>
    public const int Charted = 5;

    /// <summary>The model page's data file: every plan's curve, which the own-target form fetches on the reader's first question.</summary>
    public const string DataFileName = "frontier.json";

    public static TargetsView For(SiteModel site, ModelData model)
    {
        var a = site.Assumptions;
        var curves = a.LatencyTargets.Count == 0 ? [] : Frontier.Curves(model, site.Catalog.Gpus, a);
        var choices = a.LatencyTargets.Select(t => (Target: t, Choices: Frontier.Cheapest(curves, t))).ToList();
        var tables = choices.Select(t => new TargetTable(
            t.Target.Id,
            t.Target.Label,
            Format.Ms(t.Target.TtftMs),
            Format.Ms(t.Target.ItlMs),
            t.Target.Why,
            t.Choices.Take(Shown).Select(Row).ToList(),
            Math.Max(0, t.Choices.Count - Shown))).ToList();

        return new TargetsView(tables, Chart(model, choices), a.PrimaryMix.Label.ToLowerInvariant(), curves.Count == 0 ? null : DataFileName, PointsJson(curves));
    }

    /// <summary>The plans chosen under the first target, each drawn over every concurrency; every target's chosen point is ringed.</summary>
    private static Html? Chart(ModelData model, IReadOnlyList<(LatencyTargetData Target, IReadOnlyList<TargetChoice> Choices)> choices)
    {
        if (choices.Count == 0 || choices[0].Choices.Count == 0)
        {
            return null;
        }

        // Points are compared by reference: a chosen point is one object on its curve.
        var chosen = choices.SelectMany(c => c.Choices).Select(c => c.Point).ToHashSet(ReferenceEqualityComparer.Instance);
        var lines = choices[0].Choices.Take(Charted).Select(c => new ChartLine(
            SetupLabels.Describe(c.Plan),
            c.Curve.Points.Select(p => new ChartPoint(p.UserTokensPerSecond, p.ThroughputPerGpu, PointText(c.Plan, p), chosen.Contains(p))).ToList())).ToList();
        var plans = lines.Count == 1 ? "the plan that meets" : "the " + lines.Count.ToString(CultureInfo.InvariantCulture) + " plans that meet";
        var description = "Throughput per GPU against tokens per second each user receives, for " + plans + " the " + choices[0].Target.Label.ToLowerInvariant()
            + " target most cheaply, at 1 to 512 concurrent users; ringed points are the plans chosen under each target. Both axes are logarithmic.";
        return SvgCharts.LogLines("frontier-" + model.Id.Value, "Throughput-latency frontier of " + model.Name, description, "Tokens per second per user", "Tokens per second per GPU", lines);
    }

    /// <summary>
    /// An accelerator page's chart: each reference model's cheapest plan on this accelerator under the first target
    /// (or its smallest plan when none meets it), drawn over every concurrency. Null when no reference model runs here.
    /// </summary>
    public static GpuFrontierView? GpuChart(SiteModel site, GpuData gpu)
    {
        var a = site.Assumptions;
        if (gpu.Rental.Count == 0 || gpu.Compute is null)
        {
            return null;
        }

        var target = a.LatencyTargets.FirstOrDefault();
        var lines = new List<ChartLine>();
        var rows = new List<GpuFrontierRow>();
        foreach (var id in site.Catalog.Data.Site.ReferenceModels)
        {
            if (!site.Catalog.TryGetModel(id, out var model))
            {
                continue;
            }

            // Every plan's curve once: the choice is read from them, and the smallest plan stands in when none meets the target.
            var curves = Frontier.Curves(model, [gpu], a);
            var choice = target is null ? null : Frontier.Cheapest(curves, target).FirstOrDefault();
            var curve = choice?.Curve ?? curves.FirstOrDefault();
            if (curve is null)
            {
                continue;
            }

            rows.Add(new GpuFrontierRow(model, choice is null ? null : Row(choice), SetupLabels.Describe(curve.Plan)));
            lines.Add(new ChartLine(
                model.Name + ": " + curve.Plan.Count + " x " + Units.Name(curve.Plan.Precision).ToUpperInvariant() + ParallelPlan.Suffix(curve.Plan),
                curve.Points.Select(p => new ChartPoint(p.UserTokensPerSecond, p.ThroughputPerGpu, model.Name + ", " + PointText(curve.Plan, p), choice is not null && ReferenceEquals(p, choice.Point))).ToList()));
        }

        if (lines.Count == 0)
        {
            return null;
        }

        var description = "Throughput per " + CostEstimator.UnitName(gpu) + " against tokens per second each user receives on " + gpu.Name + ", for " + string.Join(", ", lines.Select(l => l.Label))
            + ", at 1 to 512 concurrent users" + (target is null ? "" : "; each model's plan is its cheapest under the " + target.Label.ToLowerInvariant() + " target, and the ringed point is where it meets it at the lowest cost")
            + ". Both axes are logarithmic.";
        var chart = SvgCharts.LogLines("frontier-" + gpu.Id.Value, "Throughput-latency frontier on " + gpu.Name, description, "Tokens per second per user", "Tokens per second per " + CostEstimator.UnitName(gpu), lines);
        return new GpuFrontierView(chart, target?.Label.ToLowerInvariant() ?? "", rows);
    }

    /// <summary>
    /// Every curve's points for the page's own-target form, fetched when a reader first asks (a few thousand numbers
    /// a model, a third of the page's bytes when they sat in it): accelerator, plan, and per concurrency
    /// [users, TTFT ms, ITL ms, tokens/s per GPU, USD per million output tokens] (per user is 1,000 / ITL). The same
    /// points the preset tables are chosen from, so a reader's target is answered by the same rule.
    /// </summary>
    private static string PointsJson(IReadOnlyList<FrontierCurve> curves)
    {
        // Written by hand: a model has a few thousand numbers, and the reflection serializer spent more time on them
        // than every estimate on the page. Every number round-trips: the form compares them with the reader's limits
        // and with each other, and four significant digits made ties (and limits met) the page's tables do not have,
        // so the form answered a preset target with another plan than the table above it.
        var json = new System.Text.StringBuilder("[");
        void N(double v) => json.Append(v.ToString("R", CultureInfo.InvariantCulture));
        for (var i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            json.Append(i == 0 ? "" : ",").Append("{\"gpu\":\"").Append(Encode(c.Plan.Gpu.Id.Value)).Append("\",\"plan\":\"").Append(Encode(SetupLabels.Describe(c.Plan))).Append("\",\"points\":[");
            for (var j = 0; j < c.Points.Count; j++)
            {
                var p = c.Points[j];
                json.Append(j == 0 ? "[" : ",[").Append(p.Concurrency).Append(',');
                N(p.TtftMs);
                json.Append(',');
                N(p.ItlMs);
                json.Append(',');
                N(p.ThroughputPerGpu);
                json.Append(',');
                if (p.UsdPerMillion is { } usd)
                {
                    N(usd);
                }
                else
                {
                    json.Append("null");
                }

                json.Append(']');
            }

            json.Append("]}");
        }

        return json.Append(']').ToString();
    }

    private static string Encode(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.Default).ToString();

    private static TargetRow Row(TargetChoice c) => new(
        c.Plan.Gpu,
        SetupLabels.Describe(c.Plan),
        Format.Int(c.Point.Concurrency),
        Format.Ms(c.Point.TtftMs),
        Format.Ms(c.Point.ItlMs),
        Format.TokensPerSecond(c.Point.UserTokensPerSecond),
        Format.TokensPerSecond(c.Point.ThroughputPerGpu),
        c.Point.UsdPerMillion is { } usd ? Format.Usd(usd) + " /M" : "n/a");

    private static string PointText(Setup plan, FrontierPoint p)
        => SetupLabels.Describe(plan) + " at " + Format.Int(p.Concurrency) + (p.Concurrency == 1 ? " user: " : " users: ") + Format.TokensPerSecond(p.UserTokensPerSecond) + " per user (ITL " + Format.Ms(p.ItlMs) + "), TTFT " + Format.Ms(p.TtftMs)
           + ", " + Format.TokensPerSecond(p.ThroughputPerGpu) + " per GPU" + (p.UsdPerMillion is { } usd ? ", " + Format.Usd(usd) + " per million output tokens" : "");
}
