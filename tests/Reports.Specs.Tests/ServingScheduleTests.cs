using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>Requests arriving spread out at a server that is busy with others.</summary>
public sealed class ServingScheduleTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);
    private static readonly Setup Setup = new(Data.Models.Single(m => m.Id.Value == "llama-3-1-8b"), Data.Gpus.Single(g => g.Id.Value == "h100-sxm"), 1, Precision.Fp8, 4096, 1);

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    public void A_prompt_waits_on_average_half_of_the_step_in_flight_and_at_one_user_nothing_is_in_flight(int users)
    {
        var point = ServingSchedule.AtConcurrency(Setup, users, 1000, 300, Assumptions);
        var overhead = Assumptions.Speed.Shared.RequestOverheadMs * 1e-3;

        point.Batch.ShouldBe(users); // all admitted: nobody waits for a request to finish
        var wait = point.TtftSeconds!.Value - overhead - point.PrefillSeconds;
        wait.ShouldBe((users - 1.0) / users * point.DecodeStep.Total / 2, 1e-12);
    }

    [Fact]
    public void The_wait_is_part_of_every_request_so_throughput_counts_it()
    {
        var point = ServingSchedule.AtConcurrency(Setup, 64, 1000, 300, Assumptions);

        var lifetime = point.TtftSeconds!.Value + (299 * point.ItlSeconds);
        point.ThroughputTokensPerSecond.ShouldBe(64 * 300 / lifetime, 1e-6);
    }
}
