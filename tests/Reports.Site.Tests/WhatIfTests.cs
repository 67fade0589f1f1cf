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
            row[9].ShouldBe(speed.ItlMs.Value, speed.ItlMs.Value * 0.006, model.Id.Value + " ITL");
            row[10].ShouldBe(speed.DecodeTokensPerSecond.Value, speed.DecodeTokensPerSecond.Value * 0.006, model.Id.Value + " decode");
            compared++;
        }

        compared.ShouldBeGreaterThan(50);
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
}
