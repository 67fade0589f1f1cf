using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>Requests sent in waves (a fixed-length benchmark's clients starting together) wait for each other's prompts.</summary>
public sealed class BurstArrivalTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);
    private static readonly Setup Setup = new(Data.Models.Single(m => m.Id.Value == "llama-3-1-8b"), Data.Gpus.Single(g => g.Id.Value == "h100-sxm"), 1, Precision.Fp8, 4096, 1);

    [Fact]
    public void A_wave_of_prompts_waits_longer_for_its_first_tokens_than_the_same_users_arriving_spread_out()
    {
        var burst = ServingSchedule.Burst(Setup, 64, 3200, 800, Assumptions);
        var spread = ServingSchedule.AtConcurrency(Setup, 64, 3200, 800, Assumptions);

        burst.Batch.ShouldBe(64);
        burst.TtftSeconds!.Value.ShouldBeGreaterThan(spread.TtftSeconds!.Value * 3);
        burst.ThroughputTokensPerSecond.ShouldBeLessThan(spread.ThroughputTokensPerSecond);
    }

    [Fact]
    public void The_mean_wait_grows_with_the_wave_as_its_prompts_queue_for_the_step_budget()
    {
        var overhead = Assumptions.Speed.Shared.RequestOverheadMs * 1e-3;
        var half = ServingSchedule.Burst(Setup, 32, 3200, 800, Assumptions).TtftSeconds!.Value - overhead;
        var full = ServingSchedule.Burst(Setup, 64, 3200, 800, Assumptions).TtftSeconds!.Value - overhead;

        (full / half).ShouldBeInRange(1.8, 2.1);
    }

    [Fact]
    public void Every_request_of_a_wave_ends_with_it_so_first_token_plus_output_is_the_wave()
    {
        var point = ServingSchedule.Burst(Setup, 16, 2000, 500, Assumptions);

        var wave = 16 * 500 / point.ThroughputTokensPerSecond;
        (point.TtftSeconds!.Value + (499 * point.ItlSeconds)).ShouldBe(wave, wave * 1e-9);
    }

    [Fact]
    public void A_single_user_is_not_a_burst()
    {
        var burst = ServingSchedule.Burst(Setup, 1, 1000, 300, Assumptions);
        var alone = ServingSchedule.AtConcurrency(Setup, 1, 1000, 300, Assumptions);

        burst.TtftSeconds!.Value.ShouldBe(alone.TtftSeconds!.Value, alone.TtftSeconds!.Value * 0.02);
        burst.ItlSeconds.ShouldBe(alone.ItlSeconds, alone.ItlSeconds * 0.02);
    }
}
