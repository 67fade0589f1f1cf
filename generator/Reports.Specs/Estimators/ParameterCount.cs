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
    public double Total => Attention + DenseFfn + MoeFfnTotal + Norms + Embeddings;

    public double Active => Attention + DenseFfn + MoeFfnActive + Norms + ActiveEmbeddings;
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
        var attention = AttentionPerLayer(a) * a.Layers;
        var norms = (double)a.NormsPerLayer * d * a.Layers + d;
        var embeddings = (double)a.Vocab * d * (a.TiedEmbeddings ? 1 : 2);

        var moeLayers = CountMoeLayers(a);
        var denseLayers = a.Layers - moeLayers;
        var denseFfn = denseLayers * 3 * d * (a.Intermediate ?? 0);

        double moeTotal = 0, moeActive = 0;
        if (a.Moe is { } moe)
        {
            var expert = ExpertParameters(d, moe);
            var shared = moe.SharedExperts * 3 * d * moe.ExpertIntermediate;
            var router = d * moe.Experts + (moe.RouterBias ? moe.Experts : 0);
            moeTotal = moeLayers * ((moe.Experts * expert) + shared + router);
            moeActive = moeLayers * ((moe.ExpertsPerToken * expert) + shared + router);
        }

        var activeEmbeddings = activeExcludesInputEmbedding && !a.TiedEmbeddings ? (double)a.Vocab * d : embeddings;
        return new ParameterBreakdown(attention, denseFfn, moeTotal, moeActive, norms, embeddings, activeEmbeddings, denseLayers, moeLayers);
    }

    /// <summary>Layers whose FFN is MoE: after the leading dense layers, every interleave_step-th layer.</summary>
    public static int CountMoeLayers(ArchitectureData a)
    {
        if (a.Kind != ModelKind.Moe || a.Moe is null)
        {
            return 0;
        }

        var count = 0;
        for (var layer = 0; layer < a.Layers; layer++)
        {
            if (layer >= a.Moe.DenseLayers && layer % a.Moe.InterleaveStep == a.Moe.InterleaveStep - 1)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Parameters of all routed experts: what a MoE keeps in memory but reads only in part.</summary>
    public static double RoutedExpertParameters(ArchitectureData a)
        => a.Moe is { } moe ? CountMoeLayers(a) * moe.Experts * ExpertParameters(a.Hidden, moe) : 0;

    public static double AttentionPerLayer(ArchitectureData a)
    {
        double d = a.Hidden, h = a.Heads, kv = a.KvHeads, hd = a.HeadDim;
        var at = a.Attention;
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
            p = (d * h * hd) + (2 * d * kv * hd) + (h * hd * d);
            if (a.QkvBias)
            {
                p += (h * hd) + (2 * kv * hd);
            }

            if (a.QkNorm)
            {
                p += 2 * hd;
            }
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

    public static double ExpertParameters(double d, MoeData moe)
    {
        double i = moe.ExpertIntermediate;
        // gpt-oss fuses gate and up projections and gives both expert matrices a bias.
        return moe.ExpertBias ? (d * 2 * i) + (2 * i) + (i * d) + d : 3 * d * i;
    }
}
