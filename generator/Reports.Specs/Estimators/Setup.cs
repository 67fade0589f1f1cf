using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>A setup to evaluate: which model on how many of which GPU, at what precision and load.</summary>
/// <remarks>
/// <see cref="Count"/> is the GPUs of one replica: <see cref="PipelineStages"/> stages of
/// <see cref="TensorParallel"/> GPUs each. <see cref="Stages"/> null means the plan a deployment would use for
/// that count on its engine (<see cref="ParallelPlan.DefaultStages"/>): tensor parallel within a node and stages across
/// nodes, or one stage per GPU on llama.cpp, which splits layers.
/// A mixture of experts may shard its experts over <see cref="ExpertParallel"/> GPUs and, with
/// <see cref="AttentionDataParallel"/>, run attention as data parallel: each GPU of a stage keeps a full copy
/// of the attention weights and its own sequences' KV cache, instead of a slice of every sequence's.
/// <see cref="EngineOverride"/> null means the usual engine for the
/// accelerator (<see cref="EngineChoice.For"/>).
/// </remarks>
public sealed record Setup(
    ModelData Model,
    GpuData Gpu,
    int Count,
    Precision Precision,
    long ContextTokens,
    int Concurrency,
    bool Fp8Kv = false,
    ServingEngine? EngineOverride = null,
    int? Stages = null,
    Speculation? Speculative = null,
    int ExpertParallel = 1,
    bool AttentionDataParallel = false,
    EngineCaps? Caps = null)
{
    public ServingEngine Engine => EngineOverride ?? EngineChoice.For(Gpu);

    public int PipelineStages => Stages ?? ParallelPlan.DefaultStages(Model.Architecture, Gpu, Count, Engine);

    public int TensorParallel => Math.Max(1, Count / Math.Max(1, PipelineStages));
}
