using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Parameter counts computed from a model's config, with the parts they add up from.</summary>
public sealed record ParameterBreakdown(
    double Attention,
    double DenseFfn,
    double MoeFfnTotal,
    double MoeFfnActive,
    double Norms,
    double Embeddings,
    double ActiveEmbeddings,
    int DenseLayers,
    int MoeLayers)
{
    /// <summary>Linear-attention or Mamba-2 mixers (hybrid models); part of <see cref="Attention"/>'s neighbours in the total.</summary>
    public double LinearMixers { get; init; }

    /// <summary>Multi-token-prediction layers: shipped with the checkpoint, left out of the vendor's total, read only when they draft.</summary>
    public double Mtp { get; init; }

    public double Total => Attention + LinearMixers + DenseFfn + MoeFfnTotal + Norms + Embeddings;

    public double Active => Attention + LinearMixers + DenseFfn + MoeFfnActive + Norms + ActiveEmbeddings;
}

/// <summary>
/// Decoder-only transformer parameter counts (see shared FORMULAS.md): GQA/MHA/MQA or MLA attention,
/// gated FFNs, MoE layers with routed and shared experts, interleaved or leading dense layers.
/// </summary>
public static class ParameterCount
{
    public static ParameterBreakdown Compute(ArchitectureData a, bool activeExcludesInputEmbedding = false)
    {
        double d = a.Hidden;
        var layout = LayerLayout.Of(a);
        var attention = (AttentionPerLayer(a) * layout.LocalAttentionLayers) + (AttentionPerLayer(a, fullAttention: true) * layout.FullAttentionLayers);
        var linear = LinearMixerPerLayer(a) * layout.LinearLayers;
        var norms = (double)a.NormsPerLayer * d * a.Layers + d;
        var embeddings = (double)a.Vocab * d * (a.TiedEmbeddings ? 1 : 2);

        var denseFfn = layout.DenseFfnLayers * FfnMatrices(a) * d * (a.Intermediate ?? 0);
        var (moeTotal, moeActive) = a.Moe is { } moe ? (layout.MoeLayers * MoeLayerTotal(a, moe), layout.MoeLayers * MoeLayerActive(a, moe)) : (0, 0);

        var activeEmbeddings = activeExcludesInputEmbedding && !a.TiedEmbeddings ? (double)a.Vocab * d : embeddings;
        return new ParameterBreakdown(attention, denseFfn, moeTotal, moeActive, norms, embeddings, activeEmbeddings, layout.DenseFfnLayers, layout.MoeLayers)
        {
            LinearMixers = linear,
            Mtp = a.MtpLayers * MtpLayer(a),
        };
    }

    /// <summary>Layers whose FFN is MoE: after the leading dense layers, every interleave_step-th layer (or the layout's).</summary>
    public static int CountMoeLayers(ArchitectureData a) => a.Kind == ModelKind.Moe && a.Moe is not null ? LayerLayout.Of(a).MoeLayers : 0;

    /// <summary>Matrices of a dense FFN: gate, up and down, or up and down without a gate.</summary>
    private static int FfnMatrices(ArchitectureData a) => a.GatedFfn ? 3 : 2;

    private static double MoeLayerTotal(ArchitectureData a, MoeData moe)
        => (moe.Experts * ExpertParameters(a, moe)) + SharedAndRouter(a, moe);

    private static double MoeLayerActive(ArchitectureData a, MoeData moe)
        => (moe.ExpertsPerToken * ExpertParameters(a, moe)) + SharedAndRouter(a, moe);

    private static double SharedAndRouter(ArchitectureData a, MoeData moe)
    {
        double d = a.Hidden;
        var shared = moe.SharedExperts * FfnMatrices(a) * d * (moe.SharedIntermediate ?? moe.ExpertIntermediate);
        var router = d * moe.Experts + (moe.RouterBias ? moe.Experts : 0);
        return shared + router;
    }

    /// <summary>
    /// One MTP layer (DeepSeek V3): a full decoder layer with the model's last FFN kind, the projection of the
    /// joined embedding and hidden state (2d x d) and its three norms. Its embedding and output head are the
    /// main model's, so they are not counted again.
    /// </summary>
    public static double MtpLayer(ArchitectureData a)
    {
        double d = a.Hidden;
        var ffn = a.Moe is { } moe ? MoeLayerTotal(a, moe) : FfnMatrices(a) * d * (a.Intermediate ?? 0);
        return AttentionPerLayer(a) + ffn + (a.NormsPerLayer * d) + (2 * d * d) + (3 * d);
    }

    /// <summary>
    /// Parameters of one linear mixer. Gated DeltaNet (transformers Qwen3NextGatedDeltaNet): in_proj_qkvz
    /// d x (2 key_dim + 2 value_dim), in_proj_ba d x 2 value_heads, a depthwise conv over q, k and v, dt_bias and
    /// A_log per value head, a norm of one value head, out_proj value_dim x d. Mamba-2 (NemotronH / Mamba2Mixer):
    /// in_proj d x (2 inner + 2 groups x state + heads), a conv with bias over x, B and C, dt_bias, A_log and D per
    /// head, a norm over the inner width, out_proj inner x d.
    /// </summary>
    public static double LinearMixerPerLayer(ArchitectureData a)
    {
        if (a.Attention.Linear is not { } l)
        {
            return 0;
        }

        double d = a.Hidden, k = l.ConvKernel, conv = ConvChannels(l);
        if (l.Kind == LinearMixerKind.GatedDeltanet)
        {
            double valueDim = (double)l.ValueHeads * l.ValueHeadDim, keyDim = (double)l.KeyHeads * l.KeyHeadDim;
            return (d * ((2 * keyDim) + (2 * valueDim))) + (d * 2 * l.ValueHeads) + (conv * k) + (2.0 * l.ValueHeads) + l.ValueHeadDim + (valueDim * d);
        }

        // Mamba-2: key_heads = n_groups, key_head_dim = ssm_state_size, value_heads = mamba_num_heads, value_head_dim = mamba_head_dim.
        var inner = (double)l.ValueHeads * l.ValueHeadDim;
        return (d * (inner + conv + l.ValueHeads)) + (conv * k) + conv + (3.0 * l.ValueHeads) + inner + (inner * d);
    }

    /// <summary>
    /// Channels of the mixer's depthwise convolution: q and k (GDN) or B and C (Mamba-2), key_heads x key_head_dim
    /// each, plus v or x, value_heads x value_head_dim. With the field mapping above both kinds share this shape.
    /// </summary>
    private static double ConvChannels(LinearMixerData l) => (2.0 * l.KeyHeads * l.KeyHeadDim) + ((double)l.ValueHeads * l.ValueHeadDim);

    /// <summary>
    /// Bytes of recurrent state one sequence holds in one linear layer, whatever its length: the convolution's
    /// last kernel-1 inputs plus the recurrent matrix, value_heads x key_head_dim x value_head_dim (Gated DeltaNet);
    /// with the Mamba-2 mapping that is heads x state x head_dim, the same product.
    /// </summary>
    public static double LinearStateBytesPerLayer(ArchitectureData a)
    {
        if (a.Attention.Linear is not { } l)
        {
            return 0;
        }

        var conv = ConvChannels(l) * (l.ConvKernel - 1);
        var recurrent = (double)l.ValueHeads * l.KeyHeadDim * l.ValueHeadDim;
        return (conv + recurrent) * l.StateBytes;
    }

    /// <summary>Parameters of all routed experts: what a MoE keeps in memory but reads only in part.</summary>
    /// <summary>Head width of a layer: the global one on full-attention layers when the model sets it.</summary>
    public static int HeadDim(ArchitectureData a, bool fullAttention) => fullAttention && a.Attention.GlobalHeadDim is { } g ? g : a.HeadDim;

    /// <summary>KV heads of a layer: the global count on full-attention layers when the model sets it.</summary>
    public static int KvHeads(ArchitectureData a, bool fullAttention) => fullAttention && a.Attention.GlobalKvHeads is { } g ? g : a.KvHeads;

    public static double RoutedExpertParameters(ArchitectureData a)
        => a.Moe is { } moe ? CountMoeLayers(a) * moe.Experts * ExpertParameters(a, moe) : 0;

    /// <summary>
    /// Parameters of one attention layer. A full-attention layer takes the global head width and KV heads where the
    /// model sets them, and has no value projection when its key is its value.
    /// </summary>
    public static double AttentionPerLayer(ArchitectureData a, bool fullAttention = false)
    {
        var at = a.Attention;
        double d = a.Hidden, h = a.Heads, kv = KvHeads(a, fullAttention), hd = HeadDim(a, fullAttention);
        var kvProjections = fullAttention && at.GlobalKEqV ? 1 : 2;
        double p;
        if (at.Kind == AttentionKind.Mla)
        {
            double rope = at.QkRopeHeadDim ?? 0, nope = at.QkNopeHeadDim ?? 0, v = at.VHeadDim ?? 0, kvl = at.KvLoraRank ?? 0;
            var query = at.QLoraRank is { } ql
                ? (d * ql) + ql + (ql * h * (nope + rope))   // low-rank query with its norm
                : d * h * (nope + rope);
            p = query + (d * (kvl + rope)) + kvl + (kvl * h * (nope + v)) + (h * v * d);
        }
        else
        {
            p = (d * h * hd) + (kvProjections * d * kv * hd) + (h * hd * d);
            if (a.QkvBias)
            {
                p += (h * hd) + (kvProjections * kv * hd);
            }

            if (a.QkNorm)
            {
                p += 2 * hd;
            }

            if (at.OutputGate)
            {
                // The query projection also produces the gate: twice its width.
                p += d * h * hd;
            }
        }

        if (at.Indexer is { } ix && at.QLoraRank is { } qLora)
        {
            // DeepSeek V3.2's indexer: wq_b (q_lora -> heads x head_dim), wk (d -> head_dim) with its LayerNorm, a per-head weight projection.
            p += (qLora * ix.Heads * ix.HeadDim) + (d * ix.HeadDim) + (2.0 * ix.HeadDim) + (d * ix.Heads);
        }

        if (at.OBias)
        {
            p += d;
        }

        if (at.Sinks)
        {
            p += h;
        }

        return p;
    }

    public static double ExpertParameters(ArchitectureData a, MoeData moe)
    {
        double d = a.Hidden, i = moe.ExpertIntermediate;
        // gpt-oss fuses gate and up projections and gives both expert matrices a bias.
        return moe.ExpertBias ? (d * 2 * i) + (2 * i) + (i * d) + d : FfnMatrices(a) * d * i;
    }
}
