using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>The engine a page assumes when a reader names none.</summary>
public static class EngineChoice
{
    /// <summary>
    /// MLX on Apple's machines, llama.cpp on the other unified-memory machines (DGX Spark, Ryzen AI Max+ 395: MLX does not
    /// run there, and every published measurement of them in the corpus is llama.cpp's), vLLM everywhere else: the most used
    /// engine for each.
    /// </summary>
    public static ServingEngine For(GpuData gpu) => gpu.Segment switch
    {
        GpuSegment.Unified when Units.IsApple(gpu) => ServingEngine.Mlx,
        GpuSegment.Unified => ServingEngine.Llamacpp,
        _ => ServingEngine.Vllm,
    };
}
