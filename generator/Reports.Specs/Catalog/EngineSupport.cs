using Reports.Specs.Content;

namespace Reports.Specs.Catalog;

/// <summary>What an engine's own list says about one model.</summary>
public enum EngineSupportStatus
{
    /// <summary>The model's config class (or model_type) is on the engine's list.</summary>
    Listed,

    /// <summary>The engine's whole registry was read and the model is not on it.</summary>
    NotListed,

    /// <summary>Only part of the engine's registry was read, or the model's config key is not in the catalog.</summary>
    NotChecked,
}

/// <summary>One engine's support for one model, with the key it was matched on and the formats that apply.</summary>
public sealed record EngineSupport(
    EngineData Engine,
    EngineSupportStatus Status,
    string? MatchedOn,
    IReadOnlyList<EngineFormatData> Formats)
{
    /// <summary>The status as pages and the JSON API write it: listed, not_listed, not_checked.</summary>
    public string StatusName => Status switch
    {
        EngineSupportStatus.Listed => "listed",
        EngineSupportStatus.NotListed => "not_listed",
        _ => "not_checked",
    };

    /// <summary>
    /// Joins a model to each engine by its config's architectures[0] class, or by model_type for an engine
    /// that lists model types. A model whose key the catalog lacks is never called unsupported.
    /// </summary>
    public static IReadOnlyList<EngineSupport> For(ModelData model, IEnumerable<EngineData> engines)
    {
        var architecture = model.Architecture.HfArchitecture;
        var modelType = model.Architecture.ModelType;
        var formats = ModelFormats(model);
        var result = new List<EngineSupport>();
        foreach (var engine in engines)
        {
            var (status, matched) = Match(engine, architecture, modelType);
            var applicable = engine.Formats.Where(f => formats.Contains(f.Format)).ToList();
            result.Add(new EngineSupport(engine, status, matched, applicable));
        }

        return result;
    }

    private static (EngineSupportStatus Status, string? MatchedOn) Match(EngineData engine, string? architecture, string? modelType)
    {
        var knowsKey = false;
        if (engine.Architectures is { } classes && architecture is not null)
        {
            knowsKey = true;
            if (classes.Value.Contains(architecture))
            {
                return (EngineSupportStatus.Listed, architecture);
            }
        }

        if (engine.ModelTypes is { } types && modelType is not null)
        {
            knowsKey = true;
            if (types.Value.Contains(modelType))
            {
                return (EngineSupportStatus.Listed, "model_type " + modelType);
            }
        }

        return (knowsKey && engine.Complete ? EngineSupportStatus.NotListed : EngineSupportStatus.NotChecked, null);
    }

    /// <summary>The weight formats the model is published in: its checkpoints' formats and precisions.</summary>
    public static IReadOnlySet<WeightFormat> ModelFormats(ModelData model)
    {
        var set = new HashSet<WeightFormat>();
        foreach (var checkpoint in model.Checkpoints)
        {
            if (WeightFormats.Of(checkpoint) is { } format)
            {
                set.Add(format);
            }
        }

        return set;
    }
}
