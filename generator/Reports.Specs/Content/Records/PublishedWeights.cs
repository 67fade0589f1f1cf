using System.Linq;

namespace Reports.Specs.Content;

/// <summary>
/// Which precisions a model's weights can be had in: the one rule recommendations and launch commands share.
/// The vendor's repository holds its stated precision (else the first of <c>precisions</c>, else BF16); other
/// precisions need a listed checkpoint, except FP8 from BF16 weights, which vLLM and SGLang quantize as they load.
/// </summary>
public static class PublishedWeights
{
    /// <summary>The precision the vendor's own repository holds.</summary>
    public static Precision Native(ModelData model)
        => model.Repo?.Precision ?? (model.Precisions is { Value.Count: > 0 } p ? p.Value[0] : Precision.Bf16);

    /// <summary>Whether the vendor's repository is the plan's precision (FP16 plans load BF16 weights as they are).</summary>
    public static bool IsNative(ModelData model, Precision precision)
    {
        var native = Native(model);
        return precision == native || (precision == Precision.Fp16 && native == Precision.Bf16);
    }

    /// <summary>
    /// Whether a GPU serving engine can get weights at this precision: the vendor's own, a listed checkpoint with
    /// its repository in a format such engines load (not a GGUF, which is llama.cpp's), or FP8 from BF16 weights.
    /// </summary>
    public static bool Deployable(ModelData model, Precision precision)
        => IsNative(model, precision)
           || model.Checkpoints.Any(c => c.Precision == precision && c.Repo is not null && WeightFormats.Of(c) is { } f && f != WeightFormat.Gguf)
           || (precision == Precision.Fp8 && Native(model) == Precision.Bf16);
}
