namespace Reports.Specs.Content;

/// <summary>content/site.yaml: site settings and every assumption the estimators use.</summary>
public sealed record SiteData
{
    [Required]
    public string Title { get; init; } = "";

    [Required]
    public string Description { get; init; } = "";

    [Required]
    [Url]
    public string BaseUrl { get; init; } = "";

    public string Language { get; init; } = "en";

    /// <summary>Data whose <c>verified</c> date is older than this gives a warning.</summary>
    [Required]
    [Min(1)]
    public int StaleAfterDays { get; init; }

    [Required]
    public EquatableArray<AssumptionData> Assumptions { get; init; } = EquatableArray<AssumptionData>.Empty;

    public EquatableArray<RequestMixData> RequestMixes { get; init; } = EquatableArray<RequestMixData>.Empty;

    public EquatableArray<FitGradeData> FitGrades { get; init; } = EquatableArray<FitGradeData>.Empty;

    /// <summary>Latency targets a reader can pick (chat, agents, batch): recommendations under a target and the frontier chart mark them.</summary>
    public EquatableArray<LatencyTargetData> LatencyTargets { get; init; } = EquatableArray<LatencyTargetData>.Empty;

    /// <summary>Models every accelerator page charts the frontier of, so accelerators compare on the same workloads.</summary>
    public EquatableArray<string> ReferenceModels { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Each serving engine's default scheduling caps, from its documentation or source.</summary>
    public EquatableArray<EngineDefaultsData> Engines { get; init; } = EquatableArray<EngineDefaultsData>.Empty;
}

/// <summary>What an engine schedules at most per step when the operator sets nothing: the caps offline throughput runs into.</summary>
public sealed record EngineDefaultsData
{
    [Required]
    public ServingEngine Engine { get; init; }

    [Required]
    public string Label { get; init; } = "";

    /// <summary>Sequences decoded together at most (vLLM max_num_seqs, TensorRT-LLM max_batch_size).</summary>
    [Required]
    [Min(1)]
    [Max(1_000_000)]
    public int MaxSequences { get; init; }

    /// <summary>Tokens one forward step carries at most, decode and prefill chunks together.</summary>
    [Required]
    [Min(1)]
    [Max(10_000_000)]
    public int MaxBatchedTokens { get; init; }

    [Required]
    [Url]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>A named number the estimators use, printed on the methodology page with its reason.</summary>
public sealed record AssumptionData
{
    [Required]
    public string Id { get; init; } = "";

    [Required]
    public double Value { get; init; }

    [Required]
    public string Unit { get; init; } = "";

    [Required]
    public string Label { get; init; } = "";

    /// <summary>Why this value: the calibration point or convention behind it.</summary>
    [Required]
    public string Why { get; init; } = "";
}

public sealed record RequestMixData
{
    [Required]
    public string Id { get; init; } = "";

    [Required]
    public string Label { get; init; } = "";

    [Required]
    [Min(1)]
    public int InputTokens { get; init; }

    [Required]
    [Min(1)]
    public int OutputTokens { get; init; }
}

/// <summary>A service level: a request's first token within <see cref="TtftMs"/>, then a token every <see cref="ItlMs"/> at most.</summary>
public sealed record LatencyTargetData
{
    [Required]
    public string Id { get; init; } = "";

    [Required]
    public string Label { get; init; } = "";

    [Required]
    [Min(0, Exclusive = true)]
    public double TtftMs { get; init; }

    [Required]
    [Min(0, Exclusive = true)]
    public double ItlMs { get; init; }

    /// <summary>Why these numbers: a target is a choice, and the page says whose.</summary>
    [Required]
    public string Why { get; init; } = "";
}

/// <summary>A fit grade applies while needed / available memory is at most <see cref="MaxRatio"/>.</summary>
public sealed record FitGradeData
{
    [Required]
    public string Grade { get; init; } = "";

    [Required]
    [Min(0, Exclusive = true)]
    public double MaxRatio { get; init; }
}
