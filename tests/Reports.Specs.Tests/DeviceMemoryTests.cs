using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>
/// Capacity is the memory the driver reports where it is sourced: a marketed "80 GB" is close to 80 GiB, and an engine
/// divides what CUDA or HIP says is there, not the marketing figure read as 10^9 bytes.
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
}
