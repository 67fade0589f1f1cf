using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Reports.Specs.Content.Loading;

namespace Reports.Specs.Content.Validation;

/// <summary>
/// Rules that need more than one field of one file: ids against file names, architectures that
/// cannot exist, scores outside their scale. Returns the facts cross-file validation needs.
/// </summary>
public static class EntityRules
{
    public static FileFacts Check(object entity, ContentKind kind, Located at)
    {
        var references = new List<ContentReference>();
        string? id = null;
        ContentDate? verified = null;
        switch (entity)
        {
            case ModelData model:
                id = model.Id.Value;
                verified = model.Verified;
                CheckModel(model, at);
                break;
            case GpuData gpu:
                id = gpu.Id.Value;
                verified = gpu.Verified;
                CheckGpu(gpu, at);
                break;
            case ProviderData provider:
                id = provider.Id.Value;
                verified = provider.Verified;
                CheckProvider(provider, at, references);
                break;
            case BenchmarkData benchmark:
                id = benchmark.Id.Value;
                verified = benchmark.Verified;
                CheckBenchmark(benchmark, at, references);
                break;
            case MeasurementData measurement:
                id = measurement.Id.Value;
                verified = measurement.Verified;
                CheckMeasurement(measurement, at, references);
                break;
            case EngineData engine:
                id = engine.Id.Value;
                verified = engine.Verified;
                CheckEngine(engine, at);
                break;
            case SiteData site:
                CheckSite(site, at);
                for (var i = 0; i < site.ReferenceModels.Count; i++)
                {
                    references.Add(at.Reference(ContentKind.Model, site.ReferenceModels[i], "reference_models[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                }

                break;
            case CalibrationData calibration:
                // Every comparison names a measurement; one that is gone means the file is stale: run calibrate.
                for (var i = 0; i < calibration.Rows.Count; i++)
                {
                    references.Add(at.Reference(ContentKind.Measurement, calibration.Rows[i].Measurement.Value, "rows[" + i.ToString(CultureInfo.InvariantCulture) + "].measurement"));
                }

                for (var i = 0; i < calibration.Unseen.Count; i++)
                {
                    references.Add(at.Reference(ContentKind.Measurement, calibration.Unseen[i].Measurement.Value, "unseen[" + i.ToString(CultureInfo.InvariantCulture) + "].measurement"));
                }

                break;
        }

        if (id is not null && id.Length > 0 && id != ContentPaths.Stem(at.Path))
        {
            at.Error(DiagnosticIds.IdMismatch, "id", "id '" + id + "' does not match the file name '" + ContentPaths.Stem(at.Path) + ".yaml': rename the file or fix the id.");
        }

        if (kind is not (ContentKind.Site or ContentKind.Calibration) && !Slug.IsValid(ContentPaths.Stem(at.Path)))
        {
            at.Error(DiagnosticIds.BadSlug, "", "file name '" + ContentPaths.Stem(at.Path) + ".yaml' is not a valid id (" + Slug.Rule + ").");
        }

        return new FileFacts(
            at.Path,
            kind,
            id,
            at.At("id"),
            verified is { IsSet: true } ? verified : null,
            at.At("verified"),
            new EquatableArray<ContentReference>(references.ToArray()));
    }

    /// <summary>The per-layer layout, linear mixers and the sparse-attention indexer agree with the layer counts.</summary>
    private static void CheckLayers(ArchitectureData a, LayerLayout counted, Located at)
    {
        var attention = a.Attention;
        if (a.Layout is { } layout)
        {
            var unknown = LayerLayout.UnknownCharacters(layout);
            if (unknown.Length > 0)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.layout", "layout holds '" + unknown + "'; one character per layer from '" + LayerLayout.Alphabet
                    + "' (F full attention, S local attention, L linear mixer, each with its FFN; * attention, M linear mixer, - dense FFN, E MoE FFN alone).");
            }

            if (layout.Length != a.Layers)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.layout", Fmt("layout has {0} characters but the model has {1} layers: one character per layer.", layout.Length, a.Layers));
            }

            if (attention.LocalLayers != 0 && attention.LocalLayers != counted.LocalAttentionLayers)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.local_layers", Fmt("local_layers ({0}) disagrees with the layout, which has {1} local layers (S).", attention.LocalLayers, counted.LocalAttentionLayers));
            }

            if (attention.LinearLayers != 0 && attention.LinearLayers != counted.LinearLayers)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.linear_layers", Fmt("linear_layers ({0}) disagrees with the layout, which has {1} linear layers (L or M).", attention.LinearLayers, counted.LinearLayers));
            }

            if (a.Kind != ModelKind.Moe && layout.IndexOf('E') >= 0)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.layout", "the layout has MoE layers (E) but the model's kind is not 'moe'.");
            }
        }
        else if (attention.LocalLayers + attention.LinearLayers > a.Layers)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.linear_layers", Fmt("local_layers ({0}) and linear_layers ({1}) add up to more than the {2} layers.", attention.LocalLayers, attention.LinearLayers, a.Layers));
        }

        var linear = counted.LinearLayers;
        if (linear > 0 && attention.Linear is null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention", Fmt("{0} linear layers need their shapes: a 'linear' block (kind, key_heads, value_heads, key_head_dim, value_head_dim, conv_kernel).", linear));
        }

        if (linear == 0 && attention.Linear is not null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.linear", "a 'linear' block but no linear layer: set linear_layers or the layout.");
        }

        if (attention.Indexer is not null && attention.Kind != AttentionKind.Mla)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.indexer", "the sparse-attention indexer is DeepSeek's addition to MLA attention: kind must be 'mla'.");
        }
    }

    private static void CheckModel(ModelData model, Located at)
    {
        // Comparison pages live at compare/A-vs-B/: with "-vs-" inside an id, two pairs could share a URL.
        if ((model.Id.Value ?? "").Contains("-vs-"))
        {
            at.Error(DiagnosticIds.BadSlug, "id", "model id '" + model.Id.Value + "' contains '-vs-', which separates the two models in a comparison URL; choose another id.");
        }

        var a = model.Architecture;
        var layers = LayerLayout.Of(a);
        var attention = a.Attention;
        if (attention.Kind != AttentionKind.Mla && a.KvHeads > 0 && a.Heads % a.KvHeads != 0)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.kv_heads", Fmt("kv_heads ({0}) must divide heads ({1}): each KV head serves a whole group of query heads.", a.KvHeads, a.Heads));
        }

        if (a.KvHeads > a.Heads)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.kv_heads", Fmt("kv_heads ({0}) cannot exceed heads ({1}).", a.KvHeads, a.Heads));
        }

        if (attention.Kind == AttentionKind.Mha && a.KvHeads != a.Heads)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.kind", Fmt("attention kind 'mha' means kv_heads equals heads, but kv_heads is {0} and heads {1}: use 'gqa'.", a.KvHeads, a.Heads));
        }

        if (attention.Kind == AttentionKind.Mqa && a.KvHeads != 1)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.kind", Fmt("attention kind 'mqa' means one KV head, but kv_heads is {0}: use 'gqa'.", a.KvHeads));
        }

        if (attention.Kind == AttentionKind.Gqa && a.KvHeads == a.Heads)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.kind", "attention kind 'gqa' needs fewer KV heads than query heads; with kv_heads equal to heads it is 'mha'.");
        }

        if (attention.Kind == AttentionKind.Mla && (attention.KvLoraRank is null || attention.QkRopeHeadDim is null || attention.QkNopeHeadDim is null || attention.VHeadDim is null))
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention", "MLA attention needs kv_lora_rank, qk_rope_head_dim, qk_nope_head_dim and v_head_dim.");
        }

        if (attention.Kind != AttentionKind.Mla && (attention.KvLoraRank is not null || attention.QLoraRank is not null))
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention", "kv_lora_rank and q_lora_rank belong to MLA attention only.");
        }

        if (attention.LocalLayers > a.Layers)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.local_layers", Fmt("local_layers ({0}) cannot exceed layers ({1}).", attention.LocalLayers, a.Layers));
        }

        if (layers.LocalAttentionLayers > 0 && attention.Window is null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention", "local_layers needs the window those layers attend over ('window').");
        }

        if (layers.LocalAttentionLayers == 0 && attention.Window is not null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.attention.window", "a window is given but no layer uses it: set local_layers.");
        }

        CheckLayers(a, layers, at);

        if (a.Kind == ModelKind.Moe && a.Moe is null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.kind", "kind 'moe' needs a 'moe' block (experts, experts_per_token, expert_intermediate).");
        }

        if (a.Kind == ModelKind.Dense && a.Moe is not null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.moe", "a 'moe' block on a dense model: set kind to 'moe' or remove the block.");
        }

        if (a.Kind == ModelKind.Moe && a.Moe is { } moe)
        {
            if (moe.ExpertsPerToken > moe.Experts)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.moe.experts_per_token", Fmt("experts_per_token ({0}) cannot exceed experts ({1}).", moe.ExpertsPerToken, moe.Experts));
            }

            if (moe.DenseLayers >= a.Layers)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "architecture.moe.dense_layers", Fmt("dense_layers ({0}) leaves no MoE layer out of {1}.", moe.DenseLayers, a.Layers));
            }
        }

        if (layers.DenseFfnLayers > 0 && a.Intermediate is null)
        {
            at.Error(DiagnosticIds.InconsistentArchitecture, "architecture", "this model has dense FFN layers: 'intermediate' (their width) is required.");
        }

        var total = model.Params.Total.Value;
        if (model.Params.Active is { } active)
        {
            if (active.Value > total)
            {
                at.Error(DiagnosticIds.ImpossibleValue, "params.active", Fmt("active parameters ({0:G4}) cannot exceed total parameters ({1:G4}).", active.Value, total));
            }

            if (a.Kind == ModelKind.Dense && active.Value != total)
            {
                at.Error(DiagnosticIds.InconsistentArchitecture, "params.active", "a dense model activates every parameter: remove 'active' or make the model 'moe'.");
            }
        }
        else if (a.Kind == ModelKind.Moe)
        {
            at.Error(DiagnosticIds.MissingField, "params", "a MoE model needs 'active' parameters with their source.");
        }

        for (var i = 0; i < model.Checkpoints.Count; i++)
        {
            var field = "checkpoints[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var unit = model.Checkpoints[i].Unit;
            if (unit is not ("GB" or "GiB" or "B"))
            {
                at.Error(DiagnosticIds.ImpossibleValue, field + ".unit", "checkpoint size unit '" + unit + "'; expected GB, GiB or B (a safetensors index's total_size).");
            }

            if (model.Checkpoints[i].Format is { } format && WeightFormats.Parse(format) is null)
            {
                at.Error(DiagnosticIds.ImpossibleValue, field + ".format", "checkpoint format '" + format + "'; expected " + WeightFormats.Rule + ".");
            }

            if (model.Checkpoints[i].Repo is { } repo)
            {
                CheckRepository(repo, field + ".repo", at);
            }
        }

        if (model.Repo is { } weights)
        {
            CheckRepository(weights.Value, "repo.value", at);
        }
    }

    /// <summary>Repositories are pasted into shell commands: owner/name and nothing a shell would read.</summary>
    private static void CheckRepository(string repo, string field, Located at)
    {
        if (!TextRules.IsRepositoryId(repo))
        {
            at.Error(DiagnosticIds.ImpossibleValue, field, "'" + TextRules.Shorten(repo) + "' is not a Hugging Face repository: write owner/name with letters, digits, '.', '_' and '-' only (e.g. meta-llama/Llama-3.3-70B-Instruct).");
        }
    }

    private static void CheckProvider(ProviderData provider, Located at, List<ContentReference> references)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < provider.Prices.Count; i++)
        {
            var price = provider.Prices[i];
            var field = "prices[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            references.Add(at.Reference(ContentKind.Model, price.Model.Value, field + ".model"));
            // A price that changed is a new dated entry beside the old one (import prices appends it), so
            // only the same offer twice on the same day is a duplicate.
            if (!seen.Add(price.Model.Value + "|" + (price.Note ?? "") + "|" + price.Date))
            {
                at.Error(DiagnosticIds.DuplicateId, field + ".model", "a second price for '" + price.Model.Value + "' dated " + price.Date + " with the same note: give each offer its own note (e.g. 'Turbo (FP8)') or remove one.");
            }
        }
    }

    /// <summary>An NVIDIA part names a generation the speed model knows; a driver-reported memory total is in the right unit.</summary>
    private static void CheckGpu(GpuData gpu, Located at)
    {
        if (gpu.Vendor == GpuGenerations.NvidiaVendor && !GpuGenerations.Nvidia.Contains(gpu.Generation))
        {
            at.Error(DiagnosticIds.ImpossibleValue, "generation", Fmt("'{0}' is not an NVIDIA generation: use one of {1}. The speed model groups NVIDIA parts by generation (Ampere and Ada Lovelace have a compute factor of their own), so another spelling would leave this GPU out of its group.", gpu.Generation, string.Join(", ", GpuGenerations.Nvidia)));
        }

        CheckDeviceMemory(gpu, at);
    }

    /// <summary>
    /// The driver's total sits within a few percent of the marketed figure (an "80 GB" H100 reports 85.0e9 bytes, an RTX A6000
    /// with ECC on 47.8e9 of 48): far outside that band the unit is wrong, bytes written as MiB or MiB as bytes.
    /// </summary>
    private static void CheckDeviceMemory(GpuData gpu, Located at)
    {
        if (gpu.DeviceMemory is not { } device || SizeUnits.Bytes(gpu.Memory.Value, gpu.Memory.Unit) is not { } marketed || SizeUnits.Bytes(device.Value, device.Unit) is not { } reported)
        {
            return;
        }

        var ratio = reported / marketed;
        if (ratio < 0.85 || ratio > 1.15)
        {
            at.Error(DiagnosticIds.ImpossibleValue, "device_memory", Fmt("device_memory is {0:0.###}e9 bytes, {1:0.##} times the marketed {2} {3}: a driver reports within a few percent of it; check the unit (B or MiB).", reported / 1e9, ratio, gpu.Memory.Value, gpu.Memory.Unit));
        }
    }

    private static void CheckEngine(EngineData engine, Located at)
    {
        if (engine.Architectures is null && engine.ModelTypes is null)
        {
            at.Error(DiagnosticIds.MissingField, "architectures", "an engine needs 'architectures' (config.json class names) or 'model_types' (config.json model_type values): what models are matched on.");
        }

        var seen = new HashSet<WeightFormat>();
        for (var i = 0; i < engine.Formats.Count; i++)
        {
            if (!seen.Add(engine.Formats[i].Format))
            {
                at.Error(DiagnosticIds.DuplicateId, "formats[" + i.ToString(CultureInfo.InvariantCulture) + "].format", "format '" + engine.Formats[i].Format.ToString().ToLowerInvariant() + "' is listed twice: one entry per format.");
            }
        }

        CheckCommandLine(engine, at);
    }

    /// <summary>
    /// The launch table may only name flags the engine's documented list has: a misspelled or renamed flag is
    /// an error at its line, with the nearest documented spelling, instead of a command that fails on a reader's machine.
    /// </summary>
    private static void CheckCommandLine(EngineData engine, Located at)
    {
        if (engine.Cli is not { } cli)
        {
            if (engine.Launch.Count > 0)
            {
                at.Error(DiagnosticIds.MissingField, "cli", "a 'launch' table needs the 'cli' it draws its flags from: the program, its version and the documented flags.");
            }

            return;
        }

        if (!TextRules.IsProgram(cli.Program))
        {
            at.Error(DiagnosticIds.ImpossibleValue, "cli.program", "'" + TextRules.Shorten(cli.Program) + "' is not a program a reader can type: words of letters, digits, '.', '_' and '-' separated by single spaces.");
        }

        var documented = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < cli.Flags.Count; i++)
        {
            var flag = cli.Flags[i].Flag;
            var field = "cli.flags[" + i.ToString(CultureInfo.InvariantCulture) + "].flag";
            if (!TextRules.IsCliFlag(flag))
            {
                at.Error(DiagnosticIds.ImpossibleValue, field, "'" + TextRules.Shorten(flag) + "' is not a flag: one or two dashes, then letters, digits, '-', '_' or '.'.");
            }
            else if (!documented.Add(flag))
            {
                at.Error(DiagnosticIds.DuplicateId, field, "flag '" + flag + "' is listed twice.");
            }
        }

        var settings = new HashSet<LaunchSetting>();
        for (var i = 0; i < engine.Launch.Count; i++)
        {
            var entry = engine.Launch[i];
            var field = "launch[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!settings.Add(entry.Setting))
            {
                at.Error(DiagnosticIds.DuplicateId, field + ".setting", "setting '" + LaunchSettings.Name(entry.Setting) + "' is given a flag twice.");
            }

            if (entry.Value is null && LaunchSettings.NeedsValue(entry.Setting))
            {
                at.Error(DiagnosticIds.MissingField, field + ".setting", "setting '" + LaunchSettings.Name(entry.Setting) + "' needs a 'value': how " + engine.Name + " spells it (for example fp8 or fp8_e4m3).");
            }

            if (entry.Value is { } value && !TextRules.IsShellWord(value))
            {
                at.Error(DiagnosticIds.ImpossibleValue, field + ".value", "'" + TextRules.Shorten(value) + "' goes into a shell command: letters, digits, '.', '_' and '-' only.");
            }

            if (entry.Flag == LaunchSettings.Positional)
            {
                if (entry.Setting != LaunchSetting.Model)
                {
                    at.Error(DiagnosticIds.ImpossibleValue, field + ".flag", "only the model may be positional; '" + LaunchSettings.Name(entry.Setting) + "' needs one of cli.flags.");
                }
            }
            else if (!documented.Contains(entry.Flag))
            {
                at.Error(DiagnosticIds.UnknownReference, field + ".flag", "'" + TextRules.Shorten(entry.Flag) + "' is not among the flags " + engine.Name + " " + cli.Version + " documents (cli.flags)." + Suggest.DidYouMean(entry.Flag, documented));
            }
        }
    }

    private static void CheckBenchmark(BenchmarkData benchmark, Located at, List<ContentReference> references)
    {
        if (benchmark.Min >= benchmark.Max)
        {
            at.Error(DiagnosticIds.ImpossibleValue, "max", Fmt("max ({0}) must be greater than min ({1}).", benchmark.Max, benchmark.Min));
        }

        var seen = new HashSet<string>();
        for (var i = 0; i < benchmark.Scores.Count; i++)
        {
            var score = benchmark.Scores[i];
            var field = "scores[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            references.Add(at.Reference(ContentKind.Model, score.Model.Value, field + ".model"));
            if (score.Value < benchmark.Min || score.Value > benchmark.Max)
            {
                at.Error(DiagnosticIds.ImpossibleValue, field + ".value", Fmt("score {0} is outside the benchmark's scale {1} to {2}.", score.Value, benchmark.Min, benchmark.Max));
            }

            if (!seen.Add(score.Model.Value))
            {
                at.Error(DiagnosticIds.DuplicateId, field + ".model", "a second score for '" + score.Model.Value + "': keep one score per model per benchmark.");
            }
        }
    }

    private static void CheckMeasurement(MeasurementData measurement, Located at, List<ContentReference> references)
    {
        references.Add(at.Reference(ContentKind.Model, measurement.Model.Value, "model"));
        references.Add(at.Reference(ContentKind.Gpu, measurement.Gpu.Value, "gpu"));
        var r = measurement.Results;
        if (r.HasNone())
        {
            at.Error(DiagnosticIds.MissingField, "results", "results must hold at least one of throughput_tokens_per_s, throughput_per_gpu_tokens_per_s, total_tokens_per_s, ttft_ms, itl_ms, decode_tokens_per_s, prefill_tokens_per_s.");
        }

        // The other engines' backend follows from the accelerator (vLLM on an Instinct runs ROCm); llama.cpp's is a choice.
        if (measurement.Backend is { } backend && measurement.Engine != ServingEngine.Llamacpp)
        {
            at.Error(DiagnosticIds.ImpossibleValue, "backend", Fmt("backend ({0}) is given for llama.cpp runs only, whose build picks one; this measurement's engine is {1}.", backend.ToString().ToLowerInvariant(), measurement.Engine?.ToString().ToLowerInvariant() ?? "not stated"));
        }

        // A run counts its waves as requests / concurrency: fewer requests than clients never reached the concurrency it states.
        if (measurement.Requests is { } sent && measurement.Concurrency is { } clients && sent < clients)
        {
            at.Error(DiagnosticIds.ImpossibleValue, "requests", Fmt("requests ({0}) is fewer than concurrency ({1}): a run that sent fewer requests than it had clients never ran at that concurrency; check both against the source.", sent, clients));
        }
    }

    private static void CheckSite(SiteData site, Located at)
    {
        AssumptionRules.Check(site.Assumptions, at);

        for (var i = 1; i < site.FitGrades.Count; i++)
        {
            if (site.FitGrades[i].MaxRatio <= site.FitGrades[i - 1].MaxRatio)
            {
                at.Error(DiagnosticIds.SiteSettings, "fit_grades[" + i.ToString(CultureInfo.InvariantCulture) + "].max_ratio", "fit grades must be listed from the tightest ratio to the loosest, each max_ratio larger than the one before.");
            }
        }

        var mixes = new HashSet<string>();
        for (var i = 0; i < site.RequestMixes.Count; i++)
        {
            if (!mixes.Add(site.RequestMixes[i].Id))
            {
                at.Error(DiagnosticIds.DuplicateId, "request_mixes[" + i.ToString(CultureInfo.InvariantCulture) + "].id", "request mix '" + site.RequestMixes[i].Id + "' is defined twice.");
            }
        }

        var targets = new HashSet<string>();
        for (var i = 0; i < site.LatencyTargets.Count; i++)
        {
            var field = "latency_targets[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!Slug.IsValid(site.LatencyTargets[i].Id))
            {
                at.Error(DiagnosticIds.BadSlug, field + ".id", "latency target id '" + TextRules.Shorten(site.LatencyTargets[i].Id) + "' is not a slug: lower-case letters, digits and single dashes (it names an anchor on pages).");
            }
            else if (!targets.Add(site.LatencyTargets[i].Id))
            {
                at.Error(DiagnosticIds.DuplicateId, field + ".id", "latency target '" + site.LatencyTargets[i].Id + "' is defined twice.");
            }
        }
    }

    private static string Fmt(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
