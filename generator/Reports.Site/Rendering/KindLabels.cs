using Reports.Specs.Content;

namespace Reports.Site.Rendering;

/// <summary>How pages name a model's kind: one rule, three grammatical forms.</summary>
public static class KindLabels
{
    /// <summary>"mixture of experts" or "dense", standing alone ("Kind: mixture of experts").</summary>
    public static string Noun(ModelKind kind) => kind == ModelKind.Moe ? "mixture of experts" : "dense";

    /// <summary>"mixture-of-experts" or "dense", before a noun ("a mixture-of-experts model").</summary>
    public static string Adjective(ModelKind kind) => kind == ModelKind.Moe ? "mixture-of-experts" : "dense";

    /// <summary>"mixture-of-experts models" or "dense models": the models of a kind, as a band or a table speaks of them.</summary>
    public static string Models(ModelKind kind) => Adjective(kind) + " models";

    /// <summary>"MoE" or "dense", in a narrow table column.</summary>
    public static string Short(ModelKind kind) => kind == ModelKind.Moe ? "MoE" : "dense";
}
