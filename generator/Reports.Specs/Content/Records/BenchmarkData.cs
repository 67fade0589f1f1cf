namespace Reports.Specs.Content;

/// <summary>A benchmark and the scores published for catalog models: content/data/benchmarks/{id}.yaml.</summary>
public sealed record BenchmarkData
{
    [Required]
    public BenchmarkId Id { get; init; }

    [Required]
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    [Required]
    public string Unit { get; init; } = "";

    [Required]
    public double Min { get; init; }

    [Required]
    public double Max { get; init; }

    [Required]
    public bool HigherIsBetter { get; init; }

    [Required]
    public ContentDate Verified { get; init; }

    [Required]
    public EquatableArray<SourceLink> Sources { get; init; } = EquatableArray<SourceLink>.Empty;

    /// <summary>Where the benchmark is defined.</summary>
    [Required]
    [SourceRef]
    public string Source { get; init; } = "";

    public EquatableArray<ScoreData> Scores { get; init; } = EquatableArray<ScoreData>.Empty;
}

public sealed record ScoreData : IHasSource
{
    [Required]
    public ModelId Model { get; init; }

    [Required]
    public double Value { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    /// <summary>Shots, base or instruct, chain of thought: what makes scores comparable.</summary>
    public string? Setting { get; init; }

    public string? Note { get; init; }
}
