using Reports.Specs.Content;
using Reports.Specs.Estimators;
using Reports.Specs.Recipes;

namespace Reports.Specs.Tests;

/// <summary>
/// Which engine a page assumes and which engines a command is written for: Apple's machines run MLX and llama.cpp, the other
/// unified-memory machines (DGX Spark, Ryzen AI Max+ 395) run Linux engines and never MLX.
/// </summary>
public sealed class EngineChoiceTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;

    private static GpuData Gpu(string id) => Data.Gpus.Single(g => g.Id.Value == id);

    private static EngineData Engine(string id) => Data.Engines.Single(e => e.Id.Value == id);

    [Theory]
    [InlineData("apple-m3-ultra", ServingEngine.Mlx)]
    [InlineData("apple-m4-max", ServingEngine.Mlx)]
    [InlineData("dgx-spark", ServingEngine.Llamacpp)]
    [InlineData("ryzen-ai-max-395", ServingEngine.Llamacpp)]
    [InlineData("h100-sxm", ServingEngine.Vllm)]
    [InlineData("rtx-4090", ServingEngine.Vllm)]
    public void A_page_assumes_the_engine_most_used_on_the_machine(string gpu, ServingEngine expected)
        => EngineChoice.For(Gpu(gpu)).ShouldBe(expected);

    [Fact]
    public void Only_apple_machines_count_as_apple_although_three_vendors_sell_unified_memory()
    {
        var unified = Data.Gpus.Where(g => g.Segment == GpuSegment.Unified).ToList();
        unified.Select(g => g.Vendor).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        unified.Where(Units.IsApple).ShouldAllBe(g => g.Vendor == "Apple");
        Units.IsApple(Gpu("dgx-spark")).ShouldBeFalse();
        Units.IsApple(Gpu("ryzen-ai-max-395")).ShouldBeFalse();
    }

    [Fact]
    public void Mlx_commands_are_written_for_apple_only_and_linux_engines_for_the_other_unified_machines()
    {
        LaunchCommands.RunsOn(Engine("mlx"), Gpu("apple-m3-ultra")).ShouldBeTrue();
        LaunchCommands.RunsOn(Engine("mlx"), Gpu("dgx-spark")).ShouldBeFalse();
        LaunchCommands.RunsOn(Engine("mlx"), Gpu("ryzen-ai-max-395")).ShouldBeFalse();
        LaunchCommands.RunsOn(Engine("vllm"), Gpu("apple-m3-ultra")).ShouldBeFalse();
        LaunchCommands.RunsOn(Engine("vllm"), Gpu("dgx-spark")).ShouldBeTrue();
        LaunchCommands.RunsOn(Engine("trtllm"), Gpu("dgx-spark")).ShouldBeTrue();
        LaunchCommands.RunsOn(Engine("trtllm"), Gpu("ryzen-ai-max-395")).ShouldBeFalse();
        LaunchCommands.RunsOn(Engine("llamacpp"), Gpu("ryzen-ai-max-395")).ShouldBeTrue();
    }

    [Fact]
    public void Fp8_is_refused_on_a_unified_machine_without_fp8_math_for_the_reason_that_holds_there()
    {
        var model = Data.Models.Single(m => m.Id.Value == "llama-3-1-8b");
        var a = Assumptions.From(Data);
        string? Why(string gpu) => FitEstimator.Fit(new Setup(model, Gpu(gpu), 1, Precision.Fp8, 4096, 1), a).Problem;

        Why("apple-m3-ultra").ShouldNotBeNull().ShouldContain("MLX loads FP8 weights as BF16");
        Why("dgx-spark").ShouldNotBeNull().ShouldContain("llama.cpp");
        Why("dgx-spark").ShouldNotBeNull().ShouldNotContain("MLX");
        Why("ryzen-ai-max-395").ShouldNotBeNull().ShouldNotContain("MLX");
    }
}
