using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>A routed expert multiplies only the rows a step sends it: with few rows its grouped multiply reaches a fraction of the engine's rate.</summary>
public sealed class ExpertRateTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly GpuData H200 = Data.Gpus.Single(g => g.Id.Value == "h200-sxm");
    private static readonly GpuData M3Ultra = Data.Gpus.Single(g => g.Id.Value == "apple-m3-ultra");
    private static readonly ModelData DeepSeek = Data.Models.Single(m => m.Id.Value == "deepseek-r1");

    private static Assumptions WithHalfRate(double rows)
    {
        var a = Assumptions.From(Data);
        return a with { Speed = a.Speed with { Shared = a.Speed.Shared with { ExpertHalfRateTokens = rows } } };
    }

    [Fact]
    public void An_expert_sent_m_rows_reaches_m_over_m_plus_the_half_rate_rows_and_a_dense_model_or_a_quantized_llama_cpp_model_its_full_rate()
    {
        var a = WithHalfRate(100);
        var moe = DeepSeek.Architecture.Moe!;

        // 3,200 tokens x 8 of 256 experts: 100 rows each, half the rate.
        (3200.0 * moe.ExpertsPerToken / moe.Experts).ShouldBe(100);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Vllm, Precision.Fp8, H200, 3200, a).ShouldBe(0.5, 1e-12);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Vllm, Precision.Fp8, H200, 32, a).ShouldBe(1.0 / 101, 1e-12);
        StepModel.ExpertRate(Data.Models.Single(m => m.Id.Value == "llama-3-1-70b").Architecture, ServingEngine.Vllm, Precision.Fp8, H200, 32, a).ShouldBe(1);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Vllm, Precision.Fp8, H200, 32, WithHalfRate(0)).ShouldBe(1);

        // llama.cpp multiplies a quantized layer's experts in one kernel, but 16-bit experts one at a time, except on Metal.
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Llamacpp, Precision.Int4, H200, 3200, a).ShouldBe(1);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Llamacpp, Precision.Mxfp4, H200, 3200, a).ShouldBe(1);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Llamacpp, Precision.Bf16, H200, 3200, a).ShouldBe(0.5, 1e-12);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Llamacpp, Precision.Fp16, H200, 3200, a).ShouldBe(0.5, 1e-12);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Llamacpp, Precision.Bf16, M3Ultra, 3200, a).ShouldBe(1);
        StepModel.ExpertRate(DeepSeek.Architecture, ServingEngine.Mlx, Precision.Bf16, M3Ultra, 3200, a).ShouldBe(1);
    }

    [Fact]
    public void A_compute_bound_moe_step_slows_by_its_routed_share_and_a_larger_batch_pays_less_per_token()
    {
        var setup = new Setup(DeepSeek, H200, 8, Precision.Fp8, 4096, 1, EngineOverride: ServingEngine.Trtllm);
        StepTime At(int sequences, double half) => StepModel.Time(setup, StepLoad.Decode(sequences, 2048), WithHalfRate(half));

        var full = At(256, 0);
        var tiled = At(256, 100);
        tiled.Compute.ShouldBeGreaterThan(full.Compute * 1.5);
        tiled.Memory.ShouldBe(full.Memory);

        // Per token, the math of 1,024 sequences costs less than that of 256: each expert gets four times the rows.
        (At(1024, 100).Compute / 1024).ShouldBeLessThan(tiled.Compute / 256);
    }
}
