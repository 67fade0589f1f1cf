using System.Globalization;
using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// How a replica's GPUs share a model when the reader names only a count (the plan.default formula): tensor
/// parallel inside one node's scale-up domain (NVLink, NVSwitch, Infinity Fabric), pipeline stages across
/// nodes, which is the layout vLLM's and SGLang's multi-node guides describe. Tensor parallelism must
/// divide the attention heads, so a count the heads do not divide splits into stages too.
/// </summary>
public static class ParallelPlan
{
    /// <summary>GPUs per node: the 8-GPU HGX and OAM baseboards datacenter servers are built on.</summary>
    public const int GpusPerNode = 8;

    /// <summary>The largest replica searched for a fit: eight nodes of eight.</summary>
    public const int MaxGpus = 64;

    /// <summary>
    /// How many micro-batches a replica keeps in flight: one per pipeline stage on engines that pipeline the
    /// batch through the stages (vLLM, SGLang, TensorRT-LLM), so every stage works while the others do; one on
    /// llama.cpp and MLX, whose layer split runs the stages one after another.
    /// </summary>
    public static int MicroBatches(Setup plan)
        => plan.Engine is ServingEngine.Llamacpp or ServingEngine.Mlx ? 1 : plan.PipelineStages;

    /// <summary>
    /// The widest tensor-parallel group the accelerator keeps on fast links: one node, or the scale-up domain
    /// when it is larger (NVL72 racks, TPU pods). Beyond it, per-layer all-reduces would cross the slower
    /// scale-out network, which no engine's guide recommends.
    /// </summary>
    public static int MaxTensorParallel(GpuData gpu) => Math.Max(GpusPerNode, gpu.ScaleUp?.Domain ?? 1);

    /// <summary>
    /// The stages a deployment would use for <paramref name="count"/> GPUs on <paramref name="engine"/>. llama.cpp splits
    /// the layers between GPUs (its default <c>--split-mode layer</c>), so each GPU is a stage. The other engines take
    /// the fewest pipeline stages that make the count a valid plan: TP = count / PP divides the heads and stays within
    /// <see cref="MaxTensorParallel"/>, and no stage is left without a layer. One when no split is valid, so the setup
    /// reports tensor parallelism's problem.
    /// </summary>
    public static int DefaultStages(ArchitectureData a, GpuData gpu, int count, ServingEngine engine)
    {
        if (engine == ServingEngine.Llamacpp)
        {
            return Math.Clamp(count, 1, a.Layers);
        }

        var maxTp = MaxTensorParallel(gpu);
        for (var pp = 1; pp <= Math.Min(count, a.Layers); pp++)
        {
            if (count % pp == 0 && count / pp <= maxTp && a.Heads % (count / pp) == 0)
            {
                return pp;
            }
        }

        return 1;
    }

    /// <summary>The nodes a plan spans: one per <see cref="GpusPerNode"/> GPUs.</summary>
    public static int Nodes(Setup plan) => Nodes(plan.Count);

    private static int Nodes(int gpus) => (gpus + GpusPerNode - 1) / GpusPerNode;

    /// <summary>A plan's parallel layout in the engines' shorthand: "TP8", "TP8 + EP8 x PP2", "DP8 + EP8".</summary>
    private static string Code(Setup plan)
        => (plan.AttentionDataParallel ? "DP" + Int(plan.TensorParallel) + " + EP" + Int(plan.ExpertParallel)
               : "TP" + Int(plan.TensorParallel) + (plan.ExpertParallel > 1 ? " + EP" + Int(plan.ExpertParallel) : ""))
           + (plan.PipelineStages > 1 ? " x PP" + Int(plan.PipelineStages) : "");

    /// <summary>A plan in a reader's words: "tensor parallel (TP2)", "2 nodes x 8 GPUs, tensor parallel (TP8 x PP2)", "layers split across 2 GPUs (PP2)"; empty on one GPU.</summary>
    public static string Describe(Setup plan)
    {
        if (plan.Count == 1)
        {
            return "";
        }

        var shape = plan.PipelineStages > 1 && plan.TensorParallel == 1
            ? "layers split across " + Int(plan.Count) + " GPUs (PP" + Int(plan.PipelineStages) + ")"
            : plan.AttentionDataParallel
                ? "data-parallel attention x " + Int(plan.TensorParallel) + ", experts over " + Int(plan.ExpertParallel) + " (" + Code(plan) + ")"
                : "tensor parallel (" + Code(plan) + ")";
        var nodes = Nodes(plan);
        return nodes > 1 ? Int(nodes) + " nodes x " + Int(GpusPerNode) + " GPUs, " + shape : shape;
    }

    /// <summary>What a short plan label adds to "8 x H200, FP8": ", DP8 + EP8" for data-parallel attention, ", TP8 x PP2" across stages, else nothing.</summary>
    public static string Suffix(Setup plan)
        => plan.AttentionDataParallel || plan.PipelineStages > 1 ? ", " + Code(plan) : "";

    /// <summary>
    /// The smallest count that fits, as a table gives it: "4", "16 (2 nodes)"; without one, "none up to 64", or
    /// "none in one node" where the accelerator's network between nodes is not sourced and larger plans are not offered.
    /// </summary>
    public static string SmallestCount(int? count, GpuData gpu)
        => count is { } n
            ? n <= GpusPerNode ? Int(n) : Int(n) + " (" + Int(Nodes(n)) + " nodes)"
            : FitEstimator.Reaches(gpu, MaxGpus) ? "none up to " + Int(MaxGpus) : "none in one node";

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
