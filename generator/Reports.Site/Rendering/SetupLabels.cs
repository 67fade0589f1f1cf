using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Rendering;

/// <summary>How pages and posts name a deployment setup and a model's attention: one wording everywhere they appear.</summary>
public static class SetupLabels
{
    /// <summary>"4 x H100 SXM, FP8" and the plan when it is not plain tensor parallelism.</summary>
    public static string Describe(Setup setup) => setup.Count + " x " + setup.Gpu.Name.Replace("NVIDIA ", "", StringComparison.Ordinal) + ", " + Units.Name(setup.Precision).ToUpperInvariant() + ParallelPlan.Suffix(setup);

    /// <summary>"grouped-query (GQA)", with the local layers and their window when the model has them.</summary>
    public static string AttentionLabel(ArchitectureData a)
    {
        var kind = a.Attention.Kind switch
        {
            AttentionKind.Mha => "multi-head (MHA)",
            AttentionKind.Gqa => "grouped-query (GQA)",
            AttentionKind.Mqa => "multi-query (MQA)",
            _ => "multi-head latent (MLA)",
        };
        return a.Attention.LocalLayers > 0
            ? kind + "; " + a.Attention.LocalLayers + " of " + a.Layers + " layers " + (a.Attention.LocalKind == LocalAttentionKind.Chunked ? "chunked" : "sliding-window") + " over " + Format.Int(a.Attention.Window ?? 0) + " tokens"
            : kind;
    }
}
