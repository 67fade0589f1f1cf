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

    [Required]
    public Precision Precision { get; init; }

    public string? Framework { get; init; }

    [Required]
    public MeasurementScenario Scenario { get; init; }

    [Min(1)]
    public int? InputTokens { get; init; }

    [Min(1)]
    public int? OutputTokens { get; init; }

    [Min(1)]
    public int? Concurrency { get; init; }

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
}
