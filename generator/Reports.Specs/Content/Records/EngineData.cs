namespace Reports.Specs.Content;

/// <summary>
/// A serving engine and the model architectures and weight formats it documents: content/data/engines/{id}.yaml.
/// Models are matched on the class or model_type their config.json names, so support is read from the
/// engine's own list, never inferred from a family name.
/// </summary>
public sealed record EngineData
{
    [Required]
    public EngineId Id { get; init; }

    [Required]
    public string Name { get; init; } = "";

    [Required]
    [Url]
    public string Url { get; init; } = "";

    /// <summary>The release or commit the lists below were read at.</summary>
    [Required]
    public string Version { get; init; } = "";

    [Required]
    public ContentDate Verified { get; init; }

    /// <summary>
    /// True when the lists are the engine's whole registry. A model missing from a partial list is
    /// "not checked", not "unsupported".
    /// </summary>
    [Required]
    public bool Complete { get; init; }

    [Required]
    public EquatableArray<SourceLink> Sources { get; init; } = EquatableArray<SourceLink>.Empty;

    /// <summary>config.json architectures[0] classes the engine loads.</summary>
    public Sourced<EquatableArray<string>>? Architectures { get; init; }

    /// <summary>config.json model_type values the engine loads (mlx-lm picks its module by model_type).</summary>
    public Sourced<EquatableArray<string>>? ModelTypes { get; init; }

    /// <summary>The quantized weight formats the engine's documentation states it runs, or states it does not.</summary>
    public EquatableArray<EngineFormatData> Formats { get; init; } = EquatableArray<EngineFormatData>.Empty;
}

/// <summary>One checkpoint format and whether the engine runs it, as its documentation says.</summary>
public sealed record EngineFormatData : IHasSource
{
    [Required]
    public WeightFormat Format { get; init; }

    [Required]
    public bool Supported { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}
