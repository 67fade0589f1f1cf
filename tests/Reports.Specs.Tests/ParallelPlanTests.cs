using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>The plan a count of GPUs gets when a reader names only the count: TP in a node, stages across nodes.</summary>
public sealed class ParallelPlanTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    private static ModelData Model(string id) => Data.Models.Single(m => m.Id.Value == id);

    private static GpuData Gpu(string id) => Data.Gpus.Single(g => g.Id.Value == id);

    [Fact]
    public void A_group_inside_a_scale_up_domain_uses_its_links_and_never_the_network_between_servers()
    {
        // Trainium2: 16 chips per instance on NeuronLink (rate not sourced), 25 GB/s EFA per chip between instances.
        var trn2 = Gpu("trainium2");
        trn2.ScaleUp.ShouldNotBeNull().Bandwidth.ShouldBeNull();
        trn2.ScaleUp!.Domain.ShouldBe(16);
        StepModel.LinkBytesPerSecond(trn2, 16).ShouldBeNull();
        StepModel.LinkBytesPerSecond(trn2, 32).ShouldBe(Units.BytesPerSecond(trn2.ScaleOut!));

        // H200: NVLink within the eight-GPU server, the network beyond it.
        var h200 = Gpu("h200-sxm");
        StepModel.LinkBytesPerSecond(h200, 8).ShouldBe(Units.BytesPerSecond(h200.ScaleUp!.Bandwidth!));
        StepModel.LinkBytesPerSecond(h200, 16).ShouldBe(Units.BytesPerSecond(h200.ScaleOut!));
    }

    [Fact]
    public void Heads_the_count_does_not_divide_split_into_stages()
    {
        // Qwen2.5 7B has 28 heads: eight GPUs are two stages of TP4, not an invalid TP8.
        var plan = new Setup(Model("qwen2-5-7b"), Gpu("h100-sxm"), 8, Precision.Bf16, 8192, 1);
        (plan.TensorParallel, plan.PipelineStages).ShouldBe((4, 2));
        FitEstimator.Fit(plan, Assumptions).Valid.ShouldBeTrue();
    }

    [Fact]
    public void Llama_cpp_splits_a_count_into_one_stage_per_gpu_wherever_the_plan_is_decided()
    {
        // llama.cpp's default --split-mode layer: two RTX 4090s are two stages, not TP2, whether the reader names the
        // engine (estimate --engine llamacpp), the what-if panel picks it, or the smallest plan that fits is laid out.
        var on2 = new Setup(Model("llama-3-3-70b"), Gpu("rtx-4090"), 2, Precision.Int4, 8192, 1, EngineOverride: ServingEngine.Llamacpp);
        (on2.TensorParallel, on2.PipelineStages).ShouldBe((1, 2));
        ParallelPlan.Describe(on2).ShouldBe("layers split across 2 GPUs (PP2)");
        (on2 with { EngineOverride = ServingEngine.Vllm }).TensorParallel.ShouldBe(2);

        var tooFew = SetupReport.For(on2 with { Count = 1 }, SpeedMode.Latency, 1000, 300, Assumptions).SmallestPlan.ShouldNotBeNull();
        (tooFew.Count, tooFew.TensorParallel, tooFew.PipelineStages).ShouldBe((2, 1, 2));

        // A layer split is sequential at batch 1: each token crosses both cards, so it is slower than two cards' TP would be.
        var layerSplit = SpeedEstimator.Estimate(on2, SpeedMode.Latency, 1000, 300, Assumptions);
        var tensorSplit = SpeedEstimator.Estimate(on2 with { Stages = 1 }, SpeedMode.Latency, 1000, 300, Assumptions);
        layerSplit.ItlMs.Value.ShouldBeGreaterThan(tensorSplit.ItlMs.Value * 1.3);
    }

    [Fact]
    public void Tensor_parallelism_stays_inside_the_scale_up_domain()
    {
        var deepseek = Model("deepseek-v3"); // 128 heads: TP16 would divide them

        // An HGX H100 node is 8 GPUs on NVSwitch; 16 of them are two nodes, so two stages of TP8.
        var hgx = new Setup(deepseek, Gpu("h100-sxm"), 16, Precision.Fp8, 8192, 1);
        (hgx.TensorParallel, hgx.PipelineStages, ParallelPlan.Nodes(hgx)).ShouldBe((8, 2, 2));
        ParallelPlan.Describe(hgx).ShouldBe("2 nodes x 8 GPUs, tensor parallel (TP8 x PP2)");

        // GB200 NVL72's NVLink domain is 72 GPUs, so 16 of them stay one tensor-parallel group.
        var nvl72 = new Setup(deepseek, Gpu("gb200-per-gpu"), 16, Precision.Fp8, 8192, 1);
        (nvl72.TensorParallel, nvl72.PipelineStages).ShouldBe((16, 1));
    }

    [Fact]
    public void A_model_larger_than_a_node_gets_its_multi_node_plan()
    {
        // Llama 4 Maverick at BF16 is 800 GB: no 8 x H100 node holds it, two nodes do.
        var min = FitEstimator.MinGpus(Model("llama-4-maverick"), Gpu("h100-sxm"), Precision.Bf16, 8192, 1, Assumptions);
        min.ShouldNotBeNull().Count.ShouldBe(16);
    }

    [Fact]
    public void Pipelined_engines_keep_every_stage_busy()
    {
        // Llama 3.3 70B at FP8 fits one node; two nodes as TP8 x PP2 should serve about twice the tokens, not the same.
        var model = Model("llama-3-3-70b");
        var oneNode = new Setup(model, Gpu("h100-sxm"), 8, Precision.Fp8, 2000, 1, EngineOverride: ServingEngine.Vllm);
        var twoNodes = oneNode with { Count = 16 };
        twoNodes.PipelineStages.ShouldBe(2);

        // On the GPUs' own time: a step bound by the host's launches of prompt-carrying steps (the whole model's layers per
        // micro-batch pass, however many stages share them) gains nothing from a second stage at the same sequence cap.
        var gpuBound = Assumptions with { Speed = Assumptions.Speed with { Engines = Assumptions.Speed.Engines.ToDictionary(e => e.Key, e => e.Value with { PromptLayerOverheadUs = 0 }) } };
        var perGpuOne = ServingSchedule.Offline(oneNode, 1000, 1000, gpuBound).ThroughputTokensPerSecond / 8;
        var perGpuTwo = ServingSchedule.Offline(twoNodes, 1000, 1000, gpuBound).ThroughputTokensPerSecond / 16;
        (perGpuTwo / perGpuOne).ShouldBeInRange(0.7, 1.3);

        // llama.cpp's layer split runs its stages one after another: no micro-batches in flight.
        ParallelPlan.MicroBatches(twoNodes with { EngineOverride = ServingEngine.Llamacpp }).ShouldBe(1);
        ParallelPlan.MicroBatches(twoNodes).ShouldBe(2);
    }

    [Fact]
    public void Plans_past_one_node_need_a_sourced_network_between_nodes()
    {
        // The RTX 5090's data names no network between machines: 16 of them are not offered as one replica.
        var rtx = Gpu("rtx-5090");
        rtx.ScaleOut.ShouldBeNull();
        var fit = FitEstimator.Fit(new Setup(Model("llama-3-1-405b"), rtx, 16, Precision.Int4, 8192, 1), Assumptions);
        fit.Valid.ShouldBeFalse();
        fit.Problem!.ShouldContain("no sourced network between nodes");

        // The H100's InfiniBand is sourced, so two nodes of it are.
        FitEstimator.Reaches(Gpu("h100-sxm"), 16).ShouldBeTrue();
    }

    [Fact]
    public void Data_parallel_attention_stops_copying_the_latent_cache_and_copies_attention_weights_instead()
    {
        // DeepSeek's MLA latent is needed whole on every GPU of a tensor-parallel group: eight copies on eight GPUs.
        var tp = new Setup(Model("deepseek-v3"), Gpu("h200-sxm"), 8, Precision.Fp8, 3072, 1, EngineOverride: ServingEngine.Trtllm);
        var dp = tp with { ExpertParallel = 8, AttentionDataParallel = true };
        FitEstimator.KvReplication(tp).ShouldBe(8);
        FitEstimator.KvReplication(dp).ShouldBe(1);

        // The attention weights (about 17B of 671B parameters) are held by all eight GPUs instead of split.
        var extra = FitEstimator.ReplicatedWeightBytes(dp, Assumptions);
        (extra / 7 / 1e9).ShouldBeInRange(10, 30);

        // So the same GPUs hold several times the sequences: the large batches published max-throughput runs use.
        var tpBatch = SpeedEstimator.LargestBatch(tp, 3072, Assumptions);
        var dpBatch = SpeedEstimator.LargestBatch(dp, 3072, Assumptions);
        ((double)dpBatch / tpBatch).ShouldBeGreaterThan(4);
    }

    [Fact]
    public void Expert_parallelism_must_divide_the_experts_and_is_for_a_mixture_of_experts_only()
    {
        var dense = FitEstimator.Fit(new Setup(Model("llama-3-3-70b"), Gpu("h100-sxm"), 8, Precision.Fp8, 8192, 1, AttentionDataParallel: true), Assumptions);
        dense.Valid.ShouldBeFalse();
        dense.Problem!.ShouldContain("is dense");

        // Mixtral has 8 routed experts: EP8 is valid, EP16 over 16 GPUs would leave a GPU without a whole expert.
        var mixtral = Model("mixtral-8x7b");
        FitEstimator.ExpertsValid(new Setup(mixtral, Gpu("h100-sxm"), 8, Precision.Fp8, 8192, 1, ExpertParallel: 8)).ShouldBeTrue();
        FitEstimator.ExpertsValid(new Setup(mixtral, Gpu("gb200-per-gpu"), 16, Precision.Fp8, 8192, 1, ExpertParallel: 16)).ShouldBeFalse();
    }

    [Fact]
    public void A_prompt_under_data_parallel_attention_is_prefilled_by_one_replica_while_the_others_wait()
    {
        // Both spread the experts over the eight GPUs, so the busiest GPU's share of the routed rows is the same in both.
        var tp = new Setup(Model("deepseek-r1"), Gpu("h200-sxm"), 8, Precision.Fp8, 3072, 1, EngineOverride: ServingEngine.Trtllm, ExpertParallel: 8);
        var dp = tp with { AttentionDataParallel = true };

        // Decode alone: the same math either way, spread over the eight GPUs.
        var decode = StepLoad.Decode(1024, 2048);
        StepModel.Time(dp, decode, Assumptions).Compute.ShouldBe(StepModel.Time(tp, decode, Assumptions).Compute, 1e-9);

        // With prompts in the step, the replica that owns a prompt does its attention and dense math alone.
        var mixed = new StepLoad(1024, 2048, 1, 512, 1024, 1024);
        var extra = StepModel.Time(dp, mixed, Assumptions).Compute - StepModel.Time(tp, mixed, Assumptions).Compute;
        extra.ShouldBeGreaterThan(0.005); // seconds: several milliseconds a step on an H200 at FP8
        StepModel.RoutedActiveShare(Model("deepseek-r1").Architecture, 37e9).ShouldBeInRange(0.4, 0.7);
    }

    [Fact]
    public void Prompts_from_many_requests_in_one_step_spread_over_the_attention_replicas_and_one_prompt_does_not()
    {
        // Both spread the experts over the eight GPUs, so the busiest GPU's share of the routed rows is the same in both.
        var tp = new Setup(Model("deepseek-r1"), Gpu("h200-sxm"), 8, Precision.Fp8, 3072, 1, EngineOverride: ServingEngine.Sglang, ExpertParallel: 8);
        var dp = tp with { AttentionDataParallel = true };
        double Extra(StepLoad load) => StepModel.Time(dp, load, Assumptions).Compute - StepModel.Time(tp, load, Assumptions).Compute;

        // One 2,000-token prompt in the step: its replica works alone.
        var one = Extra(new StepLoad(64, 2100, 1, 2000, 2000));
        one.ShouldBeGreaterThan(0.005);

        // Four prompts' worth: the busiest replica carries a quarter of four prompts where an even split gives it an eighth,
        // against all of one prompt where an even split gives it an eighth: 4 x (1/4 - 1/8) / (1 - 1/8) of the single prompt's wait.
        var four = Extra(new StepLoad(64, 2100, 1, 8000, 2000));
        four.ShouldBe(one * 4 * (0.25 - 0.125) / 0.875, one * 0.01);

        // Eight or more prompts: every replica has its own, and the step costs what the evenly split math costs.
        Extra(new StepLoad(64, 2100, 1, 16000, 2000)).ShouldBe(0, 1e-9);
        Extra(new StepLoad(64, 2100, 1, 40000, 2000)).ShouldBe(0, 1e-9);
    }

    [Fact]
    public void The_frontier_tries_data_parallel_attention_for_a_mixture_of_experts_only()
    {
        var moe = Frontier.Plans(Model("deepseek-v3"), Gpu("h200-sxm"), Assumptions);
        moe.ShouldContain(p => p.AttentionDataParallel && p.ExpertParallel == p.TensorParallel && p.Count == 8);
        moe.Where(p => p.AttentionDataParallel).ShouldAllBe(p => p.PipelineStages == 1 && p.Count > 1);
        ParallelPlan.Suffix(moe.First(p => p.AttentionDataParallel && p.Count == 8)).ShouldBe(", DP8 + EP8");

        Frontier.Plans(Model("llama-3-3-70b"), Gpu("h200-sxm"), Assumptions).ShouldNotContain(p => p.AttentionDataParallel);
    }
}
