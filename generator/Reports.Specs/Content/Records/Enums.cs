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
