using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Rendering;

/// <summary>How pages and posts name a deployment setup and a model's attention: one wording everywhere they appear.</summary>
public static class SetupLabels
{
    /// <summary>"4 x H100 SXM, FP8" and the plan when it is not plain tensor parallelism.</summary>
    public static string Describe(Setup setup) => setup.Count + " x " + setup.Gpu.Name.Replace("NVIDIA ", "", StringComparison.Ordinal) + ", " + Units.Name(setup.Precision).ToUpperInvariant() + ParallelPlan.Suffix(setup);

    /// <summary>An engine's usual name: "TensorRT-LLM", "llama.cpp".</summary>
    public static string EngineName(ServingEngine engine) => engine switch
    {
        ServingEngine.Vllm => "vLLM",
        ServingEngine.Sglang => "SGLang",
        ServingEngine.Trtllm => "TensorRT-LLM",
        ServingEngine.Llamacpp => "llama.cpp",
        ServingEngine.Mlx => "MLX",
        _ => engine.ToString(),
    };

    /// <summary>An engine as pages name it: site.yaml's label, else its usual name.</summary>
    public static string Engine(SiteData site, ServingEngine engine)
        => site.Engines.FirstOrDefault(e => e.Engine == engine)?.Label ?? EngineName(engine);

    /// <summary>
    /// The engine a measurement ran, with llama.cpp's backend when the source names it ("llama.cpp (Vulkan)") and the version
    /// its source prints when asked; "not stated" when the source names no engine.
    /// </summary>
    public static string Engine(SiteData site, MeasurementData m, bool withVersion = false)
    {
        if (m.Engine is not { } engine)
        {
            return "not stated";
        }

        var name = Engine(site, engine) + (m.Backend is { } backend ? " (" + BackendName(backend) + ")" : "");
        return withVersion && m.EngineVersion is { Length: > 0 } version ? name + " " + version : name;
    }

    /// <summary>A compute backend's usual name: "ROCm/HIP", "Vulkan".</summary>
    public static string BackendName(ComputeBackend backend) => backend switch
    {
        ComputeBackend.Cuda => "CUDA",
        ComputeBackend.Hip => "ROCm/HIP",
        ComputeBackend.Sycl => "SYCL",
        ComputeBackend.Cpu => "CPU",
        _ => backend.ToString(),
    };

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
