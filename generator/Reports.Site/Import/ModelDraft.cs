using System.Globalization;
using System.Text;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Estimators;

namespace Reports.Site.Import;

/// <summary>One file the draft was read from: its key under sources:, the canonical URL when given, the path read.</summary>
public sealed record DraftSource(string Key, string? Url, string LocalPath);

/// <summary>Everything a model draft is written from.</summary>
public sealed record ModelDraftInput(
    string Id,
    HfConfig Config,
    SafetensorsIndex? Index,
    ModelCard? Card,
    IReadOnlyList<DraftSource> Sources,
    ContentDate Today);

/// <summary>
/// Writes content/data/models/{id}.yaml from a config, an optional safetensors index and an optional card.
/// What none of them states is written as the placeholder TODO with a TODO(author) comment: the loader refuses
/// the placeholder (RPT0018), so a draft cannot be published before a person fills it in.
/// </summary>
public static class ModelDraft
{
    private const string Todo = TextRules.Placeholder;

    public static string Write(ModelDraftInput input)
    {
        var a = input.Config.Architecture;
        var comments = input.Config.Comments;
        var y = new StringBuilder();
        y.Append("# Drafted by `import model` on ").Append(input.Today.ToString()).AppendLine(" from:");
        foreach (var source in input.Sources)
        {
            y.Append("#   ").Append(source.Key).Append(": ").AppendLine(source.LocalPath);
        }

        y.AppendLine("# Each TODO is a value the importer could not source. The build refuses the file (RPT0018) until every");
        y.AppendLine("# TODO is replaced by a value read in a source and its TODO(author) comment deleted.");
        foreach (var warning in input.Config.Warnings)
        {
            y.Append("# TODO(author): ").AppendLine(warning);
        }

        y.Append("id: ").AppendLine(input.Id);
        Line(y, "name: " + Todo, "TODO(author): the model's name as its vendor writes it");
        Line(y, "vendor: " + Todo, "TODO(author): who publishes the weights");
        Line(y, "family: " + Todo, "TODO(author): the release family its sibling models share, e.g. qwen3");
        Line(y, "verified: " + Todo, "TODO(author): the day you checked every value below against its source (YYYY-MM-DD)");
        Line(y, "released: { value: " + Todo + ", src: card }", "TODO(author): the release date, from the card or the vendor's announcement");
        if (input.Card is { License: { } license, LicenseLine: { } licenseLine })
        {
            Line(y, "license: { value: " + Scalar(license) + ", src: card }", "card front matter: " + licenseLine);
        }
        else
        {
            Line(y, "license: { value: " + Todo + ", src: card }", "TODO(author): the licence the card names");
        }

        y.AppendLine("open_weights: true");
        y.AppendLine("sources:");
        foreach (var source in input.Sources)
        {
            if (source.Url is { } url)
            {
                y.Append("  ").Append(source.Key).Append(": ").AppendLine(url);
            }
            else
            {
                Line(y, "  " + source.Key + ": " + Todo, "TODO(author): the canonical https URL of " + Path.GetFileName(source.LocalPath) + " (read from " + source.LocalPath + ")");
            }
        }

        WriteArchitecture(y, a, comments);

        var maxPosition = a.MaxPosition is { } max ? "config max_position_embeddings is " + max.ToString(CultureInfo.InvariantCulture) : "the config gives no max_position_embeddings";
        var contextNote = input.Card?.ContextLine is { } contextLine ? "; the card says \"" + contextLine + "\"" : "";
        Line(y, "context: { value: " + Todo + ", src: card }", "TODO(author): the context length the card supports; " + maxPosition + contextNote);

        var computed = ParameterCount.Compute(a);
        y.AppendLine("params:");
        if (input.Card is { Parameters: { } total, ParametersLine: { } parametersLine })
        {
            Line(y, "  total: { value: " + Exponent(total) + ", src: card, note: " + Quoted("Card: " + parametersLine) + " }", "computed from the architecture: " + Billions(computed.Total));
        }
        else
        {
            Line(y, "  total: { value: " + Todo + ", src: card }", "TODO(author): the vendor's total; computed from the architecture: " + Billions(computed.Total));
        }

        if (a.Kind == ModelKind.Moe)
        {
            if (input.Card is { ActiveParameters: { } active, ParametersLine: { } activeLine })
            {
                Line(y, "  active: { value: " + Exponent(active) + ", src: card, note: " + Quoted("Card: " + activeLine) + " }", "computed from the architecture: " + Billions(computed.Active));
            }
            else
            {
                Line(y, "  active: { value: " + Todo + ", src: card }", "TODO(author): the vendor's activated count; computed from the architecture: " + Billions(computed.Active));
            }
        }

        if (input.Index is { } index && input.Config.Dtype is { } dtype)
        {
            y.AppendLine("checkpoints:");
            var note = "metadata.total_size " + index.TotalSize.ToString("#,0", CultureInfo.InvariantCulture) + " bytes of tensor data in "
                + index.Shards.ToString(CultureInfo.InvariantCulture) + " shard" + (index.Shards == 1 ? "" : "s") + " (model.safetensors.index.json); " + input.Config.DtypeText + " in config.json";
            y.Append("  - { precision: ").Append(Units.Name(dtype)).Append(", size: ").Append(Gigabytes(index.TotalSize)).Append(", unit: GB, src: index, note: ").Append(Quoted(note)).AppendLine(" }");
        }
        else if (input.Index is not null)
        {
            y.AppendLine("# TODO(author): the index gives the checkpoint's size, but the config names no precision the catalog knows; add checkpoints: by hand.");
        }

        return y.ToString();
    }

    private static void WriteArchitecture(StringBuilder y, ArchitectureData a, IReadOnlyDictionary<string, string> comments)
    {
        y.AppendLine("architecture:");
        void Key(string indent, string key, string value, string? commentKey = null)
            => Line(y, indent + key + ": " + value, comments.TryGetValue(commentKey ?? key, out var comment) ? comment : null);

        Key("  ", "src", a.Src);
        Key("  ", "kind", a.Kind == ModelKind.Moe ? "moe" : "dense");
        Key("  ", "layers", Int(a.Layers));
        Key("  ", "hidden", Int(a.Hidden));
        if (a.Intermediate is { } intermediate)
        {
            Key("  ", "intermediate", Int(intermediate));
        }

        Key("  ", "heads", Int(a.Heads));
        Key("  ", "kv_heads", Int(a.KvHeads));
        Key("  ", "head_dim", Int(a.HeadDim));
        Key("  ", "vocab", Int(a.Vocab));
        if (a.MaxPosition is { } max)
        {
            Key("  ", "max_position", max.ToString(CultureInfo.InvariantCulture));
        }

        if (a.HfArchitecture is { } hf)
        {
            Key("  ", "hf_architecture", hf);
        }

        if (a.MtpLayers > 0)
        {
            Line(y, "  mtp_layers: " + Int(a.MtpLayers), "num_nextn_predict_layers");
        }

        Key("  ", "tied_embeddings", Bool(a.TiedEmbeddings));
        if (a.QkvBias)
        {
            Key("  ", "qkv_bias", "true");
        }

        if (a.QkNorm)
        {
            Key("  ", "qk_norm", "true");
        }

        if (a.NormsPerLayer != 2)
        {
            Key("  ", "norms_per_layer", Int(a.NormsPerLayer));
        }

        var at = a.Attention;
        y.AppendLine("  attention:");
        Key("    ", "kind", at.Kind.ToString().ToLowerInvariant(), "attention.kind");
        if (at.LocalLayers > 0)
        {
            Key("    ", "local_layers", Int(at.LocalLayers), "attention.local_layers");
            Key("    ", "window", Int(at.Window!.Value), "attention.window");
            Key("    ", "local_kind", "sliding", "attention.local_kind");
        }

        if (at.Sinks)
        {
            Key("    ", "sinks", "true", "attention.sinks");
        }

        if (at.OBias)
        {
            Key("    ", "o_bias", "true", "attention.o_bias");
        }

        if (at.Kind == AttentionKind.Mla)
        {
            if (at.QLoraRank is { } q)
            {
                Key("    ", "q_lora_rank", Int(q), "attention.q_lora_rank");
            }

            Key("    ", "kv_lora_rank", Int(at.KvLoraRank!.Value), "attention.kv_lora_rank");
            Key("    ", "qk_rope_head_dim", Int(at.QkRopeHeadDim!.Value), "attention.qk_rope_head_dim");
            Key("    ", "qk_nope_head_dim", Int(at.QkNopeHeadDim!.Value), "attention.qk_nope_head_dim");
            Key("    ", "v_head_dim", Int(at.VHeadDim!.Value), "attention.v_head_dim");
        }

        if (a.Moe is { } moe)
        {
            y.AppendLine("  moe:");
            Key("    ", "experts", Int(moe.Experts), "moe.experts");
            Key("    ", "experts_per_token", Int(moe.ExpertsPerToken), "moe.experts_per_token");
            Key("    ", "shared_experts", Int(moe.SharedExperts), "moe.shared_experts");
            Key("    ", "expert_intermediate", Int(moe.ExpertIntermediate), "moe.expert_intermediate");
            if (moe.DenseLayers > 0)
            {
                Key("    ", "dense_layers", Int(moe.DenseLayers), "moe.dense_layers");
            }

            if (moe.InterleaveStep > 1)
            {
                Key("    ", "interleave_step", Int(moe.InterleaveStep), "moe.interleave_step");
            }

            if (moe.RouterBias)
            {
                Key("    ", "router_bias", "true", "moe.router_bias");
            }

            if (moe.ExpertBias)
            {
                Key("    ", "expert_bias", "true", "moe.expert_bias");
            }
        }
    }

    /// <summary>A line with its comment aligned after it, as the hand-written files align theirs.</summary>
    private static void Line(StringBuilder y, string text, string? comment)
    {
        y.Append(text);
        if (comment is not null)
        {
            y.Append(' ', Math.Max(1, 34 - text.Length)).Append("# ").Append(comment);
        }

        y.AppendLine();
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Parameter counts as the catalog writes them: 32.8e9.</summary>
    public static string Exponent(double count)
        => (count / 1e9).ToString("0.###", CultureInfo.InvariantCulture) + "e9";

    public static string Billions(double count) => (count / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + "B";

    /// <summary>Bytes as decimal GB to the megabyte, the precision the byte count in the note backs.</summary>
    public static string Gigabytes(long bytes) => (bytes / 1e9).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A card's text as a YAML scalar: plain when it is safe, quoted otherwise.</summary>
    private static string Scalar(string text)
        => text.Length > 0 && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' or ' ') && text != Todo && !text.Contains(": ", StringComparison.Ordinal)
            ? text
            : Quoted(text);
}
