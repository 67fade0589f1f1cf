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
    public void Llama_cpp_runs_on_two_backends_are_two_setups_and_the_catalogs_rocm_and_vulkan_pairs_do_not_group()
    {
        var vulkan = Copy("vulkan", 1) with { Engine = ServingEngine.Llamacpp, Backend = ComputeBackend.Vulkan };
        var hip = Copy("hip", 3) with { Engine = ServingEngine.Llamacpp, Backend = ComputeBackend.Hip };

        RepeatMeasurements.Find([vulkan, hip]).ShouldBeEmpty();
        RepeatMeasurements.Find([vulkan, Copy("vulkan-again", 3) with { Engine = ServingEngine.Llamacpp, Backend = ComputeBackend.Vulkan }]).ShouldNotBeEmpty();

        // The catalog measures Gemma 3 27B on a Ryzen AI Max on both backends: not one setup measured twice.
        var catalog = RepeatMeasurements.Find(CompiledCatalog.Data.Measurements);
        catalog.ShouldAllBe(g => g.Values.Select(v => v.Measurement.Backend).Distinct().Count() == 1);
        CompiledCatalog.Data.Measurements.Count(m => m.Model.Value == "gemma-3-27b" && m.Gpu.Value == "ryzen-ai-max-395" && m.Backend is not null).ShouldBeGreaterThanOrEqualTo(2);
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
