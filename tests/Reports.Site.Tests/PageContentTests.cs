using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Reports.Site.Pages;
using Reports.Specs.Content;

namespace Reports.Site.Tests;

/// <summary>Properties of the pages built from the real catalog.</summary>
public sealed class PageContentTests : IClassFixture<CatalogSite>
{
    private readonly CatalogSite _site;

    public PageContentTests(CatalogSite site) => _site = site;

    [Fact]
    public void Every_model_page_has_every_section_once()
    {
        var parser = new HtmlParser();
        foreach (var model in Reports.Specs.CompiledCatalog.Data.Models)
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "models", model.Id.Value, "index.html")));
            foreach (var id in ModelPage.SectionIds)
            {
                document.QuerySelectorAll("section#" + id).Length.ShouldBe(1, model.Id.Value + " #" + id);
            }

            document.QuerySelectorAll("h1").Length.ShouldBe(1);
        }
    }

    [Fact]
    public void No_two_recommendation_rows_share_speed_ttft_and_cost_unless_the_setups_match()
    {
        var parser = new HtmlParser();
        foreach (var model in Reports.Specs.CompiledCatalog.Data.Models)
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "models", model.Id.Value, "index.html")));
            var rows = document.QuerySelectorAll("section#recommendations tbody tr")
                .Select(r => (Setup: r.QuerySelector("th")!.TextContent, Cells: string.Join("|", r.QuerySelectorAll("td").Skip(2).Select(c => c.TextContent))))
                .ToList();
            rows.Select(r => r.Cells).Distinct().Count().ShouldBe(rows.Select(r => r.Setup).Distinct().Count(), model.Id.Value);
        }
    }

    [Fact]
    public void Cheapest_marks_one_current_price_among_two_or_more_and_every_old_price_or_offer_is_marked_stale()
    {
        var parser = new HtmlParser();
        var catalog = new Reports.Specs.Catalog.Catalog(Reports.Specs.CompiledCatalog.Data);
        var staleBefore = Reports.Specs.Catalog.PriceStanding.StaleBeforeOf(catalog.AsOf, catalog.Site.StaleAfterDays).ToString();
        var cheapestSeen = 0;
        foreach (var model in catalog.Models)
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "models", model.Id.Value, "index.html")));
            var rows = document.QuerySelectorAll("section#provider-pricing tbody tr").ToList();
            bool Has(AngleSharp.Dom.IElement row, string tag) => row.QuerySelectorAll("span.tag").Any(t => t.TextContent == tag);
            foreach (var row in rows)
            {
                var date = row.QuerySelector("time")!.GetAttribute("datetime")!;
                Has(row, "stale").ShouldBe(string.CompareOrdinal(date, staleBefore) < 0, model.Id.Value + " " + date);
            }

            var cheapest = rows.Where(r => Has(r, "cheapest")).ToList();
            if (cheapest.Count > 0)
            {
                cheapestSeen++;
                cheapest.Count.ShouldBe(1, model.Id.Value);
                Has(cheapest[0], "stale").ShouldBeFalse(model.Id.Value);
                rows.Count(r => !Has(r, "stale")).ShouldBeGreaterThanOrEqualTo(2, model.Id.Value);
            }
            else
            {
                rows.Count(r => !Has(r, "stale")).ShouldBeLessThan(2, model.Id.Value);
            }
        }

        cheapestSeen.ShouldBeGreaterThan(0);
        foreach (var gpu in catalog.Gpus.Where(g => g.Rental.Count > 0))
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "gpus", gpu.Id.Value, "index.html")));
            var rows = document.QuerySelectorAll("section#rental tbody tr").ToList();
            rows.Count.ShouldBe(gpu.Rental.Count, gpu.Id.Value);
            rows.Count(r => r.QuerySelectorAll("span.tag").Any(t => t.TextContent == "used for costs")).ShouldBe(1, gpu.Id.Value);
            rows.Count(r => r.QuerySelectorAll("span.tag").Any(t => t.TextContent == "stale"))
                .ShouldBe(gpu.Rental.Count(o => string.CompareOrdinal(o.Date.ToString(), staleBefore) < 0), gpu.Id.Value);
        }
    }

    [Fact]
    public void An_accelerator_page_shows_the_memory_the_driver_reports_beside_the_marketed_figure_where_it_is_sourced()
    {
        var parser = new HtmlParser();
        var catalog = new Reports.Specs.Catalog.Catalog(Reports.Specs.CompiledCatalog.Data);
        var withDriverTotal = 0;
        foreach (var gpu in catalog.Gpus)
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "gpus", gpu.Id.Value, "index.html")));
            var row = document.QuerySelectorAll("section#specs tr").SingleOrDefault(r => r.QuerySelector("th")?.TextContent == "Memory the driver reports");
            if (gpu.DeviceMemory is null)
            {
                row.ShouldBeNull(gpu.Id.Value);
                continue;
            }

            withDriverTotal++;
            var bytes = Reports.Specs.Estimators.Units.MemoryBytes(gpu);
            row.ShouldNotBeNull(gpu.Id.Value);
            row.QuerySelectorAll("td")[0].TextContent.ShouldStartWith(Reports.Site.Rendering.Format.Gb(bytes) + ", " + (bytes / Reports.Specs.Estimators.Units.Gib).ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture) + " GiB;", customMessage: gpu.Id.Value);
            row.QuerySelector("a.src")!.GetAttribute("href").ShouldBe(gpu.Sources.Single(source => source.Key == gpu.DeviceMemory.Src).Url, gpu.Id.Value);
        }

        withDriverTotal.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void No_comparison_page_shows_a_benchmark_delta_between_scores_measured_in_different_settings()
    {
        var parser = new HtmlParser();
        var catalog = Reports.Specs.CompiledCatalog.Data;
        var (deltas, refused) = (0, 0);
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_site.Output, "compare")))
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(folder, "index.html")));
            var models = document.QuerySelectorAll("section#architecture thead a").Select(a => a.GetAttribute("href")!.TrimEnd('/').Split('/')[^1]).ToList();
            foreach (var row in document.QuerySelectorAll("section#benchmarks tbody tr"))
            {
                var benchmark = catalog.Benchmarks.Single(b => b.Name == row.QuerySelector("th")!.TextContent);
                var score = (string model) => benchmark.Scores.FirstOrDefault(x => x.Model.Value == model);
                var (a, b) = (score(models[0]), score(models[1]));
                var delta = row.QuerySelectorAll("td")[2].TextContent;
                if (a is null || b is null)
                {
                    delta.ShouldBeEmpty();
                }
                else if (Reports.Specs.Estimators.ScoreSetting.Comparable(a, b))
                {
                    delta.ShouldBe((b.Value - a.Value).ToString("+0.#;-0.#;0", System.Globalization.CultureInfo.InvariantCulture), folder + " " + benchmark.Name);
                    deltas++;
                }
                else
                {
                    delta.ShouldBe("not comparable", folder + " " + benchmark.Name);
                    refused++;
                }
            }
        }

        // Both kinds occur in the catalog: the test would pass vacuously if either never did.
        deltas.ShouldBeGreaterThan(0);
        refused.ShouldBeGreaterThan(0);
        var maverick = File.ReadAllText(Path.Combine(_site.Output, "compare", "llama-3-1-405b-vs-llama-4-maverick", "index.html"));
        maverick.ShouldNotContain("-12.6");
    }

    [Fact]
    public void The_compare_picker_data_holds_the_figures_every_comparison_page_prints()
    {
        var parser = new HtmlParser();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_site.Output, "api", "compare.json")));
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        models.Count.ShouldBe(Reports.Specs.CompiledCatalog.Data.Models.Count);
        var index = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "compare", "index.html")));
        index.QuerySelectorAll("#pick-a option").Length.ShouldBe(models.Count);
        var listed = index.QuerySelectorAll("#pages tbody td:last-child a").Select(a => a.GetAttribute("href")!).ToHashSet();

        var checkedPairs = 0;
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(_site.Output, "compare")))
        {
            var slug = Path.GetFileName(folder);
            listed.ShouldContain("../compare/" + slug + "/");
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(folder, "index.html")));
            var ids = document.QuerySelectorAll("section#architecture thead a").Select(a => a.GetAttribute("href")!.TrimEnd('/').Split('/')[^1]).ToList();
            var (a, b) = (models[ids[0]], models[ids[1]]);
            var archRows = document.QuerySelectorAll("section#architecture tbody tr").ToList();
            for (var i = 0; i < archRows.Count; i++)
            {
                archRows[i].QuerySelectorAll("td")[0].TextContent.ShouldBe(a.GetProperty("architecture")[i].GetString());
                archRows[i].QuerySelectorAll("td")[1].TextContent.ShouldBe(b.GetProperty("architecture")[i].GetString());
            }

            var speedRows = document.QuerySelectorAll("section#speed tbody tr").ToList();
            if (speedRows.Count == 0)
            {
                continue;
            }

            // The picker's rule: the larger of the two FP8 minimum counts, read from each card.
            var n = Math.Max(a.GetProperty("min_fp8").GetInt32(), b.GetProperty("min_fp8").GetInt32()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (row, card) in new[] { (speedRows[0], a), (speedRows[1], b) })
            {
                var speed = card.GetProperty("speed").GetProperty(n);
                Visible(row.QuerySelectorAll("td")[0].QuerySelector(".est")!).ShouldBe(speed.GetProperty("decode").GetString(), slug);
                Visible(row.QuerySelectorAll("td")[1].QuerySelector(".est")!).ShouldBe(speed.GetProperty("ttft").GetString(), slug);
            }

            checkedPairs++;
        }

        checkedPairs.ShouldBeGreaterThan(100);
    }

    /// <summary>An estimate's text as it reads on screen: without its tier, which only screen readers hear.</summary>
    private static string Visible(AngleSharp.Dom.IElement estimate)
        => estimate.TextContent[..^(estimate.QuerySelector(".sr")?.TextContent.Length ?? 0)];

    [Fact]
    public void No_bar_chart_label_runs_off_the_left_edge_of_its_drawing()
    {
        var parser = new HtmlParser();
        var labels = 0;
        foreach (var model in Reports.Specs.CompiledCatalog.Data.Models)
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "models", model.Id.Value, "index.html")));
            foreach (var text in document.QuerySelectorAll("svg text.chart-label[text-anchor=end]"))
            {
                var x = double.Parse(text.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
                (x - (text.TextContent.Length * Reports.Site.Charts.SvgCharts.LabelCharWidth)).ShouldBeGreaterThanOrEqualTo(0, model.Id.Value + ": " + text.TextContent);
                labels++;
            }
        }

        labels.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Every_estimate_links_to_a_formula_that_exists_on_the_methodology_page()
    {
        var methodology = File.ReadAllText(Path.Combine(_site.Output, "methodology", "index.html"));
        var anchors = Regex.Matches(methodology, " id=\"([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(_site.Output, "*.html", SearchOption.AllDirectories))
        {
            foreach (Match link in Regex.Matches(File.ReadAllText(file), "methodology/#([a-z0-9-]+)\""))
            {
                anchors.ShouldContain(link.Groups[1].Value, file + " -> " + link.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void The_methodology_page_states_every_shared_speed_constant_as_fitted_and_the_ttfts_it_leaves_out()
    {
        var shared = Reports.Specs.CompiledCatalog.Data.Calibration!.Shared;
        var text = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "methodology", "index.html"))).Body!.TextContent;
        string N(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

        text.ShouldContain(N(shared.RequestOverheadMs) + " ms of fixed cost per request");
        text.ShouldContain(N(shared.AllreduceLatencyUs) + " µs of latency per all-reduce");
        text.ShouldContain(N(shared.MoeLayerOverheadUs) + " µs per step for each mixture-of-experts layer");

        // The TTFTs left out of the comparison are counted where the corpus is described.
        var waves = Reports.Specs.CompiledCatalog.Data.Measurements.Count(m => m.Arrivals == Reports.Specs.Content.ArrivalPattern.Waves && m.Concurrency > 1 && m.Results.TtftMs is not null);
        waves.ShouldBeGreaterThan(0);
        text.ShouldContain("The time to first token of " + waves + " measurements is not compared");
        var inProcess = Reports.Specs.CompiledCatalog.Data.Measurements.Count(m => m.Harness == Reports.Specs.Content.BenchmarkHarness.InProcess && m.Results.TtftMs is not null);
        inProcess.ShouldBeGreaterThan(0);
        text.ShouldContain("Nor is the time to first token of " + inProcess + " measurements whose benchmark called the engine in its own process");
    }

    [Fact]
    public void Faq_pages_carry_faqpage_json_ld_that_parses()
    {
        var html = File.ReadAllText(Path.Combine(_site.Output, "models", "llama-3-1-405b", "index.html"));
        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var document = System.Text.Json.JsonDocument.Parse(json);
        document.RootElement.GetProperty("@type").GetString().ShouldBe("FAQPage");
        document.RootElement.GetProperty("mainEntity").GetArrayLength().ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void Sitemap_lists_every_published_page_and_nothing_else()
    {
        var sitemap = File.ReadAllText(Path.Combine(_site.Output, "sitemap.xml"));
        var listed = Regex.Matches(sitemap, "<loc>https://llm-reports.example.org/(.*?)</loc>").Select(m => m.Groups[1].Value).ToHashSet();
        var pages = Directory.EnumerateFiles(_site.Output, "*.html", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_site.Output, f).Replace('\\', '/'))
            .Where(p => p != "404.html")
            .Select(p => p.EndsWith("index.html", StringComparison.Ordinal) ? p[..^"index.html".Length] : p)
            .ToHashSet();
        listed.ShouldBe(pages, ignoreOrder: true);
    }

    [Fact]
    public void Pages_load_nothing_from_other_hosts()
    {
        foreach (var file in Directory.EnumerateFiles(_site.Output, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(file);
            Regex.IsMatch(html, "<(script|link|img)[^>]+(src|href)=\"https?://(?!llm-reports.example.org)").ShouldBeFalse(file);
        }
    }

    [Fact]
    public void A_model_page_lists_each_published_figure_of_the_model_with_its_held_out_estimate_and_a_gpu_page_those_on_it()
    {
        var data = Reports.Specs.CompiledCatalog.Data;
        var heldOut = data.Calibration!.Rows.GroupBy(r => (r.Measurement, r.Metric)).ToDictionary(g => g.Key, g => g.First());
        var parser = new HtmlParser();
        var checkedEstimates = 0;
        foreach (var (page, measurements) in data.Models.Select(m => (Path.Combine("models", m.Id.Value), data.Measurements.Where(x => x.Model == m.Id).ToList()))
            .Concat(data.Gpus.Select(g => (Path.Combine("gpus", g.Id.Value), data.Measurements.Where(x => x.Gpu == g.Id).ToList()))))
        {
            var document = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, page, "index.html")));
            var rows = document.QuerySelectorAll("section#measured tbody tr").ToList();

            // One row per published figure, each linked to its measurement's source.
            var figures = measurements.Sum(m => (Reports.Specs.Estimators.Calibration.SystemThroughput(m) ?? m.Results.TotalTokensPerS) is null ? 0 : 1)
                + measurements.Sum(m => new[] { m.Results.TtftMs, m.Results.ItlMs, m.Results.DecodeTokensPerS, m.Results.PrefillTokensPerS }.Count(v => v is not null));
            rows.Count.ShouldBe(figures, page);
            rows.Select(r => r.QuerySelector("th a")!.TextContent).Distinct().Order(StringComparer.Ordinal)
                .ShouldBe(measurements.Select(m => m.Id.Value).Order(StringComparer.Ordinal), page);
            foreach (var row in rows)
            {
                var m = measurements.Single(x => x.Id.Value == row.QuerySelector("th a")!.TextContent);
                row.QuerySelector("th a")!.GetAttribute("href").ShouldBe(m.Source);
                var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
                if (cells[3].StartsWith("TTFT", StringComparison.Ordinal) && heldOut.TryGetValue((m.Id, "ttft"), out var ttft))
                {
                    cells[5].ShouldBe(Pages.MeasuredSection.Figure(ttft.HeldOut, "ms"), page + " " + m.Id.Value);
                    checkedEstimates++;
                }
            }
        }

        checkedEstimates.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void A_llama_cpp_measurement_names_its_backend_beside_the_engine_on_the_model_page()
    {
        var catalog = Reports.Specs.CompiledCatalog.Data;
        var llamacpp = Rendering.SetupLabels.Engine(catalog.Site, ServingEngine.Llamacpp);
        var vulkan = catalog.Measurements.First(m => m.Backend == ComputeBackend.Vulkan && m.EngineVersion is { Length: > 0 });
        Rendering.SetupLabels.Engine(catalog.Site, vulkan).ShouldBe(llamacpp + " (Vulkan)");
        Rendering.SetupLabels.Engine(catalog.Site, vulkan, withVersion: true).ShouldBe(llamacpp + " (Vulkan) " + vulkan.EngineVersion);
        Rendering.SetupLabels.Engine(catalog.Site, vulkan with { Backend = null }).ShouldBe(llamacpp);

        // Gemma 3 27B was measured on a Ryzen AI Max with both backends: its page tells the two runs apart.
        var page = File.ReadAllText(Path.Combine(_site.Output, "models", "gemma-3-27b", "index.html"));
        page.ShouldContain(llamacpp + " (Vulkan)");
        page.ShouldContain(llamacpp + " (ROCm/HIP)");
    }

    [Fact]
    public void Estimates_carry_the_band_of_their_kind_of_model_and_the_methodology_page_tables_every_kinds_band()
    {
        var byKind = Reports.Specs.CompiledCatalog.Data.Calibration!.HeldOutByKind;
        byKind.ShouldContain(h => h.Kind == ModelKind.Moe);
        byKind.ShouldContain(h => h.Kind == ModelKind.Dense);

        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "methodology", "index.html")));
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Held-out accuracy by kind of model");
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        rows.Count.ShouldBe(byKind.Count);
        rows.Select(r => r.QuerySelectorAll("td")[0].TextContent).Distinct().Order().ShouldBe(["dense", "mixture of experts"]);

        // A mixture of experts and a dense model quote their own kind's TTFT band.
        string TtftBand(string model) => System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(_site.Output, "models", model, "index.html")), "title=\"TTFT estimates[^\"]*\"").Value;
        TtftBand("deepseek-r1").ShouldContain("for mixture-of-experts models");
        TtftBand("llama-3-1-8b").ShouldContain("for dense models");
    }

    [Theory]
    [InlineData("TTFT", -0.42, "runs low")]
    [InlineData("Serving throughput", 0.25, "runs high")]
    [InlineData("TTFT", -0.15, null)]
    [InlineData("Single-user decode", -0.42, null)]
    public void A_band_names_the_side_its_estimates_lean_to_only_when_they_lean_a_fifth_or_more_one_way(string category, double bias, string? leaning)
    {
        var band = new HeldOutSummaryData { Category = category, Kind = ModelKind.Moe, Rows = 35, Sources = 8, Median = 0.42, P90 = 0.9, Bias = bias };

        Rendering.Format.Leaning(band).ShouldBe(leaning);
        var html = Rendering.Format.Band(band);
        if (leaning is null)
        {
            html.ShouldNotContain("runs ");
            html.ShouldNotContain("On average");
            Rendering.Format.BandText(band).ShouldBe("±42%");
        }
        else
        {
            html.ShouldContain("&plusmn;42%, " + leaning + "<span class=\"sr\">");
            html.ShouldContain(string.Format(System.Globalization.CultureInfo.InvariantCulture, "On average they were {0:0}% {1} the measurement.", Math.Abs(bias) * 100, bias < 0 ? "below" : "above"));
            Rendering.Format.BandText(band).ShouldBe("±42%, " + leaning);
            Rendering.Format.BandText(band, withLeaning: false).ShouldBe("±42%");
        }
    }

    [Fact]
    public void The_methodology_page_lists_every_setup_measured_more_than_once_with_each_figure_linked_to_its_source()
    {
        var groups = Reports.Specs.Estimators.RepeatMeasurements.Find(Reports.Specs.CompiledCatalog.Data.Measurements);
        groups.Count.ShouldBeGreaterThan(1);

        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "methodology", "index.html")));
        var heading = page.GetElementById("repeats").ShouldNotBeNull();
        heading.NextElementSibling!.TextContent.ShouldContain(groups.Count + " setups appear more than once");
        var rows = heading.NextElementSibling!.NextElementSibling!.QuerySelectorAll("tbody tr").ToList();
        rows.Count.ShouldBe(groups.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var links = rows[i].QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToList();
            links.ShouldBe(groups[i].Values.Select(v => v.Measurement.Source).ToList(), "row " + i);
            rows[i].QuerySelectorAll("td").Last().TextContent.ShouldBe((1 + groups[i].Spread).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x");
        }
    }

    [Fact]
    public void A_figure_tooltip_gives_its_formula_in_short_and_the_methodology_page_gives_it_in_full()
    {
        var parser = new HtmlParser();
        var longFormulas = Reports.Specs.Estimators.Formulas.All.Where(f => f.Summary is not null).ToList();
        longFormulas.Select(f => f.Id).ShouldContain("step.time");

        var methodology = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "methodology", "index.html")));
        foreach (var formula in longFormulas)
        {
            formula.Summary!.Length.ShouldBeLessThan(Math.Min(300, formula.Text.Length), formula.Id);
            var entry = methodology.GetElementById(formula.Id.Replace('.', '-'))!.NextElementSibling!;
            entry.TextContent.ShouldContain(formula.Text, Case.Sensitive, formula.Id);
            entry.TextContent.ShouldContain(formula.Summary, Case.Sensitive, formula.Id);
        }

        var model = parser.ParseDocument(File.ReadAllText(Path.Combine(_site.Output, "models", "llama-3-1-70b", "index.html")));
        var tooltips = model.QuerySelectorAll("span.est[title]").Select(e => e.GetAttribute("title")!).ToList();
        foreach (var formula in longFormulas.Where(f => f.Id is "step.time" or "serve.schedule"))
        {
            tooltips.ShouldContain(t => t.Contains(" = " + formula.Summary + "\n"), formula.Id);
            tooltips.ShouldNotContain(t => t.Contains(formula.Text), formula.Id);
        }
    }
}

/// <summary>The whole compiled catalog, built once into a temporary folder.</summary>
public sealed class CatalogSite : IDisposable
{
    private readonly TempFolder _temp = new();

    public CatalogSite()
    {
        Output = _temp["site"];
        var (code, _, stderr) = CliRunner.RunAsync("build", "--out", Output, "--templates", TestPaths.Templates).GetAwaiter().GetResult();
        if (code != 0)
        {
            throw new InvalidOperationException("catalog build failed: " + stderr);
        }
    }

    public string Output { get; }

    public void Dispose() => _temp.Dispose();
}
