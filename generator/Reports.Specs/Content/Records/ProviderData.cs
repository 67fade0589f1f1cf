namespace Reports.Specs.Content;

/// <summary>An API provider and its dated per-model prices: content/data/providers/{id}.yaml.</summary>
public sealed record ProviderData
{
    [Required]
    public ProviderId Id { get; init; }

    [Required]
    public string Name { get; init; } = "";

    [Required]
    [Url]
    public string Url { get; init; } = "";

    [Required]
    public ContentDate Verified { get; init; }

    [Required]
    public EquatableArray<SourceLink> Sources { get; init; } = EquatableArray<SourceLink>.Empty;

    [Required]
    public EquatableArray<PriceData> Prices { get; init; } = EquatableArray<PriceData>.Empty;
}

/// <summary>USD per million tokens.</summary>
public sealed record PriceData : IHasSource
{
    [Required]
    public ModelId Model { get; init; }

    [Required]
    [Min(0)]
    public double Input { get; init; }

    [Required]
    [Min(0)]
    public double Output { get; init; }

    [Required]
    public ContentDate Date { get; init; }

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}
