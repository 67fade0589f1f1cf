using System;

namespace Reports.Specs.Content;

/// <summary>What one layer holds: its token mixer and its feed-forward block.</summary>
public enum LayerMixer
{
    None,
    FullAttention,
    LocalAttention,
    Linear,
}

public enum LayerFfn
{
    None,
    Dense,
    Moe,
}

/// <summary>
/// The per-layer view of a decoder, read from <c>architecture.layout</c> when the config spells the layers
/// out, or from the counts (local_layers, linear_layers, moe.dense_layers, moe.interleave_step) otherwise.
/// Parameter counts, KV and state sizes and the speed model all count layers through this one reading.
/// </summary>
public sealed class LayerLayout
{
    /// <summary>The characters <c>architecture.layout</c> may hold, and what each means.</summary>
    public const string Alphabet = "FSL*M-E";

    private readonly LayerMixer[] mixers;
    private readonly LayerFfn[] ffns;

    private LayerLayout(LayerMixer[] mixers, LayerFfn[] ffns)
    {
        this.mixers = mixers;
        this.ffns = ffns;
        foreach (var m in mixers)
        {
            switch (m)
            {
                case LayerMixer.FullAttention: FullAttentionLayers++; break;
                case LayerMixer.LocalAttention: LocalAttentionLayers++; break;
                case LayerMixer.Linear: LinearLayers++; break;
            }
        }

        foreach (var f in ffns)
        {
            switch (f)
            {
                case LayerFfn.Dense: DenseFfnLayers++; break;
                case LayerFfn.Moe: MoeLayers++; break;
            }
        }
    }

    public int Layers => mixers.Length;

    public int FullAttentionLayers { get; }

    public int LocalAttentionLayers { get; }

    /// <summary>Layers that keep a KV cache.</summary>
    public int AttentionLayers => FullAttentionLayers + LocalAttentionLayers;

    /// <summary>Layers with a fixed-size recurrent state instead of a KV cache.</summary>
    public int LinearLayers { get; }

    public int DenseFfnLayers { get; }

    public int MoeLayers { get; }

    public LayerMixer Mixer(int layer) => mixers[layer];

    public LayerFfn Ffn(int layer) => ffns[layer];

    public static LayerLayout Of(ArchitectureData a)
    {
        var layers = Math.Max(0, a.Layers);
        var mixers = new LayerMixer[layers];
        var ffns = new LayerFfn[layers];
        if (a.Layout is { Length: > 0 } layout)
        {
            for (var i = 0; i < layers; i++)
            {
                var c = i < layout.Length ? layout[i] : 'F';
                mixers[i] = c switch
                {
                    'F' or '*' => LayerMixer.FullAttention,
                    'S' => LayerMixer.LocalAttention,
                    'L' or 'M' => LayerMixer.Linear,
                    _ => LayerMixer.None,
                };
                ffns[i] = c switch
                {
                    'F' or 'S' or 'L' => CountedFfn(a, i),
                    '-' => LayerFfn.Dense,
                    'E' => LayerFfn.Moe,
                    _ => LayerFfn.None,
                };
            }

            return new LayerLayout(mixers, ffns);
        }

        // Without a layout the counts say how many layers are local or linear, not which: the counts are all
        // that parameters, caches and step times need.
        var local = a.Attention.LocalLayers;
        var linear = a.Attention.LinearLayers;
        for (var i = 0; i < layers; i++)
        {
            mixers[i] = i < linear ? LayerMixer.Linear : i < linear + local ? LayerMixer.LocalAttention : LayerMixer.FullAttention;
            ffns[i] = CountedFfn(a, i);
        }

        return new LayerLayout(mixers, ffns);
    }

    /// <summary>The FFN of a layer that has one: MoE after the leading dense layers on every interleave_step-th layer.</summary>
    private static LayerFfn CountedFfn(ArchitectureData a, int layer)
    {
        if (a.Kind != ModelKind.Moe || a.Moe is not { } moe)
        {
            return LayerFfn.Dense;
        }

        var step = Math.Max(1, moe.InterleaveStep);
        return layer >= moe.DenseLayers && layer % step == step - 1 ? LayerFfn.Moe : LayerFfn.Dense;
    }

    /// <summary>Characters of a layout string outside <see cref="Alphabet"/>, for the validation message.</summary>
    public static string UnknownCharacters(string layout)
    {
        var unknown = new System.Text.StringBuilder();
        foreach (var c in layout)
        {
            if (Alphabet.IndexOf(c) < 0 && unknown.ToString().IndexOf(c) < 0)
            {
                unknown.Append(c);
            }
        }

        return unknown.ToString();
    }
}
