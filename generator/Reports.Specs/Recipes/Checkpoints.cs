using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Recipes;

/// <summary>
/// The weights a launch command loads: a repository from the catalog, whether the engine quantizes them while
/// loading, the GGUF quantization llama.cpp picks from the repository, and a note for the reader. Null
/// <see cref="Repository"/> with <see cref="Unavailable"/> says why no command can be written.
/// </summary>
public sealed record Checkpoint(string? Repository, bool QuantizeOnLoad, string? GgufQuant, string? Note, string? Unavailable)
{
    public static Checkpoint None(string reason) => new(null, false, null, null, reason);
}

/// <summary>
/// Picks the checkpoint for a plan's precision on an engine. The vendor's repository holds the model at its
/// stated precision (else the first of <c>precisions</c>, else BF16); other precisions come from the catalog's
/// listed checkpoints, or, for FP8 on vLLM and SGLang, from quantizing BF16 weights as they load.
/// </summary>
public static class Checkpoints
{
    public static Checkpoint For(Setup plan, EngineData engine)
    {
        var (model, precision) = (plan.Model, plan.Precision);
        var serving = LaunchCommands.Serving(engine);
        if (model.Repo is not { } vendor)
        {
            return Checkpoint.None("the catalog does not record " + model.Name + "'s Hugging Face repository.");
        }

        if (serving == ServingEngine.Llamacpp)
        {
            return Gguf(model, precision, vendor.Value);
        }

        var native = PublishedWeights.Native(model);
        if (PublishedWeights.IsNative(model, precision))
        {
            return new Checkpoint(vendor.Value, false, null, null, null);
        }

        // A vendor or third-party checkpoint at this precision, in a format the engine documents it loads.
        foreach (var c in model.Checkpoints.Where(c => c.Precision == precision && c.Repo is not null))
        {
            // A GGUF is llama.cpp's file: other engines that read one need a local path and a separate tokenizer.
            if (WeightFormats.Of(c) is { } format && format != WeightFormat.Gguf && Loads(engine, format))
            {
                return new Checkpoint(c.Repo, false, null, "Weights: " + c.Repo + Publisher(c.Repo!, vendor.Value) + ".", null);
            }
        }

        if (precision == Precision.Fp8 && native == Precision.Bf16 && serving is ServingEngine.Vllm or ServingEngine.Sglang)
        {
            return new Checkpoint(vendor.Value, true, null, null, null);
        }

        return Checkpoint.None(precision switch
        {
            _ when native != Precision.Bf16 && precision is Precision.Bf16 or Precision.Fp16 => model.Name + "'s weights are published in " + Units.Name(native).ToUpperInvariant() + "; a BF16 plan needs a converted checkpoint the catalog does not list.",
            Precision.Int4 => "no INT4 checkpoint (AWQ or GPTQ) of " + model.Name + " that " + engine.Name + " loads is in the catalog.",
            Precision.Fp8 when native == Precision.Bf16 => "no FP8 checkpoint of " + model.Name + " is in the catalog, and quantizing on load is not among the options " + engine.Name + "'s file lists.",
            _ => "no " + Units.Name(precision).ToUpperInvariant() + " checkpoint of " + model.Name + " that " + engine.Name + " loads is in the catalog.",
        });
    }

    /// <summary>Whether the catalog lists a GGUF of the model at this precision with its repository.</summary>
    public static bool HasGguf(ModelData model, Precision precision) => FindGguf(model, precision) is not null;

    private static CheckpointData? FindGguf(ModelData model, Precision precision)
        => model.Checkpoints.FirstOrDefault(c => c.Precision == precision && c.Repo is not null && c.Format is { } f && WeightFormats.Parse(f) == WeightFormat.Gguf);

    /// <summary>llama.cpp loads GGUF files: a catalog GGUF at the plan's precision, with its quantization as the tag after the colon.</summary>
    private static Checkpoint Gguf(ModelData model, Precision precision, string vendor)
    {
        var gguf = FindGguf(model, precision);
        if (gguf is null)
        {
            return Checkpoint.None("no " + Units.Name(precision).ToUpperInvariant() + " GGUF of " + model.Name + " is in the catalog.");
        }

        var quant = gguf.Format!.Substring("gguf-".Length).ToUpperInvariant();
        return new Checkpoint(gguf.Repo, false, quant, "Weights: the " + quant + " file of " + gguf.Repo + Publisher(gguf.Repo!, vendor) + ".", null);
    }

    /// <summary>Says so when a checkpoint is not the vendor's own: another owner on Hugging Face.</summary>
    private static string Publisher(string repo, string vendor)
        => repo.Split('/')[0] == vendor.Split('/')[0] ? "" : " (published by " + repo.Split('/')[0] + ", not by the model's vendor)";

    /// <summary>Whether the engine's file says it loads a format; a format it does not mention is not assumed.</summary>
    private static bool Loads(EngineData engine, WeightFormat format)
        => engine.Formats.Any(f => f.Format == format && f.Supported);
}
