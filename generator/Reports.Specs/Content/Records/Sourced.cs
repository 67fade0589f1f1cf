namespace Reports.Specs.Content;

/// <summary>A fact with its source: <c>{ value: X, src: KEY, note: ... }</c>.</summary>
public sealed record Sourced<T> : IHasSource
{
    [Required]
    public T Value { get; init; } = default!;

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>A sourced number with a unit written next to it, such as memory in GB or GiB.</summary>
public sealed record Quantity : IHasSource
{
    [Required]
    [Min(0, Exclusive = true)]
    public double Value { get; init; }

    [Required]
    public string Unit { get; init; } = "";

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>A named source: the key used by facts in the same file, and its URL.</summary>
public sealed record SourceLink(string Key, string Url);
