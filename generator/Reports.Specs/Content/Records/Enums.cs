namespace Reports.Specs.Content;

public enum ModelKind
{
    Dense,
    Moe,
}

public enum AttentionKind
{
    Mha,
    Gqa,
    Mqa,
    Mla,
}

public enum LocalAttentionKind
{
    Sliding,
    Chunked,
}

/// <summary>Token mixers with a fixed-size recurrent state per sequence instead of a KV cache.</summary>
public enum LinearMixerKind
{
    /// <summary>Gated DeltaNet linear attention (Qwen3-Next, Qwen3.5).</summary>
    GatedDeltanet,

    /// <summary>Mamba-2 state-space layer (Nemotron-H, Granite 4.0-H).</summary>
    Mamba2,
}

/// <summary>Encoders a multimodal model keeps in memory next to its text decoder.</summary>
public enum EncoderKind
{
    Vision,
    Audio,
}

/// <summary>Numeric formats weights (and KV caches) can be stored in.</summary>
public enum Precision
{
    Bf16,
    Fp16,
    Fp8,
    Int8,
    Int4,
    Mxfp4,
    Nvfp4,
}

/// <summary>Families of quantized checkpoint files an engine may or may not load.</summary>
public enum WeightFormat
{
    Fp8,
    Nvfp4,
    Mxfp4,
    Awq,
    Gptq,
    Gguf,
}

/// <summary>Serving engines the speed model has a profile for; other covers the rest.</summary>
public enum ServingEngine
{
    Vllm,
    Sglang,
    Trtllm,
    Llamacpp,
    Mlx,
    Other,
}

public enum TokenLengths
{
    Fixed,
    DatasetMean,
}

/// <summary>How a benchmark reaches the engine.</summary>
public enum BenchmarkHarness
{
    /// <summary>Requests go to the engine's HTTP server, as a user's would: each pays the server's share of the per-request cost.</summary>
    Server,

    /// <summary>
    /// The benchmark calls the engine in its own process (vLLM's LLM class, an engine's Python API): no HTTP server, API front end
    /// or streamed response, so its time to first token leaves out the part of the per-request cost those take.
    /// </summary>
    InProcess,
}

/// <summary>
/// The compute backend a llama.cpp build ran on. One build runs at very different speeds on each: on a Ryzen AI Max's
/// integrated GPU its Vulkan backend prefilled a BF16 Gemma 3 27B at 92 tokens/s and its ROCm (HIP) backend at 324.
/// </summary>
public enum ComputeBackend
{
    Cuda,
    Hip,
    Vulkan,
    Metal,
    Sycl,
    Cpu,
}

/// <summary>How a fixed-concurrency benchmark sends its requests.</summary>
public enum ArrivalPattern
{
    /// <summary>Each client sends its next request when its last one ends, and lengths vary, so arrivals spread out.</summary>
    Staggered,

    /// <summary>
    /// All clients start together with fixed lengths and ignore end-of-sequence, so they finish together and every
    /// wave's prompts arrive at once (vllm bench serve and sglang bench_serving on a fixed-length random dataset).
    /// </summary>
    Burst,

    /// <summary>
    /// All clients start together and ignore end-of-sequence, but each request draws its lengths from a range (InferenceX's
    /// random range ratio of 0.8), so the waves start as a burst and drift apart: neither steady arrivals nor fixed bursts.
    /// How long a first token waits depends on how far they have drifted, which the speed model does not follow, so these
    /// rows' TTFT is not compared when more than one client runs; their decode speed and throughput are, on the steady schedule.
    /// With one client each request starts when the last ends, and its TTFT is compared as any other.
    /// </summary>
    Waves,
}

public enum LatencyStatistic
{
    Mean,
    Median,
    P90,
    P99,
}

public enum SpeculationMethod
{
    Mtp,
    Eagle,
    Draft,
    Ngram,
}

/// <summary>How the accelerators of one scale-up domain talk to each other.</summary>
public enum ScaleUpKind
{
    Nvswitch,
    Nvlink,
    InfinityFabric,
    Ethernet,
    Pcie,
    Unified,

    /// <summary>Google's inter-chip interconnect: TPU chips linked to their torus neighbours.</summary>
    Ici,

    /// <summary>AWS NeuronLink between Trainium or Inferentia chips.</summary>
    Neuronlink,
}

/// <summary>The kind of chip an accelerator file describes.</summary>
public enum AcceleratorKind
{
    Gpu,

    /// <summary>Google's Tensor Processing Unit.</summary>
    Tpu,

    /// <summary>An AI accelerator that is neither a GPU nor a TPU: AWS Trainium and Inferentia, Intel Gaudi.</summary>
    Accelerator,
}

public enum GpuSegment
{
    Datacenter,
    Workstation,
    Consumer,
    Unified,
}

public enum MeasurementScenario
{
    Offline,
    Server,
    Latency,
}

/// <summary>The settings of a deployment plan a launch command carries; each engine's file names the flag for each one it takes.</summary>
public enum LaunchSetting
{
    /// <summary>The checkpoint: a Hugging Face repository, or a GGUF repository and quantization.</summary>
    Model,
    TensorParallel,
    PipelineParallel,

    /// <summary>Data-parallel ranks of one model instance (SGLang's --dp-size, vLLM's --data-parallel-size).</summary>
    DataParallel,

    /// <summary>
    /// The switch that makes a stage's attention data parallel inside its tensor-parallel group (SGLang's
    /// --enable-dp-attention; TensorRT-LLM's enable_attention_dp option). An engine without it (vLLM) runs data-parallel
    /// ranks of one GPU each, whose attention is data parallel by construction.
    /// </summary>
    DataParallelAttention,

    /// <summary>The expert-parallel size (SGLang's --ep-size, TensorRT-LLM's --ep_size).</summary>
    ExpertParallel,

    /// <summary>A switch that spreads the experts over every GPU of the instance (vLLM's --enable-expert-parallel: EP = TP x DP).</summary>
    EnableExpertParallel,
    ContextLength,

    /// <summary>The share of GPU memory the engine may use in all (vLLM's gpu-memory-utilization).</summary>
    MemoryFraction,

    /// <summary>The share of GPU memory for weights and the KV cache alone, activations left out (SGLang's mem-fraction-static).</summary>
    StaticMemoryFraction,
    KvCacheDtype,

    /// <summary>Quantize BF16 weights to FP8 while loading them (no FP8 checkpoint needed).</summary>
    Quantization,

    /// <summary>vLLM's one JSON argument for speculative decoding.</summary>
    SpeculativeConfig,
    SpeculativeAlgorithm,
    SpeculativeSteps,
    SpeculativeTopk,
    SpeculativeDraftTokens,

    /// <summary>Multi-node launches: the node count, this node's rank and where rank 0 listens (its value, if any, is the port after the address).</summary>
    Nodes,
    NodeRank,
    MasterAddress,

    /// <summary>A switch nodes other than rank 0 add (vLLM's --headless: no API server there).</summary>
    FollowerNode,

    /// <summary>llama.cpp: how many layers go to the GPUs, and how they are split between them.</summary>
    GpuLayers,
    SplitMode,

    /// <summary>TensorRT-LLM: the YAML file that carries the options its command line has no flag for (KV dtype, speculative decoding).</summary>
    ExtraOptions,
}
