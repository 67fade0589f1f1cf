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
        accuracy.ShouldContain($"Scored against {all.Rows} published measurements from {all.Sources} sources");
        accuracy.ShouldContain($"the median error is {all.Median * 100:0}%");
        accuracy.ShouldContain("TTFT ");

        // The memory answer states both usable shares the fit uses.
        general.Single(q => q.Id == "memory-beyond-weights").Answer.ShouldContain($"{Site.Assumptions.UnifiedUsableMemoryFraction * 100:0}% of unified memory");
    }
}
