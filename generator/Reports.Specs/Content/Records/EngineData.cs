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

    /// <summary>The command line and the flags it documents; an engine without one gets no launch commands.</summary>
    public CliData? Cli { get; init; }

    /// <summary>The flag for each plan setting the engine takes; a setting it lacks cannot be part of its commands.</summary>
    public EquatableArray<LaunchFlagData> Launch { get; init; } = EquatableArray<LaunchFlagData>.Empty;
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

/// <summary>
/// The engine's command line as its documentation gives it at one version: the program, and the flags the
/// site's launch commands may use, each with where it is documented. A flag the launch table names must be
/// one of these, so an engine that renames a flag breaks the build once its list is updated, not a reader's
/// deployment.
/// </summary>
public sealed record CliData : IHasSource
{
    /// <summary>What a reader types before the arguments: "vllm serve", "python -m sglang.launch_server".</summary>
    [Required]
    public string Program { get; init; } = "";

    /// <summary>The release (or commit) the flags were read at.</summary>
    [Required]
    public string Version { get; init; } = "";

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }

    [Required]
    public EquatableArray<CliFlagData> Flags { get; init; } = EquatableArray<CliFlagData>.Empty;
}

/// <summary>One documented flag, spelled as the engine's argument parser spells it.</summary>
public sealed record CliFlagData : IHasSource
{
    [Required]
    public string Flag { get; init; } = "";

    [Required]
    [SourceRef]
    public string Src { get; init; } = "";

    public string? Note { get; init; }
}

/// <summary>Which documented flag carries one setting of a deployment plan (or <c>positional</c> for a checkpoint passed without a flag).</summary>
public sealed record LaunchFlagData
{
    [Required]
    public LaunchSetting Setting { get; init; }

    [Required]
    public string Flag { get; init; } = "";

    /// <summary>The value the engine spells this setting with, where the site does not compute it: the FP8 KV dtype ("fp8_e4m3"), the name of multi-token prediction ("NEXTN").</summary>
    public string? Value { get; init; }
}
