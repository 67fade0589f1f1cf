using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>
/// Which tensor rate a setup's weight math runs at: llama.cpp multiplies F16 and unpacked quantized weights with FP16
/// accumulation, which GeForce cards run at twice their FP32-accumulate (BF16) rate; the serving engines run each
/// format at its own rate.
/// </summary>
public sealed class MathRateTests
{
    private static readonly Reports.Specs.Catalog.Catalog Catalog = Reports.Specs.Catalog.Catalog.Compiled;
    private static readonly GpuData Rtx4090 = Catalog.Gpu(GpuIds.Rtx_4090);
    private static readonly GpuData H100Pcie = Catalog.Gpu(GpuIds.H100_pcie);
    private static readonly ModelData Llama8B = Catalog.Model(ModelIds.Llama_3_8b);

    private static Setup On(GpuData gpu, Precision precision, ServingEngine engine) => new(Llama8B, gpu, 1, precision, 1024, 1, EngineOverride: engine);

    [Fact]
    public void Llama_cpp_runs_f16_and_quantized_weights_at_the_fp16_rate_and_bf16_weights_at_the_bf16_rate()
    {
        var compute = Rtx4090.Compute!;
        compute.Fp16!.Value.ShouldBe(2 * compute.Bf16!.Value, 1.0);

        foreach (var precision in new[] { Precision.Fp16, Precision.Int4, Precision.Int8, Precision.Mxfp4 })
        {
            var peak = Units.DensePeak(On(Rtx4090, precision, ServingEngine.Llamacpp))!.Value;
            peak.Precision.ShouldBe("fp16", precision.ToString());
            peak.FlopsPerSecond.ShouldBe(compute.Fp16.Value * 1e12);
        }

        Units.DensePeak(On(Rtx4090, Precision.Bf16, ServingEngine.Llamacpp))!.Value.FlopsPerSecond.ShouldBe(compute.Bf16.Value * 1e12);
    }

    [Fact]
    public void The_serving_engines_keep_each_format_at_its_own_rate()
    {
        var compute = Rtx4090.Compute!;
        Units.DensePeak(On(Rtx4090, Precision.Bf16, ServingEngine.Vllm))!.Value.FlopsPerSecond.ShouldBe(compute.Bf16!.Value * 1e12);
        Units.DensePeak(On(Rtx4090, Precision.Fp8, ServingEngine.Vllm))!.Value.Precision.ShouldBe("fp8");

        // Weight-only INT4 unpacks to 16-bit math, at the BF16 rate on a serving engine.
        Units.DensePeak(On(Rtx4090, Precision.Int4, ServingEngine.Vllm))!.Value.Precision.ShouldBe("bf16");
    }

    [Fact]
    public void A_geforce_prompt_under_llama_cpp_computes_faster_at_f16_than_at_bf16_and_a_datacenter_part_does_not()
    {
        var a = Assumptions.From(Catalog.Data);
        var prompt = new StepLoad(1, 512, 1, 512, 512);
        double Compute(GpuData gpu, Precision precision) => StepModel.Time(On(gpu, precision, ServingEngine.Llamacpp), prompt, a).Compute;

        Compute(Rtx4090, Precision.Fp16).ShouldBeLessThan(Compute(Rtx4090, Precision.Bf16) * 0.75);
        Compute(H100Pcie, Precision.Fp16).ShouldBe(Compute(H100Pcie, Precision.Bf16), Compute(H100Pcie, Precision.Bf16) * 0.02);
    }
}
