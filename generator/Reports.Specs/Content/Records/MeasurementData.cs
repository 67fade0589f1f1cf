namespace Reports.Specs.Content;

/// <summary>A published inference measurement: content/data/measurements/{id}.yaml.</summary>
public sealed record MeasurementData
{
    [Required]
    public MeasurementId Id { get; init; }

    [Required]
    public ModelId Model { get; init; }

    [Required]
    public GpuId Gpu { get; init; }

    [Required]
    [Min(1)]
    [Max(4096)]
    public int Count { get; init; }

    /// <summary>The weight format of the measured checkpoint.</summary>
    [Required]
    public Precision Precision { get; init; }

    /// <summary>The KV-cache format, when the source states it.</summary>
    public Precision? KvDtype { get; init; }

    /// <summary>The serving engine, as a profile the speed model knows.</summary>
    public ServingEngine? Engine { get; init; }

    /// <summary>The engine's version as the source prints it.</summary>
    public string? EngineVersion { get; init; }

    /// <summary>Engine, version and tool as the source names them.</summary>
    public string? Framework { get; init; }

    /// <summary>The parallel layout the source states.</summary>
    public MeasuredPlan? Plan { get; init; }

    public MeasuredSpeculation? Speculative { get; init; }

    /// <summary>The engine's batching limits as the source's launch command sets them; the engine's defaults where it sets none.</summary>
    public MeasuredCaps? Caps { get; init; }

    [Required]
    public MeasurementScenario Scenario { get; init; }

    [Min(1)]
    [Max(10_000_000)]
    public int? InputTokens { get; init; }

    [Min(1)]
    [Max(10_000_000)]
    public int? OutputTokens { get; init; }

    /// <summary>Whether the token counts are fixed per request or a dataset's mean.</summary>
    public TokenLengths Lengths { get; init; } = TokenLengths.Fixed;

    [Min(1)]
    [Max(1_000_000)]
    public int? Concurrency { get; init; }

    /// <summary>Whether a fixed concurrency's requests arrive spread out or in waves; burst only when the source's method shows it.</summary>
    public ArrivalPattern Arrivals { get; init; } = ArrivalPattern.Staggered;

    /// <summary>Requests the run sent in all (a benchmark's prompt count), when the source prints it: a burst run has requests / concurrency waves.</summary>
    [Min(1)]
    [Max(100_000_000)]
    public int? Requests { get; init; }

    /// <summary>What the latency figures are: mean, median or a percentile.</summary>
    public LatencyStatistic? Statistic { get; init; }

    /// <summary>Whether the requests went through the engine's server or the engine was called in-process.</summary>
    public BenchmarkHarness Harness { get; init; } = BenchmarkHarness.Server;

    /// <summary>llama.cpp's compute backend (CUDA, HIP, Vulkan, Metal, SYCL or CPU), when the source names it.</summary>
    public ComputeBackend? Backend { get; init; }

    /// <summary>Publication date, when the source gives one.</summary>
    public ContentDate? Date { get; init; }

    [Required]
    public ContentDate Verified { get; init; }

    [Required]
    [Url]
    public string Source { get; init; } = "";

    [Required]
    public MeasurementResults Results { get; init; } = new();

    public string? Note { get; init; }
}

public sealed record MeasurementResults
{
    /// <summary>Whole-system output tokens per second.</summary>
    [Min(0, Exclusive = true)]
    public double? ThroughputTokensPerS { get; init; }

    [Min(0, Exclusive = true)]
    public double? TtftMs { get; init; }

    [Min(0, Exclusive = true)]
    public double? ItlMs { get; init; }

    /// <summary>Output tokens per second per GPU, when that is what the source prints.</summary>
    [Min(0, Exclusive = true)]
    public double? ThroughputPerGpuTokensPerS { get; init; }

    /// <summary>Input plus output tokens per second, when that is all the source gives.</summary>
    [Min(0, Exclusive = true)]
    public double? TotalTokensPerS { get; init; }

    /// <summary>Per-user generation speed of one stream.</summary>
    [Min(0, Exclusive = true)]
    public double? DecodeTokensPerS { get; init; }

    /// <summary>Prompt-processing speed.</summary>
    [Min(0, Exclusive = true)]
    public double? PrefillTokensPerS { get; init; }

    public bool HasNone() => ThroughputTokensPerS is null && TtftMs is null && ItlMs is null && ThroughputPerGpuTokensPerS is null
                           && TotalTokensPerS is null && DecodeTokensPerS is null && PrefillTokensPerS is null;
}

/// <summary>Tensor, pipeline and expert parallel degrees of a measured deployment.</summary>
public sealed record MeasuredPlan
{
    [Min(1)]
    [Max(4096)]
    public int? Tp { get; init; }

    [Min(1)]
    [Max(4096)]
    public int? Pp { get; init; }

    [Min(1)]
    [Max(4096)]
    public int? Ep { get; init; }

    [Min(1)]
    [Max(4096)]
    public int? Dp { get; init; }

    public bool AttentionDp { get; init; }
}

/// <summary>Speculative decoding as measured: the method and how many tokens it drafts per step.</summary>
public sealed record MeasuredSpeculation
{
    [Required]
    public SpeculationMethod Method { get; init; }

    [Min(1)]
    [Max(64)]
    public int? Tokens { get; init; }

    /// <summary>Mean tokens accepted per verification step, when the source prints it.</summary>
    [Min(1)]
    [Max(65)]
    public double? AcceptanceLength { get; init; }
}

/// <summary>Batching limits a measured server was launched with.</summary>
public sealed record MeasuredCaps
{
    /// <summary>Tokens one step may carry (vLLM --max-num-batched-tokens, SGLang --chunked-prefill-size).</summary>
    [Min(1)]
    [Max(10_000_000)]
    public int? MaxBatchedTokens { get; init; }

    /// <summary>Sequences running at once (vLLM --max-num-seqs, SGLang --max-running-requests, TensorRT-LLM --max_batch_size).</summary>
    [Min(1)]
    [Max(1_000_000)]
    public int? MaxSequences { get; init; }
}
