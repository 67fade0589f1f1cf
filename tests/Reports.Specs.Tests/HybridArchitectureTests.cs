using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;
using Shouldly;

namespace Reports.Specs.Tests;

/// <summary>
/// Hybrid (Gated DeltaNet, Mamba-2) models on their real configs: parameters, KV and recurrent state are checked
/// against arithmetic done by hand from the config.json and the layer code (transformers Qwen3NextGatedDeltaNet,
/// NemotronHMamba2Mixer; vLLM's MambaStateShapeCalculator for the state shapes).
/// </summary>
public sealed class HybridArchitectureTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;

    private static ModelData Model(string id) => Data.Models.Single(m => m.Id.Value == id);

    [Fact]
    public void Qwen3_next_counts_only_its_twelve_attention_layers_in_the_kv_cache()
    {
        var model = Model("qwen3-next-80b-a3b-instruct");
        var layout = LayerLayout.Of(model.Architecture);
        layout.FullAttentionLayers.ShouldBe(12);
        layout.LinearLayers.ShouldBe(36);

        // 12 layers x (K and V) x 2 KV heads x 256 head dim x 2 bytes.
        MemoryEstimator.KvPerToken(model).Value.ShouldBe(12 * 2 * 2 * 256 * 2);

        // Per Gated DeltaNet layer: conv state 3 x (2 x 16 x 128 + 32 x 128) and recurrent state 32 x 128 x 128, at 2 bytes.
        MemoryEstimator.LinearStateBytes(model.Architecture).ShouldBe(36 * ((3 * 8192) + (32 * 128 * 128)) * 2.0);

        // The state does not grow with the sequence: 100,000 more tokens add only attention-layer KV.
        var grown = MemoryEstimator.KvBytesAt(model, 101_000) - MemoryEstimator.KvBytesAt(model, 1_000);
        grown.ShouldBe(100_000 * 24_576.0);
    }

    [Fact]
    public void Qwen3_next_parameters_follow_the_gated_deltanet_and_gated_attention_shapes()
    {
        var a = Model("qwen3-next-80b-a3b-instruct").Architecture;

        // in_proj_qkvz 2048 x 12288, in_proj_ba 2048 x 64, conv 8192 x 4, dt_bias and A_log 32 each, norm 128, out_proj 4096 x 2048.
        ParameterCount.LinearMixerPerLayer(a).ShouldBe(33_718_464);

        // q_proj doubled by the output gate (2048 x 8192), k and v 2048 x 512 each, o_proj 4096 x 2048, q/k norms 256 each.
        ParameterCount.AttentionPerLayer(a).ShouldBe(27_263_488);

        var counted = ParameterCount.Compute(a);
        counted.Total.ShouldBe(79_674_292_992, 1);
        counted.Active.ShouldBe(3_874_831_104, 1);
    }

    [Fact]
    public void Nemotron_h_blocks_hold_one_part_each_and_its_mlps_have_no_gate()
    {
        var model = Model("nemotron-h-56b");
        var layout = LayerLayout.Of(model.Architecture);
        (layout.LinearLayers, layout.AttentionLayers, layout.DenseFfnLayers, layout.MoeLayers).ShouldBe((54, 10, 54, 0));
        for (var i = 0; i < layout.Layers; i++)
        {
            // No block of hybrid_override_pattern holds both a mixer and an FFN.
            (layout.Mixer(i) != LayerMixer.None && layout.Ffn(i) != LayerFfn.None).ShouldBeFalse($"block {i}");
        }

        // Mamba-2: in_proj 8192 x (2 x 16384 + 2 x 8 x 256 + 256), conv (16384 + 4096) x 4 + bias, dt_bias/A_log/D, norm, out_proj.
        var inner = 256 * 64;
        var conv = inner + (2 * 8 * 256);
        ParameterCount.LinearMixerPerLayer(model.Architecture).ShouldBe((8192.0 * (inner + conv + 256)) + (conv * 4) + conv + (3 * 256) + inner + (inner * 8192.0));

        var counted = ParameterCount.Compute(model.Architecture);
        counted.DenseFfn.ShouldBe(54 * 2 * 8192.0 * 32768);
        counted.Norms.ShouldBe((118 * 8192.0) + 8192);

        // KV only in the 10 attention blocks: 10 x 2 x 8 x 128 x 2 bytes per token.
        MemoryEstimator.KvPerToken(model).Value.ShouldBe(10 * 2 * 8 * 128 * 2);
    }

    [Fact]
    public void A_model_without_a_layout_reads_the_same_through_the_layout_as_through_its_counts()
    {
        foreach (var model in Data.Models.Where(m => m.Architecture.Layout is null && m.Architecture.Attention.LinearLayers == 0))
        {
            var a = model.Architecture;
            var layout = LayerLayout.Of(a);
            layout.AttentionLayers.ShouldBe(a.Layers, model.Id.Value);
            layout.LocalAttentionLayers.ShouldBe(a.Attention.LocalLayers, model.Id.Value);
            MemoryEstimator.LinearStateBytes(a).ShouldBe(0, model.Id.Value);
        }
    }

    [Fact]
    public void Gemma_4_full_attention_layers_take_their_own_head_width_kv_heads_and_no_value_projection()
    {
        var model = Model("gemma-4-31b");
        var a = model.Architecture;

        // Sliding layers: q and o 5376 x 32 x 256, k and v 5376 x 16 x 256, q/k norms 256 each.
        ParameterCount.AttentionPerLayer(a).ShouldBe((2.0 * 5376 * 32 * 256) + (2.0 * 5376 * 16 * 256) + (2 * 256));

        // Full layers: q and o twice as wide (512), one 5376 x 4 x 512 key that is also the value, norms 512 each.
        ParameterCount.AttentionPerLayer(a, fullAttention: true).ShouldBe((2.0 * 5376 * 32 * 512) + (5376.0 * 4 * 512) + (2 * 512));

        // KV per token: 10 full layers x K and V x 4 heads x 512 + 50 sliding layers x 2 x 16 x 256, at 2 bytes.
        MemoryEstimator.KvPerToken(model).Value.ShouldBe((10 * 2 * 4 * 512 * 2) + (50 * 2 * 16 * 256 * 2));

        // Past the 1,024-token window only the full layers grow.
        (MemoryEstimator.KvBytesAt(model, 11_024) - MemoryEstimator.KvBytesAt(model, 1_024)).ShouldBe(10_000.0 * 10 * 2 * 4 * 512 * 2);

        // The vendor's 30.7B, from the conversion script's shapes.
        (ParameterCount.Compute(a).Total / 30.7e9).ShouldBe(1.0, 0.005);
    }
}
