using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>
/// How requests meet a busy server: spread out, a prompt waits for the step in flight; sent in waves (a fixed-length
/// benchmark's clients starting together), they wait for each other's prompts.
/// </summary>
public sealed class ServingScheduleTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);
    private static readonly Setup Setup = new(Data.Models.Single(m => m.Id.Value == "llama-3-1-8b"), Data.Gpus.Single(g => g.Id.Value == "h100-sxm"), 1, Precision.Fp8, 4096, 1);

    [Fact]
    public void A_measured_server_runs_under_the_caps_it_was_launched_with_not_the_engines_defaults()
    {
        // tpu-recipes' Llama 3.3 70B server: --max-num-batched-tokens 512 --max-num-seqs 256.
        var m = Data.Measurements.Single(x => x.Id.Value == "tpu-recipes-llama-3-3-70b-8x-tpu-v6e-bf16-vllm-1000-1000-c64");
        (m.Caps!.MaxBatchedTokens, m.Caps.MaxSequences).ShouldBe((512, 256));
        var launched = Calibration.LaunchedCaps(m, ServingEngine.Vllm, Assumptions)!;
        (launched.MaxBatchedTokens, launched.MaxSequences, launched.Src).ShouldBe((512, 256, m.Source));

        var defaults = Setup with { Concurrency = 64 };
        var capped = defaults with { Caps = Assumptions.Caps(ServingEngine.Vllm) with { MaxBatchedTokens = 512, MaxSequences = 16 } };
        var atDefaults = ServingSchedule.AtConcurrency(defaults, 64, 3200, 800, Assumptions);
        var atCaps = ServingSchedule.AtConcurrency(capped, 64, 3200, 800, Assumptions);

        atDefaults.Batch.ShouldBe(64);
        atCaps.Batch.ShouldBe(16);
        atCaps.PrefillChunks.ShouldBeGreaterThan(atDefaults.PrefillChunks);
        ServingSchedule.Offline(capped, 3200, 800, Assumptions).Batch.ShouldBeLessThanOrEqualTo(16);

        // A measurement that states no caps runs at the engine's defaults.
        Calibration.LaunchedCaps(m with { Caps = null }, ServingEngine.Vllm, Assumptions).ShouldBeNull();
    }

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

    [Fact]
    public void A_short_prompt_takes_as_long_as_the_host_needs_to_launch_its_layers_on_a_gpu_but_not_on_a_tpu()
    {
        // 64 prompt tokens of an 8B model are a fraction of a millisecond of math on an H100: the host's launches set the step.
        var launch = StepModel.PromptLaunchSeconds(Setup, Assumptions);
        launch.ShouldBe(Setup.Model.Architecture.Layers * Assumptions.Speed.For(ServingEngine.Vllm, Setup.Gpu).PromptLayerOverheadUs * 1e-6, 1e-12);
        launch.ShouldBeGreaterThan(0.005);

        var onGpu = ServingSchedule.AtConcurrency(Setup, 1, 64, 256, Assumptions);
        onGpu.PrefillStep!.Value.Gpu.ShouldBeLessThan(launch / 2);
        onGpu.PrefillStep.Value.Total.ShouldBe(launch, 1e-12);
        onGpu.TtftSeconds!.Value.ShouldBe((Assumptions.Speed.Shared.RequestOverheadMs * 1e-3) + launch, 1e-9);

        // One user alone decodes in a captured graph: no launch wait in its steps.
        onGpu.DecodeStep.Total.ShouldBe(onGpu.DecodeStep.Gpu, 1e-12);

        // A TPU runs the prompt as a compiled graph: its step is the chip's own time.
        var tpu = Setup with { Gpu = Data.Gpus.Single(g => g.Id.Value == "tpu-v6e"), Precision = Precision.Bf16 };
        StepModel.PromptLaunchSeconds(tpu, Assumptions).ShouldBe(0);
        var onTpu = ServingSchedule.AtConcurrency(tpu, 1, 64, 256, Assumptions);
        onTpu.PrefillStep!.Value.Total.ShouldBe(onTpu.PrefillStep.Value.Gpu, 1e-12);
    }

    [Fact]
    public void Decode_steps_wait_for_the_launches_of_the_share_of_steps_that_carry_the_other_users_prompts()
    {
        // 16 users, 512-token prompts and 2,048-token outputs: 15 of 16 prompts per 2,048 steps land on the decode steps.
        var point = ServingSchedule.AtConcurrency(Setup, 16, 512, 2048, Assumptions);
        var share = point.DecodeLoad.ChunkStepShare;
        share.ShouldBe(15.0 / 2048, 1e-9);
        point.PrefillStep!.Value.LaunchWait.ShouldBeGreaterThan(0);
        point.DecodeStep.PromptWait.ShouldBe(share * point.PrefillStep.Value.LaunchWait, 1e-12);
        point.ItlSeconds.ShouldBe(point.DecodeStep.Gpu + point.DecodeStep.PromptWait, 1e-12);

        // Offline, one prompt arrives per sequence per output: batch / output of the steps carry one. With a host five times
        // slower than the fit, those steps wait for it, and the batch's throughput falls below the GPUs' own.
        Assumptions WithPromptCost(double us) => Assumptions with { Speed = Assumptions.Speed with { Engines = Assumptions.Speed.Engines.ToDictionary(e => e.Key, e => e.Value with { PromptLayerOverheadUs = us }) } };
        var slowHost = WithPromptCost(5 * Assumptions.Speed.For(ServingEngine.Vllm).PromptLayerOverheadUs);
        var offline = ServingSchedule.Offline(Setup, 512, 2048, slowHost);
        var wait = StepModel.PromptLaunchSeconds(Setup, slowHost) - offline.DecodeStep.Gpu;
        wait.ShouldBeGreaterThan(0);
        offline.DecodeStep.PromptWait.ShouldBe(Math.Min(1, offline.Batch / 2048) * wait, 1e-12);
        offline.ThroughputTokensPerSecond.ShouldBeLessThan(ServingSchedule.Offline(Setup, 512, 2048, WithPromptCost(0)).ThroughputTokensPerSecond * 0.99);
    }

    [Fact]
    public void Only_the_first_wave_of_a_long_run_is_a_burst_when_its_prompts_take_more_than_one_step()
    {
        // tpu-recipes' Llama 3.3 70B run: 3,000 requests of 1,000 tokens, 64 at a time, through a 512-token step budget.
        var m = Data.Measurements.Single(x => x.Id.Value == "tpu-recipes-llama-3-3-70b-8x-tpu-v6e-bf16-vllm-1000-1000-c64");
        m.Requests.ShouldBe(3000);
        var narrow = Setup with { Concurrency = 64, Caps = Assumptions.Caps(ServingEngine.Vllm) with { MaxBatchedTokens = 512 } };
        var burst = ServingSchedule.Burst(narrow, 64, 1000, 1000, Assumptions);
        var spread = ServingSchedule.AtConcurrency(narrow, 64, 1000, 1000, Assumptions);
        var run = ServingSchedule.BurstRun(narrow, 64, 1000, 1000, 3000, Assumptions);

        var waves = 3000 / 64.0;
        run.TtftSeconds!.Value.ShouldBe((burst.TtftSeconds!.Value + ((waves - 1) * spread.TtftSeconds!.Value)) / waves, 1e-9);
        run.TtftSeconds.Value.ShouldBeLessThan(burst.TtftSeconds.Value / 5);
        run.ThroughputTokensPerSecond.ShouldBeInRange(burst.ThroughputTokensPerSecond, spread.ThroughputTokensPerSecond);

        // A 4,096-token step holds four of the prompts: the later waves come back in fours, each four prefilled together, which
        // waits longer than one prompt alone and far less than the whole wave.
        var wide = narrow with { Caps = Assumptions.Caps(ServingEngine.Vllm) with { MaxBatchedTokens = 4096 } };
        var fours = ServingSchedule.AtConcurrency(wide, 64, 1000, 1000, Assumptions, together: 4);
        fours.PrefillStep!.Value.Gpu.ShouldBeGreaterThan(ServingSchedule.AtConcurrency(wide, 64, 1000, 1000, Assumptions).PrefillStep!.Value.Gpu * 2);
        var wideRun = ServingSchedule.BurstRun(wide, 64, 1000, 1000, 3000, Assumptions);
        var wideBurst = ServingSchedule.Burst(wide, 64, 1000, 1000, Assumptions);
        wideRun.TtftSeconds!.Value.ShouldBe((wideBurst.TtftSeconds!.Value + ((waves - 1) * fours.TtftSeconds!.Value)) / waves, 1e-9);

        // A wave that fits one step comes back whole: every wave is a burst. So is a run without a request count, or of one wave.
        ServingSchedule.BurstRun(narrow, 4, 100, 1000, 3000, Assumptions).ShouldBe(ServingSchedule.Burst(narrow, 4, 100, 1000, Assumptions));
        ServingSchedule.BurstRun(narrow, 64, 1000, 1000, null, Assumptions).ShouldBe(burst);
        ServingSchedule.BurstRun(narrow, 64, 1000, 1000, 64, Assumptions).ShouldBe(burst);
    }
}
