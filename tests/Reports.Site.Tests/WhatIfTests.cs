using System.Text.Json;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Tests;

/// <summary>The what-if grid is the estimator's own numbers: its default point is the model page's best setup.</summary>
public sealed class WhatIfTests
{
    [Fact]
    public void The_panel_opens_on_the_figures_the_page_prints_for_the_best_setup_for_every_model()
    {
        var site = new SiteModel(Reports.Specs.Catalog.Catalog.Compiled);
        var compared = 0;
        foreach (var model in site.Catalog.Models)
        {
            if (site.BestRecommendation(model.Id) is not { Latency.Speed: { TtftMs: { } ttft } speed } best)
            {
                continue;
            }

            var (path, json) = WhatIfGrid.File(site, model);
            path.ShouldBe(WhatIfGrid.PathFor(model.Id));
            using var index = JsonDocument.Parse(json);
            index.RootElement.GetProperty("prompts")[0].GetInt32().ShouldBe(site.Assumptions.PrimaryMix.InputTokens);
            index.RootElement.GetProperty("users")[0].GetInt32().ShouldBe(1);
            var precision = index.RootElement.GetProperty("precisions").EnumerateArray().Select(p => p.GetString()).ToList().IndexOf(Units.Name(best.Setup.Precision).ToUpperInvariant());
            var engine = index.RootElement.GetProperty("engines").EnumerateArray().Select(e => e.GetString()).ToList().IndexOf(Rendering.SetupLabels.EngineName(best.Setup.Engine));
            var grid = index.RootElement.GetProperty("gpus").EnumerateArray().Single(g => g.GetProperty("id").GetString() == best.Setup.Gpu.Id.Value);
            var row = grid.GetProperty("rows").EnumerateArray()
                .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())
                .Single(r => r[0] == best.Setup.Count && r[1] == precision && r[2] == 0 && r[3] == 0 && r[4] == engine);

            row[5].ShouldBe(1, model.Id.Value);
            row[8].ShouldBe(ttft.Value, ttft.Value * 0.006, model.Id.Value + " TTFT");
            if (ttft.Value >= 100)
            {
                // The page prints whole milliseconds from 100 up, and so must the panel: 1,175 ms on both, not 1,170 in one.
                Rendering.Format.Int(row[8]).ShouldBe(Rendering.Format.Int(ttft.Value), model.Id.Value + " TTFT as printed");
            }
            row[9].ShouldBe(speed.ItlMs.Value, speed.ItlMs.Value * 0.006, model.Id.Value + " ITL");
            row[10].ShouldBe(speed.DecodeTokensPerSecond.Value, speed.DecodeTokensPerSecond.Value * 0.006, model.Id.Value + " decode");
            compared++;
        }

        compared.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void The_frontier_points_file_answers_each_preset_target_with_the_plans_the_page_lists()
    {
        var site = new SiteModel(Reports.Specs.Catalog.Catalog.Compiled);
        var answered = 0;
        foreach (var model in site.Catalog.Models)
        {
            var view = TargetsSection.For(site, model);
            using var points = JsonDocument.Parse(view.PointsJson);
            if (points.RootElement.GetArrayLength() == 0)
            {
                view.Points.ShouldBeNull(model.Id.Value);
                continue;
            }

            view.Points.ShouldBe(TargetsSection.DataFileName);
            var curves = points.RootElement.EnumerateArray().Select(c => (
                Gpu: c.GetProperty("gpu").GetString()!,
                Plan: c.GetProperty("plan").GetString()!,
                Points: c.GetProperty("points").EnumerateArray().Select(p => p.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray()).ToList())).ToList();
            foreach (var (target, table) in site.Assumptions.LatencyTargets.Zip(view.Targets))
            {
                // The rule the reader's form runs (site.js): per accelerator the cheapest point meeting both limits; on a
                // tie the curve met first keeps it, unless the tie is on its own curve at more users.
                var best = new Dictionary<string, (string Gpu, string Plan, int Curve, double Users, double Usd)>();
                for (var c = 0; c < curves.Count; c++)
                {
                    foreach (var p in curves[c].Points.Where(p => p[1] <= target.TtftMs && p[2] <= target.ItlMs && !double.IsNaN(p[4])))
                    {
                        if (!best.TryGetValue(curves[c].Gpu, out var b) || p[4] < b.Usd || (p[4] == b.Usd && p[0] > b.Users && b.Curve == c))
                        {
                            best[curves[c].Gpu] = (curves[c].Gpu, curves[c].Plan, c, p[0], p[4]);
                        }
                    }
                }

                var chosen = best.Values.OrderBy(p => p.Usd).ThenBy(p => p.Gpu, StringComparer.Ordinal).ToList();
                chosen.Count.ShouldBe(table.Rows.Count + table.Hidden, model.Id.Value + " " + target.Id);
                foreach (var (row, point) in table.Rows.Zip(chosen))
                {
                    (row.Gpu.Id.Value, row.Plan, row.Users).ShouldBe((point.Gpu, point.Plan, Rendering.Format.Int(point.Users)), model.Id.Value + " " + target.Id);
                    answered++;
                }
            }
        }

        answered.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void More_users_at_once_never_lower_latency_and_a_setup_that_does_not_fit_carries_no_speed()
    {
        var site = new SiteModel(Reports.Specs.Catalog.Catalog.Compiled);
        var model = site.Catalog.Models.Single(m => m.Id.Value == "llama-3-1-70b");
        using var file = JsonDocument.Parse(WhatIfGrid.File(site, model).Json);
        var (noFit, checkedCurves) = (0, 0);
        foreach (var grid in file.RootElement.GetProperty("gpus").EnumerateArray())
        {
            var path = grid.GetProperty("id").GetString();
            var rows = grid.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
            noFit += rows.Count(r => r[5] == 0 && r.Length == 8);
            rows.ShouldAllBe(r => r[5] == 0 ? r.Length == 8 : r.Length == 13, path);
            foreach (var curve in rows.Where(r => r[5] == 1).GroupBy(r => (r[0], r[1], r[2], r[4])))
            {
                var byUsers = curve.OrderBy(r => r[3]).ToList();
                for (var i = 1; i < byUsers.Count; i++)
                {
                    byUsers[i][9].ShouldBeGreaterThanOrEqualTo(byUsers[i - 1][9] * 0.999, path + " ITL");
                    byUsers[i][11].ShouldBeGreaterThanOrEqualTo(byUsers[i - 1][11] * 0.999, path + " throughput");
                }

                checkedCurves++;
            }
        }

        noFit.ShouldBeGreaterThan(0);
        checkedCurves.ShouldBeGreaterThan(20);
    }

    [Fact]
    public void The_panel_offers_each_machine_engines_that_run_there_and_the_page_default_first_or_second()
    {
        var site = new SiteModel(Reports.Specs.Catalog.Catalog.Compiled);
        foreach (var gpu in site.Catalog.Gpus)
        {
            var engines = WhatIfGrid.EnginesFor(gpu);
            engines.ShouldContain(EngineChoice.For(gpu), gpu.Id.Value);
            if (!Units.IsApple(gpu))
            {
                engines.ShouldNotContain(ServingEngine.Mlx, gpu.Id.Value + ": MLX runs on Apple silicon only");
            }
        }
    }
}
