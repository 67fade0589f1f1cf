using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Specs.Catalog;

namespace Reports.Site.Tests;

/// <summary>The site-wide questions answer from the site's own assumptions and held-out table, not from prose that can drift.</summary>
public sealed class FaqTests
{
    private static readonly SiteModel Site = new(Catalog.Compiled);

    [Fact]
    public void The_accuracy_answer_quotes_the_held_out_table()
    {
        var general = Faq.General(Site);
        general.Select(q => q.Id).ShouldBe(["speed-terms", "accuracy", "memory-beyond-weights", "api-or-self-host"]);

        var all = Site.Assumptions.HeldOut!.Single(h => h.Category == "All");
        var accuracy = general.Single(q => q.Id == "accuracy").Answer;
        accuracy.ShouldContain($"Over {all.Rows} comparisons with published measurements from {all.Sources} sources");
        accuracy.ShouldContain($"the median error is {all.Median * 100:0}%");
        accuracy.ShouldContain("TTFT ");

        // Each kind of model's median, and the least certain kind of figure named from the table, not asserted in prose.
        var moe = Site.Assumptions.HeldOutByKind!.Single(h => h.Category == "All" && h.Kind == Reports.Specs.Content.ModelKind.Moe);
        var dense = Site.Assumptions.HeldOutByKind!.Single(h => h.Category == "All" && h.Kind == Reports.Specs.Content.ModelKind.Dense);
        accuracy.ShouldContain($"mixtures of experts {moe.Median * 100:0}% ({moe.Rows} comparisons), dense models {dense.Median * 100:0}% ({dense.Rows} comparisons)");
        var least = Site.Assumptions.HeldOut!.Where(h => h.Category != "All" && h.Category != "Prefill speed").MaxBy(h => h.Median)!;
        accuracy.ShouldContain((least.Category == "TTFT" ? "Time to first token" : least.Category) + " is the least certain");

        // The memory answer states both usable shares the fit uses.
        general.Single(q => q.Id == "memory-beyond-weights").Answer.ShouldContain($"{Site.Assumptions.UnifiedUsableMemoryFraction * 100:0}% of unified memory");
    }

    [Fact]
    public void A_models_speed_accuracy_answer_quotes_its_own_kinds_bands_and_which_way_its_ttfts_leaned()
    {
        var catalog = Site.Catalog;
        string Answer(string id) => Faq.For(Site, catalog.Models.Single(m => m.Id.Value == id)).Single(q => q.Id == "speed-accuracy").Answer;
        var a = Site.Assumptions;

        foreach (var (id, kind, noun) in new[] { ("deepseek-r1", Reports.Specs.Content.ModelKind.Moe, "mixture-of-experts models"), ("llama-3-1-8b", Reports.Specs.Content.ModelKind.Dense, "dense models") })
        {
            var answer = Answer(id);
            var ttft = a.Band("TTFT", kind)!;
            var decode = a.Band("Single-user decode", kind)!;
            answer.ShouldContain($"single-user decode estimates for {noun} were within {decode.Median * 100:0}% for half of {decode.Rows} comparisons");
            answer.ShouldContain($"time-to-first-token estimates for {noun} within {ttft.Median * 100:0}% ({ttft.Rows} comparisons)");
            answer.Contains("Those TTFT estimates ran", StringComparison.Ordinal).ShouldBe(Rendering.Format.Leaning(ttft) is not null, id);
            if (Rendering.Format.Leaning(ttft) is not null && ttft.Bias < 0)
            {
                answer.ShouldContain($"on average {-ttft.Bias * 100:0}% below the measurement, so expect a longer wait than this page shows");
            }
        }
    }
}
