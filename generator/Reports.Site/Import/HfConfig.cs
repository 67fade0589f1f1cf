using System.Globalization;
using System.Text.Json;
using Reports.Specs.Content;

namespace Reports.Site.Import;

/// <summary>What a Hugging Face config.json says about the decoder, in the catalog's terms.</summary>
/// <param name="Architecture">The architecture block; every value read in the config or fixed by the model class.</param>
/// <param name="ModelType">The config's model_type (the text config's, for a multimodal wrapper).</param>
/// <param name="Dtype">The precision the weights ship in, when the config says and the catalog has a name for it.</param>
/// <param name="DtypeText">What the config wrote for it (torch_dtype, dtype or quantization_config.quant_method).</param>
/// <param name="Comments">Why a value is what it is, by architecture key, where it is not a plain copy of one config key.</param>
/// <param name="Warnings">What the author must look at: keys this mapping does not model.</param>
public sealed record HfConfig(
    ArchitectureData Architecture,
    string ModelType,
    Precision? Dtype,
    string? DtypeText,
    IReadOnlyDictionary<string, string> Comments,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Maps config.json keys to the architecture block of content/SCHEMA.md. Where a key is absent the value is the
/// default of the model's transformers config class, and the draft says so, since a default is a reading of
/// the class, not of the file.
/// </summary>
public static class HfConfigReader
{
    public static readonly IReadOnlyList<string> SupportedModelTypes =
        ["llama", "mistral", "mixtral", "qwen2", "qwen3", "qwen3_moe", "gemma2", "gemma3", "gemma3_text", "deepseek_v3", "kimi_k2", "gpt_oss", "glm4_moe"];

    public static HfConfig Read(string file, string text)
    {
        using var document = JsonFields.Parse(file, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ImportInputException(file, "a config.json is a JSON object; this file is not.");
        }

        return Map(new JsonFields(file, document.RootElement));
    }

    private static HfConfig Map(JsonFields root)
    {
        var modelType = root.OptionalString("model_type") ?? throw root.Missing("model_type");
        var hfArchitecture = root.OptionalStrings("architectures") is [var first, ..] ? first : null;
        var c = root;
        var comments = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();

        // Gemma 3's multimodal checkpoints wrap the decoder's keys in text_config; the decoder is what the
        // catalog describes (the vision tower is the card's "scope" to mention).
        if (modelType == "gemma3")
        {
            c = root.OptionalObject("text_config") ?? throw root.Missing("text_config");
            modelType = "gemma3_text";
            warnings.Add("the config wraps a vision tower (vision_config) around the text decoder; the draft describes the decoder only: set params.scope if the card's total counts the vision encoder.");
        }

        if (!SupportedModelTypes.Contains(modelType))
        {
            throw new ImportInputException(root.File, "model_type '" + modelType + "' is not one this importer maps; supported: " + string.Join(", ", SupportedModelTypes) + ". Write the architecture block by hand from content/SCHEMA.md.");
        }

        var family = modelType switch
        {
            "kimi_k2" => "deepseek_v3", // Kimi K2 ships DeepseekV3ForCausalLM with its own model_type
            "gemma3_text" => "gemma3",
            _ => modelType,
        };

        var layers = c.Int("num_hidden_layers");
        var hidden = c.Int("hidden_size");
        var heads = c.Int("num_attention_heads");
        var kvHeads = c.OptionalInt("num_key_value_heads");
        if (kvHeads is null)
        {
            comments["kv_heads"] = "num_key_value_heads absent: transformers uses num_attention_heads";
        }

        var mla = family == "deepseek_v3";
        int headDim;
        if (mla)
        {
            headDim = c.Int("qk_nope_head_dim");
            comments["head_dim"] = "= qk_nope_head_dim; MLA q/k heads are qk_nope_head_dim + qk_rope_head_dim wide";
        }
        else if (c.OptionalInt("head_dim") is { } explicitHeadDim)
        {
            headDim = explicitHeadDim;
        }
        else
        {
            if (hidden % heads != 0)
            {
                throw new ImportInputException(root.File, c.Prefix + "head_dim is absent and hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads + ".");
            }

            headDim = hidden / heads;
            comments["head_dim"] = "head_dim absent: hidden_size / num_attention_heads, as transformers computes it";
        }

        var tied = c.OptionalBool("tie_word_embeddings");
        if (tied is null)
        {
            // PretrainedConfig defaults to tied embeddings; the Llama, Mistral, Qwen, DeepSeek and gpt-oss classes override it.
            tied = family is "gemma2" or "gemma3";
            comments["tied_embeddings"] = "tie_word_embeddings absent: the " + modelType + " config class defaults to " + (tied.Value ? "true" : "false");
        }

        var attentionBias = c.OptionalBool("attention_bias") ?? false;
        var qkvBias = family switch
        {
            "qwen2" => true, // Qwen2 puts a bias on q, k and v whatever the config says
            "mixtral" or "deepseek_v3" => false,
            _ => attentionBias,
        };
        if (family == "qwen2")
        {
            comments["qkv_bias"] = "Qwen2 attention has q/k/v biases (fixed in the model class)";
        }

        // o_proj takes attention_bias in these classes; Mistral, Mixtral, Qwen2 and GLM-4.5 never bias it.
        var oBias = family is "llama" or "qwen3" or "qwen3_moe" or "gpt_oss" or "gemma2" or "gemma3" && attentionBias;
        var qkNorm = family switch
        {
            "qwen3" or "qwen3_moe" or "gemma3" => true,
            "glm4_moe" => c.OptionalBool("use_qk_norm") ?? false,
            _ => false,
        };
        if (family is "qwen3" or "qwen3_moe" or "gemma3")
        {
            comments["qk_norm"] = "q/k RMSNorm is part of the " + modelType + " attention class";
        }

        var normsPerLayer = family is "gemma2" or "gemma3" ? 4 : 2;
        if (normsPerLayer == 4)
        {
            comments["norms_per_layer"] = "Gemma 2/3 layers norm before and after both attention and MLP";
        }

        var (localLayers, window) = LocalAttention(c, family, layers, comments, warnings);
        var attention = new AttentionData
        {
            Kind = mla ? AttentionKind.Mla : (kvHeads ?? heads) == heads ? AttentionKind.Mha : (kvHeads ?? heads) == 1 ? AttentionKind.Mqa : AttentionKind.Gqa,
            LocalLayers = localLayers,
            Window = window,
            Sinks = family == "gpt_oss",
            OBias = oBias,
            QLoraRank = mla ? c.OptionalInt("q_lora_rank") : null,
            KvLoraRank = mla ? c.Int("kv_lora_rank") : null,
            QkRopeHeadDim = mla ? c.Int("qk_rope_head_dim") : null,
            QkNopeHeadDim = mla ? c.Int("qk_nope_head_dim") : null,
            VHeadDim = mla ? c.Int("v_head_dim") : null,
        };
        if (family == "gpt_oss")
        {
            comments["attention.sinks"] = "gpt-oss attention keeps one learned sink logit per head";
        }

        var moe = Moe(c, family, comments, warnings);
        var hasDenseLayers = moe is null || moe.DenseLayers > 0 || moe.InterleaveStep > 1;
        var mtp = c.OptionalInt("num_nextn_predict_layers") ?? 0;
        var architecture = new ArchitectureData
        {
            Src = "config",
            Kind = moe is null ? ModelKind.Dense : ModelKind.Moe,
            Layers = layers,
            Hidden = hidden,
            Intermediate = hasDenseLayers ? c.Int("intermediate_size") : null,
            Heads = heads,
            KvHeads = kvHeads ?? heads,
            HeadDim = headDim,
            Vocab = c.Int("vocab_size"),
            MaxPosition = c.OptionalLong("max_position_embeddings"),
            TiedEmbeddings = tied.Value,
            HfArchitecture = hfArchitecture,
            MtpLayers = mtp,
            QkvBias = qkvBias,
            QkNorm = qkNorm,
            NormsPerLayer = normsPerLayer,
            Attention = attention,
            Moe = moe,
        };

        var (dtype, dtypeText) = Dtype(root, c, warnings);
        return new HfConfig(architecture, modelType, dtype, dtypeText, comments, warnings);
    }

    private static (int Layers, int? Window) LocalAttention(JsonFields c, string family, int layers, IDictionary<string, string> comments, List<string> warnings)
    {
        var window = c.OptionalInt("sliding_window");
        if (c.OptionalStrings("layer_types") is { } types)
        {
            if (types.Count != layers)
            {
                throw new ImportInputException(c.File, "'" + c.Prefix + "layer_types' lists " + types.Count + " layers but num_hidden_layers is " + layers + ".");
            }

            var sliding = types.Count(t => t == "sliding_attention");
            var unknown = types.Where(t => t is not ("sliding_attention" or "full_attention")).Distinct().ToList();
            if (unknown.Count > 0)
            {
                warnings.Add("layer_types holds " + string.Join(", ", unknown) + ", which the catalog does not model; only sliding_attention layers are counted as local.");
            }

            if (sliding == 0)
            {
                return (0, null);
            }

            comments["attention.local_layers"] = sliding + " of " + layers + " layer_types are sliding_attention";
            return (sliding, window ?? throw c.Missing("sliding_window"));
        }

        switch (family)
        {
            case "mistral" or "mixtral" when window is { } w && (c.OptionalLong("max_position_embeddings") is not { } max || w < max):
                comments["attention.local_layers"] = "Mistral applies sliding_window " + w + " on every layer";
                return (layers, w);
            case "gemma2":
                // Gemma2Config without layer_types: even layers (0, 2, ...) slide, odd layers attend globally.
                comments["attention.local_layers"] = "no layer_types: Gemma 2 alternates sliding (even) and global (odd) layers";
                return ((layers + 1) / 2, window ?? 4096);
            case "gemma3":
                var pattern = c.OptionalInt("sliding_window_pattern") ?? 6;
                var global = layers / pattern;
                comments["attention.local_layers"] = "no layer_types: every " + pattern.ToString(CultureInfo.InvariantCulture) + "th layer is global (sliding_window_pattern), the rest slide";
                return (layers - global, window ?? 4096);
            case "qwen2" or "qwen3" or "qwen3_moe" when c.OptionalBool("use_sliding_window") == true:
                warnings.Add("use_sliding_window is true: which layers slide (max_window_layers) is not mapped; set attention.local_layers and window by hand.");
                return (0, null);
            default:
                return (0, null);
        }
    }

    private static MoeData? Moe(JsonFields c, string family, IDictionary<string, string> comments, List<string> warnings)
    {
        switch (family)
        {
            case "mixtral":
                return new MoeData
                {
                    Experts = c.Int("num_local_experts"),
                    ExpertsPerToken = c.Int("num_experts_per_tok"),
                    ExpertIntermediate = c.Int("intermediate_size"),
                };
            case "qwen3_moe":
                if (c.OptionalStrings("mlp_only_layers") is { Count: > 0 })
                {
                    throw new ImportInputException(c.File, "'mlp_only_layers' lists dense layers out of order, which the catalog cannot describe (it has leading dense layers and an interleave step); write the moe block by hand.");
                }

                return new MoeData
                {
                    Experts = c.Int("num_experts"),
                    ExpertsPerToken = c.Int("num_experts_per_tok"),
                    ExpertIntermediate = c.Int("moe_intermediate_size"),
                    InterleaveStep = c.OptionalInt("decoder_sparse_step") ?? 1,
                };
            case "deepseek_v3" or "glm4_moe":
                comments["moe.router_bias"] = "the router keeps e_score_correction_bias (noaux_tc routing)";
                if (family == "deepseek_v3" && c.OptionalString("topk_method") is { } method && method != "noaux_tc")
                {
                    warnings.Add("topk_method is '" + method + "', not noaux_tc: check moe.router_bias.");
                }

                return new MoeData
                {
                    Experts = c.Int("n_routed_experts"),
                    ExpertsPerToken = c.Int("num_experts_per_tok"),
                    SharedExperts = c.OptionalInt("n_shared_experts") ?? throw c.Missing("n_shared_experts"),
                    ExpertIntermediate = c.Int("moe_intermediate_size"),
                    DenseLayers = c.OptionalInt("first_k_dense_replace") ?? 0,
                    InterleaveStep = c.OptionalInt("moe_layer_freq") ?? 1,
                    RouterBias = true,
                };
            case "gpt_oss":
                comments["moe.expert_bias"] = "gpt-oss router and experts carry biases (model class)";
                return new MoeData
                {
                    Experts = c.Int("num_local_experts"),
                    ExpertsPerToken = c.OptionalInt("num_experts_per_tok") ?? c.Int("experts_per_token"),
                    ExpertIntermediate = c.Int("intermediate_size"),
                    RouterBias = true,
                    ExpertBias = true,
                };
            default:
                return null;
        }
    }

    private static (Precision?, string?) Dtype(JsonFields root, JsonFields text, List<string> warnings)
    {
        if ((root.OptionalObject("quantization_config") ?? text.OptionalObject("quantization_config")) is { } quantization)
        {
            var method = quantization.OptionalString("quant_method");
            Precision? quantized = method switch
            {
                "fp8" => Precision.Fp8,
                "mxfp4" => Precision.Mxfp4,
                _ => null,
            };
            if (quantized is null)
            {
                warnings.Add("quantization_config.quant_method is '" + method + "': the checkpoint's precision is not one the importer names; add checkpoints by hand.");
            }

            return (quantized, "quantization_config.quant_method " + method);
        }

        var dtype = root.OptionalString("torch_dtype") ?? root.OptionalString("dtype") ?? text.OptionalString("torch_dtype") ?? text.OptionalString("dtype");
        Precision? precision = dtype switch
        {
            "bfloat16" => Precision.Bf16,
            "float16" => Precision.Fp16,
            _ => null,
        };
        if (dtype is not null && precision is null)
        {
            warnings.Add("the config's dtype is '" + dtype + "', which has no catalog precision; add checkpoints by hand.");
        }

        return (precision, dtype is null ? null : "torch_dtype " + dtype);
    }
}
