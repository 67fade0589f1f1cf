using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>Setups measured more than once: which figures are the same setup's, and how far apart they lie.</summary>
public sealed class RepeatMeasurementTests
{
    private static readonly MeasurementData Server = CompiledCatalog.Data.Measurements.First(m => m.Scenario == MeasurementScenario.Server && m.Results.ThroughputTokensPerS is not null && m.Results.TtftMs is not null);

    private static MeasurementData Copy(string id, double throughputFactor) => Server with
    {
        Id = new MeasurementId(id),
        Results = Server.Results with { ThroughputTokensPerS = Server.Results.ThroughputTokensPerS * throughputFactor },
    };

    [Fact]
    public void Figures_of_the_same_setup_and_metric_form_a_group_with_their_spread_and_a_different_setup_does_not_join()
    {
        var again = Copy("again", 1.5);
        var moreGpus = Copy("more-gpus", 2) with { Count = Server.Count * 2 };

        var groups = RepeatMeasurements.Find([Server, again, moreGpus]);

        var throughput = groups.Single(g => g.Metric == "throughput");
        throughput.Values.Select(v => v.Measurement.Id).ShouldBe([again.Id, Server.Id]);
        throughput.Spread.ShouldBe(0.5, 1e-12);

        // The copies' TTFT is the original's: a group with no spread, listed after the wider one.
        var ttft = groups.Single(g => g.Metric == "ttft");
        ttft.Spread.ShouldBe(0, 1e-12);
        groups[0].ShouldBeSameAs(throughput);
        groups.ShouldAllBe(g => g.Values.All(v => v.Measurement.Id != moreGpus.Id));
    }

    [Fact]
    public void A_mean_and_a_median_latency_are_not_the_same_figure_but_their_throughputs_are()
    {
        var median = Copy("median", 1) with { Statistic = LatencyStatistic.Median };

        var groups = RepeatMeasurements.Find([Server with { Statistic = LatencyStatistic.Mean }, median]);

        groups.Select(g => g.Metric).ShouldBe(["throughput"]);
    }

    [Fact]
    public void The_summary_gives_the_median_distance_of_a_figure_from_its_setups_geometric_mean()
    {
        // Throughputs 1 and 4 (geometric mean 2: distances 0.5 and 1) and TTFTs equal (distances 0 and 0).
        var groups = RepeatMeasurements.Find([Server, Copy("four-times", 4)]);

        var summary = RepeatMeasurements.Summarize(groups)!;

        summary.Groups.ShouldBe(groups.Count);
        summary.Figures.ShouldBe(groups.Sum(g => g.Values.Count));
        summary.MaxSpread.ShouldBe(3, 1e-12);
        groups.Single(g => g.Metric == "throughput").Deviations().Order().ShouldBe([0.5, 1.0], tolerance: 1e-12);
        RepeatMeasurements.Summarize([]).ShouldBeNull();
    }
}
