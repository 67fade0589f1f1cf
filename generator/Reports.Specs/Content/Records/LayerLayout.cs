using System;
using System.Runtime.CompilerServices;

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

    private readonly ArchitectureData architecture;

    // Counted once per call without a per-layer array: KV sizes, MoE overheads and attention FLOPs ask for these
    // counts inside the speed model's inner loops.
    private LayerLayout(ArchitectureData a)
    {
        architecture = a;
        for (var i = 0; i < Layers; i++)
        {
            switch (Mixer(i))
            {
                case LayerMixer.FullAttention: FullAttentionLayers++; break;
                case LayerMixer.LocalAttention: LocalAttentionLayers++; break;
                case LayerMixer.Linear: LinearLayers++; break;
            }

            switch (Ffn(i))
            {
                case LayerFfn.Dense: DenseFfnLayers++; break;
                case LayerFfn.Moe: MoeLayers++; break;
            }
        }
    }

    public int Layers => Math.Max(0, architecture.Layers);

    public int FullAttentionLayers { get; }

    public int LocalAttentionLayers { get; }

    /// <summary>Layers that keep a KV cache.</summary>
    public int AttentionLayers => FullAttentionLayers + LocalAttentionLayers;

    /// <summary>Layers with a fixed-size recurrent state instead of a KV cache.</summary>
    public int LinearLayers { get; }

    public int DenseFfnLayers { get; }

    public int MoeLayers { get; }

    // A layout is a pure function of an immutable architecture record, and the speed model asks for it in its
    // innermost loops (hundreds of thousands of steps a build): each record's layout is counted once and kept
    // beside it for as long as the record lives. Nothing observable changes; only the counting is not repeated.
    private static readonly ConditionalWeakTable<ArchitectureData, LayerLayout> Counted = new();

    public static LayerLayout Of(ArchitectureData a) => Counted.GetValue(a, x => new LayerLayout(x));

    /// <summary>
    /// The token mixer of a layer. Without a layout the counts say how many layers are local or linear, not which:
    /// the counts are all that parameters, caches and step times need.
    /// </summary>
    public LayerMixer Mixer(int layer)
    {
        var a = architecture;
        if (a.Layout is { Length: > 0 } layout)
        {
            return (layer < layout.Length ? layout[layer] : 'F') switch
            {
                'F' or '*' => LayerMixer.FullAttention,
                'S' => LayerMixer.LocalAttention,
                'L' or 'M' => LayerMixer.Linear,
                _ => LayerMixer.None,
            };
        }

        var linear = a.Attention.LinearLayers;
        return layer < linear ? LayerMixer.Linear : layer < linear + a.Attention.LocalLayers ? LayerMixer.LocalAttention : LayerMixer.FullAttention;
    }

    public LayerFfn Ffn(int layer)
    {
        var a = architecture;
        if (a.Layout is { Length: > 0 } layout)
        {
            return (layer < layout.Length ? layout[layer] : 'F') switch
            {
                'F' or 'S' or 'L' => CountedFfn(a, layer),
                '-' => LayerFfn.Dense,
                'E' => LayerFfn.Moe,
                _ => LayerFfn.None,
            };
        }

        return CountedFfn(a, layer);
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
