using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>The engine a page assumes when a reader names none.</summary>
public static class EngineChoice
{
    /// <summary>MLX on Apple's unified-memory machines, vLLM everywhere else: the most used engine for each.</summary>
    public static ServingEngine For(GpuData gpu) => gpu.Segment == GpuSegment.Unified ? ServingEngine.Mlx : ServingEngine.Vllm;
}
