using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>Estimators against the checked values in the shared FORMULAS.md and NOTES.md.</summary>
public sealed class EstimatorTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    private static ModelData Model(ModelId id) => Data.Models.Single(m => m.Id == id);

    private static GpuData Gpu(GpuId id) => Data.Gpus.Single(g => g.Id == id);

    [Theory]
    [InlineData(SpeedMode.Latency, 1, "Single-user decode", "Serving throughput")]
    [InlineData(SpeedMode.Latency, 16, "Batched decode", "Serving throughput")]
    [InlineData(SpeedMode.Offline, 1, "Batched decode", "Offline throughput")]
    public void Each_speed_carries_the_held_out_band_of_its_own_kind(SpeedMode mode, int concurrency, string decodeCategory, string throughputCategory)
    {
        var setup = new Setup(Model(new ModelId("llama-3-1-8b")), Gpu(new GpuId("h100-sxm")), 1, Precision.Fp8, 4096, concurrency);

        var speed = SpeedEstimator.Estimate(setup, mode, 1000, 300, Assumptions);

        (speed.DecodeTokensPerSecond.Band!.Category, speed.ItlMs.Band!.Category).ShouldBe((decodeCategory, decodeCategory));
        (speed.TtftMs?.Band?.Category).ShouldBe(mode == SpeedMode.Latency ? "TTFT" : null); // offline runs report no TTFT
        speed.ThroughputTokensPerSecond.Band!.Category.ShouldBe(throughputCategory);
        speed.ThroughputTokensPerSecond.Band.ShouldBe(Data.Calibration!.HeldOutByKind.Single(h => h.Category == throughputCategory && h.Kind == ModelKind.Dense));
        MemoryEstimator.Weights(setup.Model, Precision.Fp8, Assumptions).Band.ShouldBeNull("exact arithmetic has no error band");
    }

    [Fact]
    public void A_mixture_of_experts_carries_its_own_kinds_band_and_a_kind_without_enough_rows_falls_back_to_the_category()
    {
        var moe = SpeedEstimator.Estimate(new Setup(Model(new ModelId("deepseek-r1")), Gpu(new GpuId("h200-sxm")), 8, Precision.Fp8, 4096, 1), SpeedMode.Latency, 1000, 300, Assumptions);
        var dense = SpeedEstimator.Estimate(new Setup(Model(new ModelId("llama-3-1-70b")), Gpu(new GpuId("h200-sxm")), 8, Precision.Fp8, 4096, 1), SpeedMode.Latency, 1000, 300, Assumptions);

        (moe.TtftMs!.Band!.Kind, dense.TtftMs!.Band!.Kind).ShouldBe((ModelKind.Moe, ModelKind.Dense));
        moe.TtftMs.Band.Median.ShouldBeGreaterThan(dense.TtftMs.Band.Median);

        // Without a band of its own kind, a setup is given its category's.
        var categoryOnly = Assumptions with { HeldOutByKind = Data.Calibration!.HeldOutByKind.Where(h => h.Kind != ModelKind.Moe).ToList() };
        categoryOnly.Band("TTFT", ModelKind.Moe).ShouldBe(Data.Calibration.HeldOut.Single(h => h.Category == "TTFT"));
        categoryOnly.Band("TTFT", ModelKind.Dense)!.Kind.ShouldBe(ModelKind.Dense);
    }

    [Fact]
    public void A_kind_gets_a_band_only_with_enough_comparisons_from_enough_sources()
    {
        var m = Data.Measurements[0];
        CalibrationRow Row(int i, ModelKind kind, int sources) => new(m, "ttft", "ms", 100, 100 + i, "source-" + (i % sources), kind);
        var rows = Enumerable.Range(0, Calibration.MinKindRows).Select(i => Row(i, ModelKind.Moe, Calibration.MinKindSources))
            .Concat(Enumerable.Range(0, Calibration.MinKindRows - 1).Select(i => Row(i, ModelKind.Dense, Calibration.MinKindSources)))
            .Concat(Enumerable.Range(0, Calibration.MinKindRows).Select(i => Row(i, ModelKind.Dense, 1) with { Metric = "throughput" }))
            .ToList();

        var byKind = Calibration.SummarizeByKind(rows);

        // Dense: one row short in TTFT and one source in throughput, so neither has a band; all its rows together have one.
        // MoE: its TTFT rows, and the same rows as its "All".
        byKind.Select(s => (s.Category, s.Kind)).ShouldBe([("All", ModelKind.Dense), (rows[0].Category, ModelKind.Moe), ("All", ModelKind.Moe)]);
        byKind[0].Rows.ShouldBe((2 * Calibration.MinKindRows) - 1);
        byKind[1].Rows.ShouldBe(Calibration.MinKindRows);
        byKind[1].Median.ShouldBe(0.07, 1e-12);
    }

    [Theory]
    [InlineData("llama-3-1-8b", 131_072)]
    [InlineData("llama-3-1-70b", 327_680)]
    [InlineData("llama-3-1-405b", 516_096)]
    [InlineData("deepseek-v3", 70_272)]
    [InlineData("mixtral-8x22b", 229_376)]
    [InlineData("qwen2-5-72b", 327_680)]
    [InlineData("qwen3-235b-a22b", 192_512)]
    [InlineData("phi-3-mini", 393_216)]
    public void Kv_bytes_per_token_at_16_bit_match_the_reference(string id, double expected)
    {
        var model = Model(new ModelId(id));
        MemoryEstimator.KvPerToken(model).Value.ShouldBe(expected);
        MemoryEstimator.KvPerToken(model, fp8Kv: true).Value.ShouldBe(expected / 2);
    }

    [Theory]
    [InlineData("gemma-2-27b", 23.72)]    // 23 local (4,096) + 23 global layers
    [InlineData("gemma-3-27b", 10.41)]    // 52 local (1,024) + 10 global
    [InlineData("gpt-oss-120b", 4.50)]    // 18 sliding (128) + 18 full
    [InlineData("gpt-oss-20b", 3.00)]
    [InlineData("llama-4-scout", 7.12)]   // 36 chunked (8,192) + 12 global
    public void Window_aware_kv_at_131072_tokens_matches_the_reference(string id, double gib)
        => (MemoryEstimator.KvAtContext(Model(new ModelId(id)), 131_072).Value / Units.Gib).ShouldBe(gib, 0.005);

    [Fact]
    public void Llama_405b_weights_match_formulas_md()
    {
        var model = Model(ModelIds.Llama_3_1_405b);
        MemoryEstimator.Weights(model, Precision.Bf16, Assumptions).Value.ShouldBe(810e9);
        MemoryEstimator.Weights(model, Precision.Fp8, Assumptions).Value.ShouldBe(405e9);
        MemoryEstimator.Weights(model, Precision.Int4, Assumptions).Value.ShouldBe(405e9 * 4.125 / 8);
        (MemoryEstimator.Weights(model, Precision.Int4, Assumptions).Value / 1e9).ShouldBe(209, 0.5);
    }

    [Fact]
    public void A_published_checkpoint_beats_the_formula_and_says_so()
    {
        var weights = MemoryEstimator.Weights(Model(ModelIds.Gpt_oss_120b), Precision.Mxfp4, Assumptions);

        weights.Value.ShouldBe(60.8 * Units.Gib);
        weights.Tier.ShouldBe(Tier.Vendor);
        weights.Inputs.Single().Name.ShouldBe("Published checkpoint size");
    }

    [Fact]
    public void Llama_cpp_multiplies_fp4_weights_at_the_16_bit_rate_and_the_serving_engines_at_the_fp4_rate()
    {
        var model = Model(ModelIds.Gpt_oss_20b);
        var b200 = Gpu(GpuIds.B200);
        var vllm = new Setup(model, b200, 1, Precision.Mxfp4, 4096, 1, EngineOverride: ServingEngine.Vllm);
        var llamacpp = vllm with { EngineOverride = ServingEngine.Llamacpp };

        Units.DensePeak(vllm)!.Value.Precision.ShouldBe("fp4");
        // llama.cpp unpacks them to F16 and multiplies with FP16 accumulation (the same rate as BF16 on a datacenter part).
        Units.DensePeak(llamacpp)!.Value.Precision.ShouldBe("fp16");
        Units.DensePeak(llamacpp)!.Value.FlopsPerSecond.ShouldBe(Units.DensePeak(b200, Precision.Fp16)!.Value.FlopsPerSecond);

        // The same prompt, all else equal, is compute-bound and so takes longer where the math runs at the 16-bit rate.
        var prompt = new StepLoad(0, 4096, 1, 4096, 4096);
        StepModel.Time(llamacpp, prompt, Assumptions).Compute.ShouldBeGreaterThan(StepModel.Time(vllm, prompt, Assumptions).Compute);

        // DGX Spark's only sourced figure is its FP4 rate: llama.cpp's prompt speed there is not estimated at all.
        var spark = llamacpp with { Gpu = Gpu(GpuIds.Dgx_spark) };
        Units.DensePeak(spark).ShouldBeNull();
        Units.DensePeak(spark with { EngineOverride = ServingEngine.Vllm }).ShouldNotBeNull();
    }

    [Fact]
    public void Moe_memory_follows_total_parameters_and_speed_follows_active()
    {
        var maverick = Model(ModelIds.Llama_4_maverick);
        var setup = new Setup(maverick, Gpu(GpuIds.H100_sxm), 8, Precision.Bf16, 8192, 1);

        MemoryEstimator.Weights(maverick, Precision.Bf16, Assumptions).Value.ShouldBe(800e9);
        var read = SpeedEstimator.WeightBytesReadPerStep(setup, 1, Assumptions).Value;
        // One routed expert of 128 plus the shared parts: about 17B parameters at 2 bytes.
        (read / 1e9).ShouldBe(34.3, 1.0);
    }

    [Fact]
    public void A_moe_batch_reads_more_experts_than_one_token_but_never_more_than_all()
    {
        var mixtral = Model(ModelIds.Mixtral_8x7b);
        var setup = new Setup(mixtral, Gpu(GpuIds.H100_sxm), 1, Precision.Fp8, 4096, 1);
        var weights = MemoryEstimator.Weights(mixtral, Precision.Fp8, Assumptions).Value;

        var one = SpeedEstimator.WeightBytesReadPerStep(setup, 1, Assumptions).Value;
        var many = SpeedEstimator.WeightBytesReadPerStep(setup, 64, Assumptions).Value;
        (one / weights).ShouldBe(12.9 / 46.7, 0.01);
        many.ShouldBeGreaterThan(one);
        many.ShouldBeLessThanOrEqualTo(weights);
    }

    [Fact]
    public void Prompt_chunks_on_some_steps_read_fewer_experts_than_their_average_spread_over_every_step()
    {
        // Qwen3-30B-A3B: 128 experts, 8 per token. Two decoding users and, on average, 3.3 prompt tokens a step
        // that really arrive as one 1,000-token chunk on one step in 300.
        var a = Model(ModelIds.Qwen3_30b_a3b).Architecture;
        var load = new StepLoad(2, 1150, 1, 1000.0 / 300, 1000, 1000);
        load.ChunkStepShare.ShouldBe(1.0 / 300, 1e-12);

        var plain = StepModel.ReadFraction(a, 2);
        var chunked = StepModel.ReadFraction(a, 1002);
        StepModel.ReadFraction(a, load).ShouldBe((299.0 / 300 * plain) + (1.0 / 300 * chunked), 1e-12);
        StepModel.ReadFraction(a, load).ShouldBeLessThan(StepModel.ReadFraction(a, load.Tokens));

        // A dense model reads all of itself on every step either way; prompts that fill every step are not chunked.
        StepModel.ReadFraction(Model(ModelIds.Llama_3_1_8b).Architecture, load).ShouldBe(1);
        (load with { PrefillTokens = 2000 }).ChunkStepShare.ShouldBe(0);
    }


    [Fact]
    public void The_expected_largest_of_n_normal_draws_matches_its_known_values()
    {
        // E[max] of 2 standard normals is 1 / sqrt(pi); of 8, 1.4236; of 64, 2.3437 (order-statistics tables).
        StepModel.ExpectedMaximum(1).ShouldBe(0);
        StepModel.ExpectedMaximum(2).ShouldBe(1 / Math.Sqrt(Math.PI), 1e-3);
        StepModel.ExpectedMaximum(8).ShouldBe(1.4236, 1e-3);
        StepModel.ExpectedMaximum(64).ShouldBe(2.3437, 2e-3);

        // Past the table it keeps growing, slowly.
        StepModel.ExpectedMaximum(1024).ShouldBeGreaterThan(StepModel.ExpectedMaximum(256));
        StepModel.ExpectedMaximum(1024).ShouldBeLessThan(3.5);
    }

    [Fact]
    public void Experts_spread_over_gpus_make_the_busiest_one_read_and_multiply_more_than_the_average_at_small_batches()
    {
        // DeepSeek-R1: 256 routed experts, 8 per token. One token over EP8: 32 experts a GPU, one touched on average.
        var a = Model(new ModelId("deepseek-r1")).Architecture;
        var moe = a.Moe!;
        var one = StepModel.ReadImbalance(moe, 1, 8);
        var p = 8.0 / 256;
        one.ShouldBe((1 + (StepModel.ExpectedMaximum(8) * Math.Sqrt(32 * p * (1 - p)))) / (32 * p), 1e-9);
        one.ShouldBeInRange(2, 3);

        // More tokens touch more of every GPU's experts, so the spread matters less; one GPU, or slicing every expert, has none.
        StepModel.ReadImbalance(moe, 64, 8).ShouldBeLessThan(one);
        StepModel.ReadImbalance(moe, 100_000, 8).ShouldBe(1, 1e-6);
        StepModel.ReadImbalance(moe, 1, 1).ShouldBe(1);
        StepModel.RowImbalance(a, 4, 8).ShouldBeGreaterThan(StepModel.RowImbalance(a, 4096, 8));
        StepModel.RowImbalance(a, 4096, 8).ShouldBeInRange(1, 1.1);
        StepModel.RowImbalance(Model(ModelIds.Llama_3_1_8b).Architecture, 4, 8).ShouldBe(1);

        // The routed share read at one token: the average GPU's share times the busiest GPU's excess.
        var load = StepLoad.Decode(1, 0);
        var routed = StepModel.RoutedShare(a);
        StepModel.ReadFraction(a, load, 8).ShouldBe((1 - routed) + (routed * StepModel.ExpertsTouched(moe, 1) / 256 * one), 1e-12);

        // So a single user's step on EP8 takes longer than on TP8 alone, and a dense model's is the same either way.
        var h200 = Gpu(GpuIds.H200_sxm);
        var tp = new Setup(Model(new ModelId("deepseek-r1")), h200, 8, Precision.Fp8, 4096, 1);
        var ep = tp with { ExpertParallel = 8 };
        StepModel.Time(ep, load, Assumptions).Memory.ShouldBeGreaterThan(StepModel.Time(tp, load, Assumptions).Memory * 1.2);
        var llama = new Setup(Model(ModelIds.Llama_3_1_70b), h200, 8, Precision.Fp8, 4096, 1);
        StepModel.Time(llama with { ExpertParallel = 8 }, load, Assumptions).ShouldBe(StepModel.Time(llama, load, Assumptions));
    }

    [Fact]
    public void Mla_decodes_in_its_latent_space_and_attends_a_prompt_with_per_head_keys_and_values()
    {
        // DeepSeek-V3: 128 heads, latent 512, RoPE 64, QK no-RoPE 128, V 128, 61 full-attention layers.
        var a = Model(new ModelId("deepseek-v3")).Architecture;
        StepModel.AttentionFlopsPerQuery(a, 1000).ShouldBe(2.0 * 128 * ((2 * 512) + 64) * 61 * 1000);
        StepModel.AttentionFlopsPerQuery(a, 1000, prefill: true).ShouldBe(2.0 * 128 * (128 + 64 + 128) * 61 * 1000);

        // A model without MLA attends the same way in both.
        var llama = Model(ModelIds.Llama_3_1_8b).Architecture;
        StepModel.AttentionFlopsPerQuery(llama, 1000, prefill: true).ShouldBe(StepModel.AttentionFlopsPerQuery(llama, 1000));
    }

    [Fact]
    public void A_mac_is_not_offered_fp8_because_its_weights_would_load_as_bf16()
    {
        var model = Model(ModelIds.Llama_3_1_8b);
        var mac = Gpu(GpuIds.Apple_m4_max);
        mac.Compute?.Fp8.ShouldBeNull();

        var fp8 = FitEstimator.Fit(new Setup(model, mac, 1, Precision.Fp8, 8192, 1), Assumptions);
        fp8.Fits.ShouldBeFalse();
        fp8.Problem!.ShouldContain("MLX loads FP8 weights as BF16");
        FitEstimator.MinGpus(model, mac, Precision.Fp8, 8192, 1, Assumptions).ShouldBeNull();
        FitEstimator.Fit(new Setup(model, mac, 1, Precision.Bf16, 8192, 1), Assumptions).Fits.ShouldBeTrue();
        FitEstimator.Fit(new Setup(model, Gpu(GpuIds.H100_sxm), 1, Precision.Fp8, 8192, 1), Assumptions).Fits.ShouldBeTrue();

        // Every Mac in the catalog: INT4 fits the 8B model, FP8 is never offered at any count.
        var unified = CompiledCatalog.Data.Gpus.Where(g => g.Segment == GpuSegment.Unified && g.Compute?.Fp8 is null).ToList();
        unified.Count.ShouldBeGreaterThan(1);
        unified.ShouldAllBe(g => FitEstimator.MinGpus(model, g, Precision.Fp8, 8192, 1, Assumptions) == null);
        unified.ShouldAllBe(g => FitEstimator.MinGpus(model, g, Precision.Int4, 8192, 1, Assumptions) != null);
    }

    [Fact]
    public void Llama_405b_in_bf16_does_not_fit_on_8_h100_and_needs_16()
    {
        var model = Model(ModelIds.Llama_3_1_405b);
        var h100 = Gpu(GpuIds.H100_sxm);
        var eight = FitEstimator.Fit(new Setup(model, h100, 8, Precision.Bf16, 8192, 1), Assumptions);

        eight.Fits.ShouldBeFalse();
        eight.Grade.ShouldBe("no fit");
        eight.Problem.ShouldNotBeNull().ShouldContain("needs");
        FitEstimator.MinGpus(model, h100, Precision.Bf16, 8192, 1, Assumptions)!.Value.Count.ShouldBe(16);
        FitEstimator.MinGpus(model, h100, Precision.Fp8, 8192, 1, Assumptions)!.Value.Count.ShouldBe(8);
    }

    [Fact]
    public void Kv_is_replicated_when_gpus_outnumber_kv_heads_and_mla_latent_is_on_every_gpu()
    {
        FitEstimator.KvReplication(Model(ModelIds.Llama_3_1_405b).Architecture, 16).ShouldBe(2);
        FitEstimator.KvReplication(Model(ModelIds.Llama_3_1_405b).Architecture, 8).ShouldBe(1);
        FitEstimator.KvReplication(Model(ModelIds.Deepseek_v3).Architecture, 8).ShouldBe(8);
    }

    [Fact]
    public void Tensor_parallel_degree_must_divide_the_heads()
    {
        var scout = Model(ModelIds.Llama_4_scout); // 40 heads
        var fit = FitEstimator.Fit(new Setup(scout, Gpu(GpuIds.H100_sxm), 16, Precision.Bf16, 8192, 1, Stages: 1), Assumptions);

        fit.Valid.ShouldBeFalse();
        fit.Fits.ShouldBeFalse();
        fit.Problem.ShouldBe("tensor parallelism over 16 GPUs needs 16 to divide the 40 attention heads; splitting the layers into pipeline stages can span more GPUs");

        // The same 16 GPUs as two pipeline stages of TP8 are valid, and each stage keeps its own KV heads.
        var staged = FitEstimator.Fit(new Setup(scout, Gpu(GpuIds.H100_sxm), 16, Precision.Bf16, 8192, 1, Stages: 2), Assumptions);
        staged.Valid.ShouldBeTrue();
        staged.KvReplication.ShouldBe(1);

        // Named by count alone, 16 GPUs are laid out that way: the plan a two-node deployment runs.
        var byCount = new Setup(scout, Gpu(GpuIds.H100_sxm), 16, Precision.Bf16, 8192, 1);
        (byCount.TensorParallel, byCount.PipelineStages).ShouldBe((8, 2));
        FitEstimator.Fit(byCount, Assumptions).Valid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0.4, "excellent")]
    [InlineData(0.6, "good")]
    [InlineData(0.8, "moderate")]
    [InlineData(0.9, "tight")]
    [InlineData(0.99, "very tight")]
    [InlineData(1.01, "no fit")]
    public void Grades_follow_the_thresholds_in_site_yaml(double ratio, string grade)
        => FitEstimator.Grade(ratio, Assumptions.FitGrades).ShouldBe(grade);

    [Fact]
    public void Committed_calibration_is_what_a_fresh_run_of_calibrate_writes()
    {
        Data.Calibration.ShouldNotBeNull("content/calibration.yaml is missing: run " + CalibrationFile.Command);
        var fresh = CalibrationFile.Write(Calibrator.Recalibrate(Data, new ContentDate(2000, 1, 1), TestContext.Current.CancellationToken));
        CalibrationFile.Write(Data.Calibration).ShouldBe(fresh, "content/calibration.yaml is stale: run " + CalibrationFile.Command);
    }

    [Fact]
    public void A_measurement_new_to_the_corpus_is_scored_by_the_published_constants_before_any_fit_sees_it()
    {
        // A copy of a compared measurement under a new id and source: the committed constants, fitted on all rows,
        // estimate it exactly as they estimate the original (its "fitted" column), and nothing else is new.
        var calibration = Data.Calibration!;
        var original = calibration.Rows.First(r => r.Metric == "throughput");
        var measurement = Data.Measurements.Single(m => m.Id == original.Measurement);
        var copy = measurement with { Id = new MeasurementId("copy-of-" + measurement.Id.Value), Source = "https://example.org/new-source" };
        var withCopy = Data with { Measurements = new(Data.Measurements.Append(copy).ToArray()) };

        var scored = Calibrator.ScoreUnseen(withCopy, calibration);

        scored.ShouldNotBeEmpty();
        scored.ShouldAllBe(r => r.Measurement.Id == copy.Id);
        scored.Single(r => r.Metric == "throughput").Estimate.ShouldBe(original.Fitted, original.Fitted * 0.001);
        scored.Single(r => r.Metric == "throughput").Fold.ShouldBe("example.org/new-source");
        Calibrator.ScoreUnseen(Data, calibration).ShouldBeEmpty();
    }

    [Fact]
    public void Scored_unseen_rows_are_kept_from_run_to_run_until_their_measurement_leaves_the_corpus()
    {
        UnseenRowData Row(string id) => new() { Measurement = new MeasurementId(id), Metric = "itl", Category = "Single-user decode", Fold = "example.org", Measured = 10, Estimate = 12, Scored = new ContentDate(2026, 1, 2) };
        var previous = new CalibrationData { Unseen = new([Row("b"), Row("a")]) };
        var today = new ContentDate(2026, 12, 6);
        var scoredToday = new[] { new CalibrationRow(Data.Measurements[0], "itl", "ms", 20, 25, "example.net", ModelKind.Dense) };

        var next = CalibrationFile.Unseen(previous, scoredToday, new HashSet<MeasurementId> { new("a"), Data.Measurements[0].Id }, today);

        next.Select(u => u.Measurement.Value).ShouldBe(new[] { "a", Data.Measurements[0].Id.Value }.Order(StringComparer.Ordinal));
        next.Single(u => u.Measurement.Value == "a").Scored.ShouldBe(new ContentDate(2026, 1, 2));
        next.Single(u => u.Measurement == Data.Measurements[0].Id).ShouldBe(new UnseenRowData { Measurement = Data.Measurements[0].Id, Metric = "itl", Category = scoredToday[0].Category, Fold = "example.net", Measured = 20, Estimate = 25, Scored = today });
    }

    [Fact]
    public void A_row_is_scored_by_constants_its_own_source_did_not_train()
    {
        // Scale every measured value of one source by 5: if that source trained the constants that score it,
        // its held-out estimates would move towards the new values. They must not move at all.
        var run = Calibrator.Run(Data, Data.Site, TestContext.Current.CancellationToken);
        var fold = run.HeldOut.GroupBy(r => r.Fold).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var scaled = Data with
        {
            Measurements = new(Data.Measurements.Select(m => Calibration.FoldOf(m.Source) != fold ? m : m with { Results = Scale(m.Results, 5) }).ToArray()),
        };
        var rerun = Calibrator.Run(scaled, Data.Site, TestContext.Current.CancellationToken);

        var before = run.HeldOut.Where(r => r.Fold == fold).Select(r => r.Estimate).ToList();
        var after = rerun.HeldOut.Where(r => r.Fold == fold).Select(r => r.Estimate).ToList();
        before.ShouldNotBeEmpty();
        after.ShouldBe(before);

        // The same scaling does move the constants fitted on every row, so the test can tell the difference.
        rerun.Fitted.Where(r => r.Fold == fold).Select(r => r.Estimate).ShouldNotBe(run.Fitted.Where(r => r.Fold == fold).Select(r => r.Estimate));
    }

    [Fact]
    public void The_fixed_costs_of_a_first_token_are_fitted_within_every_single_user_ttft_they_are_part_of()
    {
        var (rows, _) = Calibration.Express(Data, Assumptions);
        var singleUser = Calibrator.SingleUserTtfts(rows);
        singleUser.Count.ShouldBeGreaterThan(5);
        singleUser.ShouldAllBe(r => (r.Measurement.Concurrency ?? 1) <= 1 && r.Measurement.Results.TtftMs > 0);

        // The committed constants: each such row's request cost plus its prompt step's host launch stays under what it measured.
        foreach (var row in singleUser)
        {
            var floorMs = Assumptions.Speed.Shared.RequestOverheadMs + (StepModel.PromptLaunchSeconds(row.Plans[0].Setup, Assumptions) * 1000);
            floorMs.ShouldBeLessThanOrEqualTo(row.Measurement.Results.TtftMs!.Value, row.Measurement.Id.Value);
        }

        Calibrator.FixedCostsFitMeasuredTtfts(singleUser, Assumptions.Speed, Assumptions).ShouldBeTrue();

        // Twice the request cost breaks the bound on the shortest of them (gpt-oss-120b on 8 x B200, 33.7 ms measured).
        var doubled = Assumptions.Speed with { Shared = Assumptions.Speed.Shared with { RequestOverheadMs = 2 * Assumptions.Speed.Shared.RequestOverheadMs } };
        Calibrator.FixedCostsFitMeasuredTtfts(singleUser, doubled, Assumptions).ShouldBeFalse();
    }

    private static MeasurementResults Scale(MeasurementResults r, double k) => r with
    {
        ThroughputTokensPerS = r.ThroughputTokensPerS * k,
        ThroughputPerGpuTokensPerS = r.ThroughputPerGpuTokensPerS * k,
        TotalTokensPerS = r.TotalTokensPerS * k,
        TtftMs = r.TtftMs * k,
        ItlMs = r.ItlMs * k,
        DecodeTokensPerS = r.DecodeTokensPerS * k,
        PrefillTokensPerS = r.PrefillTokensPerS * k,
    };

    [Theory]
    [InlineData("https://github.com/mlcommons/inference_results_v5.1/blob/abc/closed/NVIDIA/x.txt", "github.com/mlcommons/inference_results_v5.1")]
    [InlineData("\"https://github.com/NVIDIA/TensorRT-LLM/blob/c0ffee/docs/perf.md#h200\"", "github.com/nvidia/tensorrt-llm")]
    [InlineData("https://docs.nvidia.com/nim/benchmarking/llm/latest/performance.html", "docs.nvidia.com/nim")]
    [InlineData("https://example.org", "example.org")]
    public void Folds_are_publications(string url, string fold) => Calibration.FoldOf(url).ShouldBe(fold);

    [Fact]
    public void Every_measurement_is_compared_or_says_why_it_cannot_be()
    {
        var (rows, unexpressed) = Calibration.Express(Data, Assumptions);
        rows.Select(r => r.Measurement.Id.Value).Concat(unexpressed.Select(u => u.Measurement.Id.Value)).Order(StringComparer.Ordinal).ShouldBe(Data.Measurements.Select(m => m.Id.Value).Order(StringComparer.Ordinal));
        unexpressed.ShouldAllBe(u => u.Reason.Length > 10);

        var compared = Calibration.Compare(rows, Assumptions);
        compared.Select(r => r.Measurement.Id).Distinct().Count().ShouldBe(rows.Count);
        compared.ShouldAllBe(r => double.IsFinite(r.RelativeError));
    }

    [Fact]
    public void A_llama_cpp_run_split_by_rows_across_gpus_says_why_it_is_not_compared_and_the_same_run_split_by_layers_is_compared()
    {
        var rowSplit = Data.Measurements.Single(m => m.Id.Value == "llamacpp-xd-llama-2-70b-2x-rtx-4090-q4-0-494-1024");
        rowSplit.Engine.ShouldBe(ServingEngine.Llamacpp);
        rowSplit.Plan!.Tp.ShouldBe(2);
        var layerSplit = rowSplit with { Id = new MeasurementId("layer-split-copy"), Plan = null };

        var (rows, unexpressed) = Calibration.Express(Data with { Measurements = new([rowSplit, layerSplit]) }, Assumptions);

        unexpressed.Single().Measurement.ShouldBe(rowSplit);
        unexpressed.Single().Reason.ShouldContain("row split");
        var plan = rows.Single().Plans.ShouldHaveSingleItem().Setup;
        (plan.TensorParallel, plan.PipelineStages).ShouldBe((1, 2));
    }

    [Fact]
    public void A_run_whose_waves_drift_apart_is_compared_on_decode_and_throughput_but_not_on_ttft()
    {
        var (rows, _) = Calibration.Express(Data, Assumptions);
        var waves = rows.Single(r => r.Measurement.Id.Value == "trtllm-inferencex-deepseek-r1-8x-b200-fp8-1k-1k-c64");
        waves.Measurement.Arrivals.ShouldBe(ArrivalPattern.Waves);
        waves.Measurement.Results.TtftMs.ShouldNotBeNull();

        Calibration.Compare([waves], Assumptions).Select(r => r.Metric).Order().ShouldBe(["itl", "throughput"]);

        // The same run with arrivals the model follows is compared on its first token too.
        var steady = waves with { Measurement = waves.Measurement with { Arrivals = ArrivalPattern.Staggered } };
        Calibration.Compare([steady], Assumptions).Select(r => r.Metric).Order().ShouldBe(["itl", "throughput", "ttft"]);

        // One client has no waves: each request starts when the last one ends, and its first token is compared.
        var single = rows.Single(r => r.Measurement.Id.Value == "sglang-inferencex-deepseek-r1-8x-b200-fp8-1k-1k-c1");
        single.Measurement.Arrivals.ShouldBe(ArrivalPattern.Waves);
        Calibration.Compare([single], Assumptions).Select(r => r.Metric).Order().ShouldBe(["itl", "throughput", "ttft"]);
    }

    [Fact]
    public void A_run_that_called_the_engine_in_process_is_compared_on_decode_but_its_ttft_neither_compared_nor_bounding_the_fixed_costs()
    {
        var (rows, _) = Calibration.Express(Data, Assumptions);
        var served = rows.Single(r => r.Measurement.Id.Value == "gpustack-qwen3-8b-1x-h100-sxm-bf16-vllm-233-221-c1");
        served.Measurement.Harness.ShouldBe(BenchmarkHarness.Server);
        Calibration.Compare([served], Assumptions).Select(r => r.Metric).ShouldContain("ttft");
        Calibrator.SingleUserTtfts([served]).ShouldHaveSingleItem();

        var inProcess = served with { Measurement = served.Measurement with { Harness = BenchmarkHarness.InProcess } };
        Calibration.Compare([inProcess], Assumptions).Select(r => r.Metric).Order().ShouldBe(["itl", "throughput"]);
        Calibrator.SingleUserTtfts([inProcess]).ShouldBeEmpty();
        MeasuredFigures.Of(inProcess.Measurement).Single(f => f.Metric == "ttft").Label.ShouldBe("TTFT (mean, engine called in-process, no server)");
        MeasuredFigures.Of(served.Measurement).Single(f => f.Metric == "ttft").Label.ShouldBe("TTFT (mean)");
    }

    [Fact]
    public void Published_accuracy_rests_on_held_out_rows_only()
    {
        var calibration = Data.Calibration!;
        var all = calibration.HeldOut.Single(h => h.Category == "All");
        all.Rows.ShouldBe(calibration.Rows.Count);
        calibration.HeldOut.Where(h => h.Category != "All").Sum(h => h.Rows).ShouldBe(all.Rows);

        // The held-out median is recomputed from the held-out column, not the fitted one.
        var heldOutErrors = calibration.Rows.Select(r => Math.Abs((r.HeldOut - r.Measured) / r.Measured)).Order().ToList();
        all.Median.ShouldBe(Calibration.Quantile(heldOutErrors, 0.5), 0.001);
    }

    [Theory]
    [InlineData(0.5, 0.25)]
    [InlineData(0.9, 0.37)]
    [InlineData(0.0, 0.1)]
    [InlineData(1.0, 0.4)]
    public void Quantiles_interpolate_between_order_statistics(double q, double expected)
        => Calibration.Quantile([0.1, 0.2, 0.3, 0.4], q).ShouldBe(expected, 1e-12);

    [Fact]
    public void Costs_follow_the_median_dated_rental_offer()
    {
        var h100 = Gpu(GpuIds.H100_sxm);
        Assumptions.RentalPriceQuantile.ShouldBe(0.5);
        var prices = h100.Rental.Select(r => r.UsdPerHour).Order().ToList();
        prices.Count.ShouldBeGreaterThan(2);
        var rental = h100.Rental.First(r => r.UsdPerHour == prices[((prices.Count + 1) / 2) - 1]);
        CostEstimator.Rental(h100, Assumptions)!.Point.UsdPerHour.ShouldBe(rental.UsdPerHour);
        CostEstimator.Rental(h100, Assumptions)!.Low.UsdPerHour.ShouldBe(prices[0]);
        CostEstimator.Rental(h100, Assumptions)!.High.UsdPerHour.ShouldBe(prices[^1]);
        var month = CostEstimator.GpuCostPerMonth(h100, 2, Assumptions)!;

        month.Value.ShouldBe(rental.UsdPerHour * 2 * 730, 1e-9);
        var tokensPerSecond = new Estimate("t", 1000, "tokens/s", "decode.batch", [], [], Tier.Estimated);
        CostEstimator.SelfHostedPerMillionTokens(h100, 2, tokensPerSecond, Assumptions)!.Value
            .ShouldBe(rental.UsdPerHour * 2 / (1000 * 3600 * Assumptions.Utilization) * 1e6, 1e-9);
    }

    [Theory]
    [InlineData(1, 0.5, 0)]
    [InlineData(2, 0.5, 0)]
    [InlineData(3, 0.5, 1)]
    [InlineData(4, 0.5, 1)]
    [InlineData(7, 0.0, 0)]
    [InlineData(7, 1.0, 6)]
    [InlineData(10, 0.25, 2)]
    public void The_stated_rental_point_is_a_real_offer_by_nearest_rank(int count, double quantile, int index)
        => RentalRange.NearestRank(count, quantile).ShouldBe(index);

    [Fact]
    public void Api_costs_are_tokens_times_price()
    {
        var price = new PriceData { Input = 3, Output = 15, Date = new ContentDate(2026, 1, 1), Src = "x" };
        CostEstimator.ApiRequest(price, "P", "x", 1000, 300).Value.ShouldBe(0.003 + 0.0045, 1e-12);
        CostEstimator.ApiPer1000Requests(price, "P", "x", new RequestMixData { Label = "chat", InputTokens = 1000, OutputTokens = 300 }).Value.ShouldBe(7.5, 1e-9);
        CostEstimator.ApiMonthly(price, "P", "x", Assumptions).Value.ShouldBe(100e6 * ((0.75 * 3) + (0.25 * 15)) / 1e6, 1e-6);
    }

    [Fact]
    public void Every_estimate_names_a_known_formula_and_its_inputs()
    {
        var setup = new Setup(Model(ModelIds.Deepseek_v3), Gpu(GpuIds.H200_sxm), 8, Precision.Fp8, 8192, 4);
        var report = SetupReport.For(setup, SpeedMode.Latency, 2000, 500, Assumptions);
        var all = new[] { report.ParamsTotal, report.Weights, report.KvPerToken, report.Fit.Needed, report.Fit.Available, report.Speed!.DecodeTokensPerSecond, report.Speed.ItlMs, report.Speed.TtftMs!, report.Speed.ThroughputTokensPerSecond };

        foreach (var estimate in all)
        {
            Formulas.Text(estimate.FormulaId).ShouldNotBeNullOrWhiteSpace();
            estimate.Inputs.ShouldNotBeEmpty(estimate.Name);
            estimate.Inputs.ShouldAllBe(i => i.Source.Length > 0);
        }
    }
}

public sealed class SpeedGateTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    [Fact]
    public void The_published_catalog_passes_every_gate() => SpeedGates.Check(Data, Assumptions, "content").ShouldBeEmpty();

    [Fact]
    public void Constants_without_fixed_costs_give_a_sub_millisecond_itl_and_the_gate_refuses_it()
    {
        var free = new EngineConstants(0.98, 0.98, 0.98, 0, 0);
        var speed = new SpeedConstants(new SharedConstants(0, 0, 1, 0), Enum.GetValues<ServingEngine>().ToDictionary(e => e, _ => free), true);
        var problems = SpeedGates.Check(Data, Assumptions with { Speed = speed, MinStepMs = 0 }, "content");

        problems.ShouldContain(p => p.Id == DiagnosticIds.ImpossibleEstimate && p.Message.Contains("ITL") && p.Path == "content/data/models/llama-3-2-3b.yaml");
        problems.ShouldContain(p => p.Message.Contains("TTFT"));

        // Models are checked in parallel but reported in catalog order, so a failed build lists its problems the same way every time.
        var order = Data.Models.Select((m, i) => (Path: "content/data/models/" + m.Id.Value + ".yaml", i)).ToDictionary(x => x.Path, x => x.i);
        var reported = problems.Where(p => p.Id == DiagnosticIds.ImpossibleEstimate).Select(p => order[p.Path]).ToList();
        reported.Distinct().Count().ShouldBeGreaterThan(1);
        reported.ShouldBe(reported.Order().ToList());
        SpeedGates.Check(Data, Assumptions with { Speed = speed, MinStepMs = 0 }, "content").Select(p => p.Message).ShouldBe(problems.Select(p => p.Message));
    }

    [Fact]
    public void A_small_model_step_keeps_the_least_fixed_cost_and_says_so()
    {
        // Gemma 3 270M reads a third of a gigabyte per token: on a B200, with per-layer costs of 20 µs (within the range
        // the fits have given), its 18 layers' fixed costs alone would be well under a millisecond.
        var lean = Assumptions.Speed with { Engines = Assumptions.Speed.Engines.ToDictionary(e => e.Key, e => e.Value with { LayerOverheadUs = 20, PromptLayerOverheadUs = 0 }) };
        var assumptions = Assumptions with { Speed = lean };
        var setup = new Setup(Data.Models.Single(m => m.Id.Value == "gemma-3-270m"), Data.Gpus.Single(g => g.Id.Value == "b200"), 1, Precision.Fp8, 1300, 1);
        var step = StepModel.Time(setup, StepLoad.Decode(1, 1300), assumptions);
        step.Fixed.ShouldBe(assumptions.MinStepMs * 1e-3, 1e-12);
        step.Total.ShouldBeGreaterThan(assumptions.MinStepMs * 1e-3);

        var speed = SpeedEstimator.Estimate(setup, SpeedMode.Latency, 1000, 300, assumptions);
        speed.ItlMs.Inputs[0].From!.Inputs.ShouldContain(i => i.Source == "site.yaml: min_step_ms");

        // Without the floor the same constants give a step the ITL gate refuses.
        StepModel.Time(setup, StepLoad.Decode(1, 1300), assumptions with { MinStepMs = 0 }).Total.ShouldBeLessThan(1e-3);
    }

    [Fact]
    public void A_held_out_error_above_the_threshold_fails_the_build()
    {
        var calibration = Data.Calibration!;
        var worse = calibration with
        {
            HeldOut = new(calibration.HeldOut.Select(h => h.Category == "All" ? h with { Median = 0.9, Bias = -0.5 } : h).ToArray()),
        };
        var problems = SpeedGates.Check(Data with { Calibration = worse }, Assumptions, "content");

        problems.Count(p => p.Id == DiagnosticIds.HeldOutAccuracy && p.Path == "content/calibration.yaml").ShouldBe(2);
    }
}
