using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>
/// Capacity is the memory the driver reports where it is sourced: a marketed "80 GB" is close to 80 GiB, and an engine
/// divides what CUDA or HIP says is there, not the marketing figure read as 10^9 bytes. Each engine divides it its own way.
/// </summary>
public sealed class DeviceMemoryTests
{
    private static readonly Reports.Specs.Catalog.Catalog Catalog = Reports.Specs.Catalog.Catalog.Compiled;
    private static readonly Assumptions Assumptions = Assumptions.From(CompiledCatalog.Data);

    [Fact]
    public void Capacity_is_the_driver_reported_total_where_one_is_sourced_and_the_marketed_figure_otherwise()
    {
        var h100 = Catalog.Gpu(GpuIds.H100_sxm);
        h100.Memory.Value.ShouldBe(80);
        Units.MemoryBytes(h100).ShouldBe(85045477376d); // deviceQuery: 81106 MBytes
        Units.MemoryBytes(h100).ShouldBeGreaterThan(80 * Units.Gb * 1.06);

        // nvidia-smi and HIP print MiB.
        Units.MemoryBytes(Catalog.Gpu(GpuIds.B200)).ShouldBe(183359d * 1024 * 1024);
        Units.MemoryBytes(Catalog.Gpu(GpuIds.Mi300x)).ShouldBe(206141652992d);

        // ECC on GDDR takes its share: an RTX A6000 with ECC on reports less than its marketed 48 GB.
        Units.MemoryBytes(Catalog.Gpu(GpuIds.Rtx_a6000)).ShouldBeLessThan(48 * Units.Gb);

        var rtx4080 = Catalog.Gpu(GpuIds.Rtx_4080);
        rtx4080.DeviceMemory.ShouldBeNull();
        Units.MemoryBytes(rtx4080).ShouldBe(16 * Units.Gb);
    }

    [Fact]
    public void The_fit_cites_the_figure_it_divided()
    {
        var model = Catalog.Model(ModelIds.Llama_3_3_70b);
        var onH100 = FitEstimator.Fit(new Setup(model, Catalog.Gpu(GpuIds.H100_sxm), 1, Precision.Fp8, 8192, 1), Assumptions);
        var memory = onH100.Available.Inputs.Single(i => i.Name.StartsWith("GPU memory", StringComparison.Ordinal));
        (memory.Name, memory.Value, memory.Unit).ShouldBe(("GPU memory the driver reports", 85045477376d, "B"));
        memory.Source.ShouldContain("H100SXMx8_deviceQuery.py");
        onH100.Available.Value.ShouldBe(85045477376d * Assumptions.UsableShare(Catalog.Gpu(GpuIds.H100_sxm)));

        // 70 GB of FP8 weights fit in 90% of 85.0 GB; they would not have in 90% of 80.
        onH100.Fits.ShouldBeTrue();
        (onH100.Needed.Value / (80 * Units.Gb * Assumptions.UsableShare(Catalog.Gpu(GpuIds.H100_sxm)))).ShouldBeGreaterThan(1.0);
    }

    [Fact]
    public void TensorRT_LLM_takes_its_share_of_the_memory_the_weights_leave_and_vllm_its_share_of_all_of_it()
    {
        var h100 = Catalog.Gpu(GpuIds.H100_sxm);
        var vllm = new Setup(Catalog.Model(ModelIds.Llama_3_3_70b), h100, 1, Precision.Fp8, 8192, 1, EngineOverride: ServingEngine.Vllm);
        var trtllm = vllm with { EngineOverride = ServingEngine.Trtllm };
        var share = Assumptions.UsableShare(h100);
        var total = Units.MemoryBytes(h100);

        // 0.9 x 85.05 GB on vLLM; on TensorRT-LLM 72.0 GB of FP8 weights and workspace + 0.9 x the 13.05 GB they leave.
        var (needed, vllmUsable, _) = FitEstimator.Bytes(vllm, Assumptions);
        vllmUsable.ShouldBe(76.54e9, 0.01e9);
        var resident = needed - MemoryEstimator.KvBytesAt(vllm.Model, 8192, fp8Kv: false);
        resident.ShouldBe(72.0e9, 0.1e9);
        FitEstimator.Bytes(trtllm, Assumptions).Available.ShouldBe(83.74e9, 0.01e9);

        // Weights larger than the memory leave nothing to share: BF16's 141 GB on one card is 85.05 GB usable, not 141.
        FitEstimator.Bytes(trtllm with { Precision = Precision.Bf16 }, Assumptions).Available.ShouldBe(total);

        // 0.1 x 72.0 GB = 7.2 GB more KV cache on TensorRT-LLM than on vLLM: about 2.7 more 8K-token sequences.
        var perSequence = MemoryEstimator.KvBytesAt(vllm.Model, 8192, fp8Kv: false);
        var more = SpeedEstimator.LargestBatch(trtllm, 8192, Assumptions) - SpeedEstimator.LargestBatch(vllm, 8192, Assumptions);
        more.ShouldBeGreaterThan(0);
        Math.Abs(more - ((1 - share) * resident / perSequence)).ShouldBeLessThanOrEqualTo(1.0);
        FitEstimator.Fit(trtllm, Assumptions).Available.Assumptions.ShouldContain(a => a.Contains("TensorRT-LLM", StringComparison.Ordinal));
        FitEstimator.Fit(vllm, Assumptions).Available.Assumptions.ShouldBeEmpty();

        // A unified-memory machine is held to what its OS lets the GPU wire, whatever the engine.
        var spark = trtllm with { Gpu = Catalog.Gpu(GpuIds.Dgx_spark), Precision = Precision.Fp8 };
        FitEstimator.Bytes(spark, Assumptions).Available.ShouldBe(FitEstimator.Bytes(spark with { EngineOverride = ServingEngine.Vllm }, Assumptions).Available);
    }
}
