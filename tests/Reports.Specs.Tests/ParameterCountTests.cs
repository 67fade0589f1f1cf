using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>Parameter counts against the exact values in the shared reference (param_check.py output).</summary>
public sealed class ParameterCountTests
{
    private static ArchitectureData Dense(int layers, int hidden, int intermediate, int heads, int kv, int headDim, int vocab) => new()
    {
        Kind = ModelKind.Dense, Layers = layers, Hidden = hidden, Intermediate = intermediate, Heads = heads, KvHeads = kv,
        HeadDim = headDim, Vocab = vocab, Attention = new AttentionData { Kind = AttentionKind.Gqa },
    };

    [Theory]
    [InlineData(32, 4096, 14336, 32, 8, 128, 128256, 8_030_261_248)]      // Llama 3.1 8B
    [InlineData(80, 8192, 28672, 64, 8, 128, 128256, 70_553_706_496)]     // Llama 3.1 70B
    [InlineData(126, 16384, 53248, 128, 8, 128, 128256, 405_853_388_800)] // Llama 3.1 405B
    public void Dense_gqa_totals_match_the_reference(int layers, int hidden, int intermediate, int heads, int kv, int headDim, int vocab, long expected)
        => ParameterCount.Compute(Dense(layers, hidden, intermediate, heads, kv, headDim, vocab)).Total.ShouldBe(expected);

    [Fact]
    public void Mixtral_counts_eight_experts_in_total_and_two_as_active()
    {
        var a = Dense(32, 4096, 0, 32, 8, 128, 32000) with
        {
            Kind = ModelKind.Moe,
            Intermediate = null,
            Moe = new MoeData { Experts = 8, ExpertsPerToken = 2, ExpertIntermediate = 14336 },
        };
        var count = ParameterCount.Compute(a);
        count.Total.ShouldBe(46_702_792_704);
        count.Active.ShouldBe(12_879_925_248);
    }

    [Fact]
    public void Llama_4_maverick_interleaves_dense_and_moe_layers_with_a_shared_expert()
    {
        var a = Dense(48, 5120, 16384, 40, 8, 128, 202048) with
        {
            Kind = ModelKind.Moe,
            Moe = new MoeData { Experts = 128, ExpertsPerToken = 1, SharedExperts = 1, ExpertIntermediate = 8192, InterleaveStep = 2 },
        };
        var count = ParameterCount.Compute(a);
        (count.MoeLayers, count.DenseLayers).ShouldBe((24, 24));
        count.Total.ShouldBe(400_711_848_960);
        count.Active.ShouldBe(17_184_691_200);
    }

    [Fact]
    public void Deepseek_v3_uses_mla_and_three_leading_dense_layers()
    {
        var a = new ArchitectureData
        {
            Kind = ModelKind.Moe, Layers = 61, Hidden = 7168, Intermediate = 18432, Heads = 128, KvHeads = 128, HeadDim = 128, Vocab = 129280,
            Attention = new AttentionData { Kind = AttentionKind.Mla, QLoraRank = 1536, KvLoraRank = 512, QkRopeHeadDim = 64, QkNopeHeadDim = 128, VHeadDim = 128 },
            Moe = new MoeData { Experts = 256, ExpertsPerToken = 8, SharedExperts = 1, ExpertIntermediate = 2048, DenseLayers = 3, RouterBias = true },
        };
        var count = ParameterCount.Compute(a);
        (count.MoeLayers, count.DenseLayers).ShouldBe((58, 3));
        count.Total.ShouldBe(671_026_419_200);
        count.Active.ShouldBe(37_552_297_472);
    }

    [Fact]
    public void Gpt_oss_counts_biases_and_sinks_and_follows_the_card_for_active()
    {
        var a = new ArchitectureData
        {
            Kind = ModelKind.Moe, Layers = 36, Hidden = 2880, Heads = 64, KvHeads = 8, HeadDim = 64, Vocab = 201088, QkvBias = true,
            Attention = new AttentionData { Kind = AttentionKind.Gqa, Sinks = true, OBias = true, LocalLayers = 18, Window = 128 },
            Moe = new MoeData { Experts = 128, ExpertsPerToken = 4, ExpertIntermediate = 2880, RouterBias = true, ExpertBias = true },
        };
        var count = ParameterCount.Compute(a, activeExcludesInputEmbedding: true);
        count.Total.ShouldBe(116_829_156_672);
        count.Active.ShouldBe(5_132_849_472);
    }
}
