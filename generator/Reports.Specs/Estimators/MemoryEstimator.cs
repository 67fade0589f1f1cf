using System.Runtime.CompilerServices;
using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Parameters, weight bytes and KV-cache bytes of a model. Pure functions of the catalog data.</summary>
public static class MemoryEstimator
{
    /// <summary>The parameters the weights hold: the vendor's stated total.</summary>
    public static Estimate ParamsTotal(ModelData model)
        => new("Total parameters", model.Params.Total.Value, "parameters", "params.config",
            [new EstimateInput("Total parameters (vendor)", model.Params.Total.Value, "parameters", Src(model, model.Params.Total))], [], Tier.Vendor);

    /// <summary>Parameters used per token: the vendor's active figure for a MoE, all of them for a dense model.</summary>
    public static Estimate ParamsActive(ModelData model)
    {
        if (model.Params.Active is { } active)
        {
            return new Estimate("Active parameters per token", active.Value, "parameters", "params.config",
                [new EstimateInput("Active parameters (vendor)", active.Value, "parameters", Src(model, active))],
                model.Params.ActiveExcludesEmbedding ? ["The vendor's active count leaves out the input embedding, which a token reads one row of."] : [],
                Tier.Vendor);
        }

        return ParamsTotal(model) with { Name = "Active parameters per token" };
    }

    /// <summary>The number <see cref="ParamsActive"/> reports, without provenance: for hot loops.</summary>
    public static double ActiveParameters(ModelData model) => model.Params.Active?.Value ?? model.Params.Total.Value;

    public static double BitsPerWeight(Precision precision, int int4GroupSize) => precision switch
    {
        Precision.Bf16 or Precision.Fp16 => 16,
        Precision.Fp8 or Precision.Int8 => 8,
        Precision.Int4 => 4 + (16.0 / int4GroupSize),
        Precision.Mxfp4 => 4.25,
        Precision.Nvfp4 => 4.5,
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    /// <summary>The vendor's checkpoint at a precision, whose published size replaces parameters x bits.</summary>
    public static CheckpointData? PublishedCheckpoint(ModelData model, Precision precision)
    {
        // A loop, not FirstOrDefault: weights are sized millions of times a build, and a capturing lambda is an allocation each time.
        foreach (var c in model.Checkpoints)
        {
            if (c.Precision == precision && WeightFormats.IsPlainPrecision(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The number <see cref="Weights"/> reports, without its provenance: for hot loops.</summary>
    public static double WeightBytes(ModelData model, Precision precision, Assumptions assumptions)
    {
        if (PublishedCheckpoint(model, precision) is { } checkpoint)
        {
            return Units.Bytes(checkpoint.Size, checkpoint.Unit);
        }

        return (DecoderParameters(model) * BitsPerWeight(precision, assumptions.Int4GroupSize) / 8) + EncoderBytes(model);
    }

    /// <summary>Parameters of the text decoder alone: the vendor's total, less the encoders when it counts them.</summary>
    public static double DecoderParameters(ModelData model)
        => model.Params.Total.Value - (model.Params.IncludesEncoders ? EncoderParameters(model) : 0);

    public static double EncoderParameters(ModelData model)
    {
        var sum = 0.0;
        foreach (var e in model.Encoders)
        {
            sum += e.Params.Value;
        }

        return sum;
    }

    /// <summary>Encoders stay at 16 bits when the decoder is quantized (vLLM and llama.cpp's mmproj keep them so).</summary>
    public static double EncoderBytes(ModelData model) => EncoderParameters(model) * 2;

    /// <summary>The number <see cref="KvAtContext"/> reports, without its provenance: for hot loops.</summary>
    public static double KvBytesAt(ModelData model, long contextTokens, bool fp8Kv = false)
    {
        var a = model.Architecture;
        var (full, local) = KvBytesPerToken(a, fp8Kv);
        return (full * contextTokens) + (local * Math.Min(contextTokens, a.Attention.Window ?? 0)) + LinearStateBytes(a);
    }

    /// <summary>KV bytes (the indexer's cache included) one token adds across the full-attention layers and across the local ones.</summary>
    public static (double Full, double Local) KvBytesPerToken(ArchitectureData a, bool fp8Kv)
    {
        var layout = LayerLayout.Of(a);
        var indexer = IndexerBytesPerLayerToken(a);
        return ((KvBytesPerLayerToken(a, fp8Kv, fullAttention: true) + indexer) * layout.FullAttentionLayers,
                (KvBytesPerLayerToken(a, fp8Kv) + indexer) * layout.LocalAttentionLayers);
    }

    /// <summary>
    /// KV bytes one token adds in one attention layer: K and V of every KV head (a full-attention layer's own
    /// head width and KV heads where the model sets them), or MLA's shared latent and RoPE key. The one rule
    /// every KV figure (per token, at a context, in the speed model) is built from. A layer whose key is its
    /// value still caches both: transformers' cache keeps the normed value apart from the roped key.
    /// </summary>
    public static double KvBytesPerLayerToken(ArchitectureData a, bool fp8Kv, bool fullAttention = false)
    {
        var bytes = KvElementBytes(fp8Kv);
        return a.Attention.Kind == AttentionKind.Mla
            ? ((double)(a.Attention.KvLoraRank ?? 0) + (a.Attention.QkRopeHeadDim ?? 0)) * bytes
            : 2.0 * ParameterCount.KvHeads(a, fullAttention) * ParameterCount.HeadDim(a, fullAttention) * bytes;
    }

    /// <summary>The sparse-attention indexer's own key cache per token per layer; stored in its own format, whatever the KV dtype.</summary>
    public static double IndexerBytesPerLayerToken(ArchitectureData a) => a.Attention.Indexer?.CacheBytes ?? 0;

    /// <summary>Fixed-size recurrent state of one sequence across the linear layers of a hybrid model.</summary>
    public static double LinearStateBytes(ArchitectureData a) => LayerLayout.Of(a).LinearLayers * ParameterCount.LinearStateBytesPerLayer(a);

    /// <summary>Weight bytes at a precision; a published checkpoint at that precision wins over the formula.</summary>
    public static Estimate Weights(ModelData model, Precision precision, Assumptions assumptions)
    {
        var checkpoint = PublishedCheckpoint(model, precision);
        if (checkpoint is not null)
        {
            var bytes = Units.Bytes(checkpoint.Size, checkpoint.Unit);
            return new Estimate(
                "Weights at " + Units.Name(precision), bytes, "bytes", "weights.bytes",
                [new EstimateInput("Published checkpoint size", checkpoint.Size, checkpoint.Unit, Src(model, checkpoint))],
                ["The published " + Units.Name(precision) + " checkpoint size is used instead of parameters x bits."],
                Tier.Vendor);
        }

        var parameters = ParamsTotal(model);
        var bits = BitsPerWeight(precision, assumptions.Int4GroupSize);
        var inputs = new List<EstimateInput>
        {
            parameters.AsInput("Total parameters"),
            new("Bits per weight", bits, "bits", "formula: weights.bits"),
        };
        var notes = new List<string>();
        if (precision == Precision.Int4)
        {
            inputs.Add(assumptions.Input("int4_group_size"));
            notes.Add("INT4 with a 16-bit scale per group of " + assumptions.Int4GroupSize + " weights.");
        }

        if (model.Architecture.Kind == ModelKind.Moe)
        {
            notes.Add("A MoE keeps every expert in memory: weights follow total, not active, parameters.");
        }

        foreach (var encoder in model.Encoders)
        {
            inputs.Add(new EstimateInput(encoder.Kind + " encoder parameters", encoder.Params.Value, "parameters", Src(model, encoder.Params)));
        }

        if (model.Encoders.Count > 0)
        {
            notes.Add("The " + string.Join(" and ", model.Encoders.Select(e => e.Kind.ToString().ToLowerInvariant())) + " encoder stays at 16 bits; the decoder's weights take the precision.");
        }

        return new Estimate("Weights at " + Units.Name(precision), WeightBytes(model, precision, assumptions), "bytes", "weights.bytes", inputs, notes, Tier.Derived);
    }

    /// <summary>Bytes read from weights per generated token (batch 1): active parameters at the precision.</summary>
    public static Estimate ActiveWeightBytes(ModelData model, Precision precision, Assumptions assumptions)
    {
        var active = ParamsActive(model);
        var total = Weights(model, precision, assumptions);
        // With a published checkpoint, scale its size by the active share so format overheads carry over.
        var bytes = total.Value * active.Value / model.Params.Total.Value;
        return new Estimate("Active weight bytes per token at " + Units.Name(precision), bytes, "bytes", "weights.bytes",
            [active.AsInput(), total.AsInput("Weights"), ], [], Tier.Derived);
    }

    /// <summary>Bytes of KV per element: 2 at 16-bit KV, 1 with an FP8 KV cache.</summary>
    public static int KvElementBytes(bool fp8Kv) => fp8Kv ? 1 : 2;

    /// <summary>KV bytes one token adds across the attention layers, summed as if all were global.</summary>
    public static Estimate KvPerToken(ModelData model, bool fp8Kv = false)
    {
        var memo = KvPerTokenMemo.GetValue(model, m => new KvPerTokenPair(new Lazy<Estimate>(() => ComputeKvPerToken(m, false)), new Lazy<Estimate>(() => ComputeKvPerToken(m, true))));
        return (fp8Kv ? memo.Fp8 : memo.Bf16).Value;
    }

    // Every fit and every speed step names the KV per token among its inputs; the estimate is a pure function of the
    // immutable model record, built once per record and format instead of once per setup.
    private sealed record KvPerTokenPair(Lazy<Estimate> Bf16, Lazy<Estimate> Fp8);

    private static readonly ConditionalWeakTable<ModelData, KvPerTokenPair> KvPerTokenMemo = new();

    private static Estimate ComputeKvPerToken(ModelData model, bool fp8Kv)
    {
        var a = model.Architecture;
        var layout = LayerLayout.Of(a);
        var bytes = KvElementBytes(fp8Kv);
        var (full, local) = KvBytesPerToken(a, fp8Kv);
        var perToken = full + local;

        var notes = new List<string>();
        if (layout.LocalAttentionLayers > 0)
        {
            notes.Add(layout.LocalAttentionLayers + " of " + a.Layers + " layers keep at most " + a.Attention.Window + " tokens (" + a.Attention.LocalKind.ToString().ToLowerInvariant()
                      + "): beyond that window the bytes per token of context fall; see the figures at stated context lengths.");
        }

        if (layout.LinearLayers > 0 && a.Attention.Linear is { } linear)
        {
            notes.Add(layout.LinearLayers + " of " + a.Layers + " layers are " + (linear.Kind == LinearMixerKind.Mamba2 ? "Mamba-2 state-space layers" : "Gated DeltaNet linear-attention layers")
                      + " with no KV cache: each sequence holds a fixed " + (LinearStateBytes(a) / (1024.0 * 1024.0)).ToString("#,0.0", System.Globalization.CultureInfo.InvariantCulture) + " MiB" + " of recurrent state there, whatever its length; only the "
                      + layout.AttentionLayers + " attention layers add bytes per token.");
        }

        if (a.Attention.Kind == AttentionKind.Mla)
        {
            notes.Add("MLA caches one compressed latent per token shared by all heads; engines that expand it to per-head K/V need more.");
        }

        if (a.Attention.Indexer is { } indexer)
        {
            notes.Add("DeepSeek sparse attention adds an indexer key cache of " + indexer.CacheBytes + " bytes per token per layer; each query then attends to at most " + indexer.TopK.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + " tokens.");
        }

        return new Estimate("KV cache per token at " + (fp8Kv ? "FP8" : "16-bit"), perToken, "bytes", "kv.per_token", ConfigInputs(model, bytes), notes, Tier.Derived);
    }

    /// <summary>KV bytes of one sequence of <paramref name="contextTokens"/> tokens, windows applied per layer.</summary>
    public static Estimate KvAtContext(ModelData model, long contextTokens, bool fp8Kv = false)
    {
        var a = model.Architecture;
        var perToken = KvPerToken(model, fp8Kv);
        var local = LayerLayout.Of(a).LocalAttentionLayers;
        var window = a.Attention.Window ?? 0;
        var bytes = KvBytesAt(model, contextTokens, fp8Kv);
        var inputs = new List<EstimateInput>
        {
            perToken.AsInput(),
            new("Context", contextTokens, "tokens", "stated"),
        };
        if (local > 0)
        {
            inputs.Add(new EstimateInput("Local layers", local, "layers", "config"));
            inputs.Add(new EstimateInput("Window", window, "tokens", "config"));
        }

        if (LinearStateBytes(a) is > 0 and var state)
        {
            inputs.Add(new EstimateInput("Recurrent state of the linear layers", state, "bytes", "formula: kv.linear_state"));
        }

        return new Estimate("KV cache at " + contextTokens.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + " tokens", bytes, "bytes", "kv.at_context", inputs, perToken.Assumptions, Tier.Derived);
    }

    internal static string Src(ModelData model, IHasSource fact) => SourceLinks.Resolve(model.Sources, fact.Src);

    private static List<EstimateInput> ConfigInputs(ModelData model, int? kvBytes = null)
    {
        var a = model.Architecture;
        var src = Src(model, a);
        var inputs = new List<EstimateInput>
        {
            new("Layers", a.Layers, "layers", src),
            new("Hidden size", a.Hidden, "", src),
            new("Attention heads", a.Heads, "heads", src),
            new("KV heads", a.KvHeads, "heads", src),
            new("Head dimension", a.HeadDim, "", src),
        };
        if (a.Attention.GlobalHeadDim is { } globalHeadDim)
        {
            inputs.Add(new EstimateInput("Head dimension of full-attention layers", globalHeadDim, "", src));
        }

        if (a.Attention.GlobalKvHeads is { } globalKv)
        {
            inputs.Add(new EstimateInput("KV heads of full-attention layers", globalKv, "heads", src));
        }

        if (a.Attention.Kind == AttentionKind.Mla)
        {
            inputs.Add(new EstimateInput("KV LoRA rank", a.Attention.KvLoraRank ?? 0, "", src));
            inputs.Add(new EstimateInput("RoPE head dimension", a.Attention.QkRopeHeadDim ?? 0, "", src));
        }

        if (kvBytes is { } b)
        {
            inputs.Add(new EstimateInput("Bytes per KV element", b, "bytes", b == 1 ? "FP8 KV cache" : "16-bit KV cache"));
        }
        else
        {
            inputs.Add(new EstimateInput("Vocabulary", a.Vocab, "tokens", src));
            if (a.Intermediate is { } i)
            {
                inputs.Add(new EstimateInput("Dense FFN size", i, "", src));
            }

            if (a.Moe is { } moe)
            {
                inputs.Add(new EstimateInput("Routed experts", moe.Experts, "experts", src));
                inputs.Add(new EstimateInput("Experts per token", moe.ExpertsPerToken, "experts", src));
                inputs.Add(new EstimateInput("Shared experts", moe.SharedExperts, "experts", src));
                inputs.Add(new EstimateInput("Expert FFN size", moe.ExpertIntermediate, "", src));
            }
        }

        return inputs;
    }
}
