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
