using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Whether a setup fits, by how much, and why not when it does not.</summary>
public sealed record FitResult(
    Setup Setup,
    Estimate Needed,
    Estimate Available,
    double Ratio,
    string Grade,
    bool Fits,
    bool Valid,
    string? Problem,
    double KvReplication);

public static class FitEstimator
{
    public const string NoFit = "no fit";

    public static FitResult Fit(Setup setup, Assumptions assumptions)
    {
        var (model, gpu, n) = (setup.Model, setup.Gpu, setup.Count);
        var (needed, usable, valid) = Bytes(setup, assumptions);
        var weights = MemoryEstimator.Weights(model, setup.Precision, assumptions);
        var kv = MemoryEstimator.KvAtContext(model, setup.ContextTokens, setup.Fp8Kv);
        var replication = KvReplication(setup);
        var neededEstimate = new Estimate(
            "Memory needed", needed, "bytes", "fit.needed",
            [
                weights.AsInput(),
                kv.AsInput("KV cache per sequence"),
                new EstimateInput("Concurrent sequences", setup.Concurrency, "sequences", "stated"),
                new EstimateInput("KV replication across GPUs", replication, "x", "formula: fit.needed"),
                assumptions.Input("workspace_gb_per_gpu"),
                new EstimateInput("GPUs", n, "GPUs", "stated"),
            ],
            replication > 1
                ? [$"With {n} GPUs and {model.Architecture.KvHeads} KV heads{(model.Architecture.Attention.Kind == AttentionKind.Mla ? " (MLA latent, needed by every GPU)" : "")}, the KV cache is held {replication:0.##} times."]
                : [],
            Tier.Derived);

        var memory = Units.MemoryFact(gpu);
        List<EstimateInput> availableInputs =
        [
            new EstimateInput(gpu.DeviceMemory is null ? "GPU memory" : "GPU memory the driver reports", memory.Value, memory.Unit, GpuSrc(gpu, memory)),
            assumptions.UsableShareInput(gpu),
            new EstimateInput("GPUs", n, "GPUs", "stated"),
        ];
        if (TakesShareOfFree(setup))
        {
            availableInputs.Add(weights.AsInput());
            availableInputs.Add(assumptions.Input("workspace_gb_per_gpu"));
        }

        var availableEstimate = new Estimate(
            "Memory available", usable, "bytes", "fit.available",
            availableInputs,
            TakesShareOfFree(setup)
                ? [$"TensorRT-LLM gives its KV cache {assumptions.UsableShare(gpu):0.##} of the memory the weights and workspace leave free, not of all of it."]
                : [],
            Tier.Derived);

        var ratio = needed / usable;
        var grade = valid ? Grade(ratio, assumptions.FitGrades) : NoFit;
        return new FitResult(setup, neededEstimate, availableEstimate, ratio, grade, grade != NoFit, valid, Problem(setup, needed, usable, valid, grade), replication);
    }

    /// <summary>Why a setup does not fit, or null when it does.</summary>
    public static string? Problem(Setup setup, double needed, double usable, bool valid, string grade)
    {
        var (model, gpu, n) = (setup.Model, setup.Gpu, setup.Count);
        if (!Holds(gpu, setup.Precision))
        {
            return Units.IsApple(gpu)
                ? $"{gpu.Name} has no FP8 math and MLX loads FP8 weights as BF16, so FP8 takes BF16's memory there"
                : $"{gpu.Name} has no sourced FP8 math and llama.cpp, the engine assumed there, has no FP8 weight type, so FP8 is not offered there";
        }

        if (!valid)
        {
            return gpu.Segment == GpuSegment.Unified && n > 1
                ? $"{gpu.Name} is a single unified-memory machine; {n} of them do not form a tensor-parallel group"
                : !ExpertsValid(setup)
                    ? model.Architecture.Moe is { } moe
                        ? $"expert parallelism over {setup.ExpertParallel} GPUs needs {setup.ExpertParallel} to divide the {moe.Experts} routed experts and the {setup.TensorParallel} GPUs of a stage"
                        : $"{model.Name} is dense: expert parallelism and data-parallel attention apply to a mixture of experts"
                : !Reaches(gpu, n)
                    ? $"{gpu.Name} has no sourced network between nodes, so plans past one node of {ParallelPlan.GpusPerNode} are not offered"
                    : $"tensor parallelism over {setup.TensorParallel} GPUs needs {setup.TensorParallel} to divide the {model.Architecture.Heads} attention heads" + (setup.PipelineStages > 1 ? "" : "; splitting the layers into pipeline stages can span more GPUs");
        }

        return grade == NoFit ? $"needs {needed / Units.Gb:0.#} GB but {n} x {gpu.Name} offer {usable / Units.Gb:0.#} GB usable" : null;
    }

    /// <summary>
    /// The arithmetic of <see cref="Fit"/> alone: needed and usable bytes and whether the setup is valid (tensor
    /// parallelism divides the heads, pipeline stages split the layers, the accelerator holds the precision). <see cref="MinGpus"/> and grade tables call it many thousand times per build.
    /// </summary>
    public static (double Needed, double Available, bool Valid) Bytes(Setup setup, Assumptions assumptions)
    {
        var (model, gpu, n, tp) = (setup.Model, setup.Gpu, setup.Count, setup.TensorParallel);
        // Pipeline stages split the layers, so KV heads repeat only within a stage's tensor-parallel group.
        var resident = MemoryEstimator.WeightBytes(model, setup.Precision, assumptions) + ReplicatedWeightBytes(setup, assumptions)
                       + (assumptions.WorkspaceGbPerGpu * Units.Gb * n);
        var needed = resident + (MemoryEstimator.KvBytesAt(model, setup.ContextTokens, setup.Fp8Kv) * setup.Concurrency * KvReplication(setup));
        var available = UsableBytes(setup, resident, assumptions);
        // A unified-memory machine is one device: several of them are not a tensor-parallel group.
        var stagesValid = setup.PipelineStages >= 1 && n % Math.Max(1, setup.PipelineStages) == 0 && setup.PipelineStages <= model.Architecture.Layers;
        return (needed, available, model.Architecture.Heads % tp == 0 && stagesValid && ExpertsValid(setup) && (n == 1 || gpu.Segment != GpuSegment.Unified) && Holds(gpu, setup.Precision) && Reaches(gpu, n));
    }

    /// <summary>
    /// The bytes a setup's engine lets weights, workspace and KV cache use. vLLM and SGLang take the usable share of all
    /// the memory (gpu_memory_utilization, mem_fraction_static); TensorRT-LLM gives its KV cache that share of the memory
    /// left free once the weights and buffers are loaded (free_gpu_memory_fraction), so large weights leave it more
    /// than they would leave vLLM. A unified-memory machine is held to the share its OS lets the GPU wire, whatever the engine.
    /// </summary>
    /// <param name="resident">Weights and workspace on all the setup's GPUs.</param>
    public static double UsableBytes(Setup setup, double resident, Assumptions assumptions)
    {
        var total = Units.MemoryBytes(setup.Gpu) * setup.Count;
        var share = assumptions.UsableShare(setup.Gpu);
        // Weights larger than the memory cannot load on TensorRT-LLM either: then only the memory itself is there.
        return TakesShareOfFree(setup) ? Math.Min(resident, total) + (Math.Max(0, total - resident) * share) : total * share;
    }

    /// <summary>Whether the engine's memory share applies to what the weights leave free (TensorRT-LLM) rather than to all of it.</summary>
    public static bool TakesShareOfFree(Setup setup) => setup.Engine == ServingEngine.Trtllm && setup.Gpu.Segment != GpuSegment.Unified;

    /// <summary>
    /// Whether <paramref name="gpus"/> accelerators can form one replica: within a node or the scale-up domain always;
    /// across nodes only where the accelerator's network between nodes (InfiniBand, RoCE) is sourced, since every
    /// pipeline hand-off crosses it.
    /// </summary>
    public static bool Reaches(GpuData gpu, int gpus)
        => gpus <= ParallelPlan.MaxTensorParallel(gpu) || gpu.ScaleOut is not null;

    /// <summary>
    /// Whether weights at a precision stay at that precision on the accelerator. Apple's GPUs have no FP8 math and
    /// MLX loads an FP8 checkpoint as BF16 (content/data/engines/mlx.yaml, llama.cpp has no FP8 type either), so FP8
    /// on a unified-memory Mac would need BF16's memory: it is not offered there.
    /// </summary>
    public static bool Holds(GpuData gpu, Precision precision)
        => !(gpu.Segment == GpuSegment.Unified && precision == Precision.Fp8 && gpu.Compute?.Fp8 is null);

    /// <summary>What <see cref="Fit"/> would say of <see cref="Bytes"/>' figures: a valid setup (see Bytes) within the loosest grade.</summary>
    public static bool Fits((double Needed, double Available, bool Valid) bytes, Assumptions assumptions)
        => bytes.Valid && Grade(bytes.Needed / bytes.Available, assumptions.FitGrades) != NoFit;

    /// <summary>
    /// Expert parallelism and data-parallel attention are for a mixture of experts only; expert parallelism must
    /// divide the routed experts (each GPU holds whole experts) and the GPUs of a stage.
    /// </summary>
    public static bool ExpertsValid(Setup setup)
    {
        if (setup.ExpertParallel <= 1 && !setup.AttentionDataParallel)
        {
            return true;
        }

        return setup.Model.Architecture.Moe is { } moe
               && setup.ExpertParallel >= 1
               && moe.Experts % setup.ExpertParallel == 0
               && setup.TensorParallel % setup.ExpertParallel == 0;
    }

    /// <summary>The attention replicas of a stage: every GPU of it with data-parallel attention, else one.</summary>
    public static int AttentionReplicas(Setup setup) => setup.AttentionDataParallel ? setup.TensorParallel : 1;

    /// <summary>
    /// The bytes data-parallel attention adds: each GPU of a stage holds the weights outside the routed experts
    /// (attention, shared experts, dense layers, embeddings) whole, where tensor parallelism would hold a slice.
    /// Counting embeddings and dense layers as copied too slightly overstates it.
    /// </summary>
    public static double ReplicatedWeightBytes(Setup setup, Assumptions assumptions)
        => setup.AttentionDataParallel
            ? (AttentionReplicas(setup) - 1) * MemoryEstimator.WeightBytes(setup.Model, setup.Precision, assumptions) * (1 - StepModel.RoutedShare(setup.Model.Architecture))
            : 0;

    /// <summary>How many copies of the KV cache a setup keeps: one per sequence with data-parallel attention, else as <see cref="KvReplication(ArchitectureData, int)"/> says for its tensor-parallel group.</summary>
    public static double KvReplication(Setup setup)
        => setup.AttentionDataParallel ? 1 : KvReplication(setup.Model.Architecture, setup.TensorParallel);

    /// <summary>
    /// How many copies of the KV cache tensor parallelism keeps: each GPU holds kv_heads / N heads but
    /// at least one, so past kv_heads GPUs the heads repeat; MLA's shared latent is on every GPU.
    /// </summary>
    public static double KvReplication(ArchitectureData a, int gpus)
        => a.Attention.Kind == AttentionKind.Mla ? gpus : Math.Max(1.0, (double)gpus / a.KvHeads);

    public static string Grade(double ratio, IReadOnlyList<FitGradeData> grades)
    {
        foreach (var grade in grades)
        {
            if (ratio <= grade.MaxRatio)
            {
                return grade.Grade;
            }
        }

        return NoFit;
    }

    /// <summary>
    /// The smallest count that is valid (laid out as <see cref="ParallelPlan.DefaultStages"/> says) and fits, searching powers of two up to 64,
    /// with the bytes needed and usable at that count. Arithmetic only: callers that show the fit with its
    /// provenance call <see cref="Fit"/> for the count they show.
    /// </summary>
    public static (int Count, double Needed, double Available)? MinGpus(ModelData model, GpuData gpu, Precision precision, long context, int concurrency, Assumptions assumptions, bool fp8Kv = false, ServingEngine? engine = null)
    {
        for (var n = 1; n <= ParallelPlan.MaxGpus; n *= 2)
        {
            var bytes = Bytes(new Setup(model, gpu, n, precision, context, concurrency, fp8Kv, engine), assumptions);
            if (Fits(bytes, assumptions))
            {
                return (n, bytes.Needed, bytes.Available);
            }
        }

        return null;
    }

    internal static string GpuSrc(GpuData gpu, IHasSource fact) => SourceLinks.Resolve(gpu.Sources, fact.Src);
}
