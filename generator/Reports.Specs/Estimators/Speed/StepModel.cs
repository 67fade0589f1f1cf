using System.Runtime.CompilerServices;
using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// What one forward step of a replica carries: <see cref="Sequences"/> decoding sequences at
/// <see cref="Context"/> tokens, each verifying <see cref="TokensPerSequence"/> tokens (more than one
/// with speculative decoding), plus <see cref="PrefillTokens"/> tokens of prompts averaging
/// <see cref="PromptTokens"/>. When <see cref="PromptChunk"/> is set, the prompt tokens are an average over
/// steps of chunks that size arriving on some steps only: a MoE then reads the experts a chunk touches on
/// those steps and the decode tokens' experts on the others, which is fewer than the average token count
/// would touch on every step (experts touched grow slower than tokens).
/// </summary>
public readonly record struct StepLoad(double Sequences, double Context, double TokensPerSequence, double PrefillTokens, double PromptTokens, double PromptChunk = 0)
{
    public static StepLoad Decode(double sequences, double context) => new(sequences, context, 1, 0, 0);

    public double Tokens => DecodeTokens + PrefillTokens;

    public double DecodeTokens => Sequences * TokensPerSequence;

    /// <summary>The share of steps that carry a prompt chunk, when the prompts arrive in chunks larger than their per-step average.</summary>
    public double ChunkStepShare => PromptChunk > PrefillTokens && PrefillTokens > 0 ? PrefillTokens / PromptChunk : 0;
}

/// <summary>
/// The parts of one step's time, in seconds. Reading memory and doing the math overlap; talking to other GPUs and fixed costs do not.
/// <see cref="Launch"/> is the host's time to launch a step that runs outside a CUDA graph: the GPU's work overlaps it, so the
/// step takes the longer of the two. <see cref="PromptWait"/> is what a decode step waits on average for the launches of the
/// steps among it that carry a prompt chunk.
/// </summary>
public readonly record struct StepTime(double Memory, double Compute, double Communication, double Fixed, double Launch = 0, double PromptWait = 0)
{
    public double Total => Math.Max(Gpu, Launch) + PromptWait;

    /// <summary>The GPU's own time for the step.</summary>
    public double Gpu => Math.Max(Memory, Compute) + Communication + Fixed;

    /// <summary>How much longer the step takes than the GPU's work: the host still launching when the GPU is done.</summary>
    public double LaunchWait => Math.Max(0, Launch - Gpu);

    public bool ComputeBound => Compute > Memory;
}

/// <summary>
/// Time of one forward step (the step.time formula): the slower of reading weights and KV and doing the
/// math, plus tensor-parallel all-reduces and pipeline hand-offs, plus the engine's fixed per-layer cost; the schedule
/// sets the host's launch floor on the steps that carry a prompt (<see cref="PromptLaunchSeconds"/>). Pure arithmetic on the catalog and the constants: calibration calls it for every row on
/// every trial of the fit.
/// </summary>
public static class StepModel
{
    public static StepTime Time(Setup setup, StepLoad load, Assumptions assumptions)
    {
        var (model, gpu) = (setup.Model, setup.Gpu);
        var arch = model.Architecture;
        var c = assumptions.Speed.For(setup.Engine, gpu);
        var tp = setup.TensorParallel;

        // Pipeline stages run one after another for a step, so the whole model is read by tp GPUs' bandwidth.
        // Data-parallel attention: every GPU of a stage reads the weights outside the routed experts whole, and the
        // KV of its own share of the sequences (the busiest GPU holds the rounded-up share: one sequence keeps one GPU busy).
        var weights = MemoryEstimator.WeightBytes(model, setup.Precision, assumptions) * ReadFraction(arch, load, setup.ExpertParallel);
        var replicas = FitEstimator.AttentionReplicas(setup);
        var kvPerSequence = MemoryEstimator.KvBytesAt(model, (long)Math.Ceiling(load.Context), setup.Fp8Kv);
        var perGpu = replicas > 1
            ? ((weights + FitEstimator.ReplicatedWeightBytes(setup, assumptions)) / tp) + (Math.Ceiling(load.Sequences / replicas) * kvPerSequence)
            : (weights + (load.Sequences * kvPerSequence * FitEstimator.KvReplication(arch, tp))) / tp;
        var memory = perGpu / (Units.BytesPerSecond(gpu.Bandwidth) * c.BandwidthEfficiency);

        var compute = 0.0;
        if (Units.DensePeak(setup) is { } peak)
        {
            // Weights' matrix multiplies run at the weights' rate; attention multiplies queries by the KV cache in 16-bit math
            // (FlashAttention 2, FlashMLA and FlashInfer dequantize an FP8 cache; FlashAttention 3's FP8 path is not modelled),
            // so FP8 weights do not make attention FP8.
            var attentionPeak = Units.DensePeak(gpu, Precision.Bf16)?.FlopsPerSecond ?? peak.FlopsPerSecond;
            var activeParameters = MemoryEstimator.ActiveParameters(model);
            var active = 2 * activeParameters;
            var decodeTokens = load.Sequences * load.TokensPerSequence;
            var prefillAttention = load.PrefillTokens * AttentionFlopsPerQuery(arch, load.PromptTokens / 2, prefill: true) / c.PrefillEfficiency / attentionPeak;
            // A routed expert multiplies only the tokens routed to it: a few rows each. The weight math's rate falls to
            // (1 - r) + r x m / (m + half-rate rows), r the routed share: at most the routed share of the rate is lost.
            var routed = RoutedActiveShare(arch, activeParameters);
            // With expert parallelism the busiest GPU's experts get more rows than the average (RowImbalance), and the step waits for it.
            var ep = setup.ExpertParallel;
            var decodeRate = (1 - routed) + (routed * ExpertRate(arch, setup.Engine, setup.Precision, gpu, decodeTokens, assumptions) / RowImbalance(arch, decodeTokens, ep));
            var chunkTokens = load.PromptChunk > 0 ? load.PromptChunk : load.PrefillTokens;
            var prefillRate = (1 - routed) + (routed * ExpertRate(arch, setup.Engine, setup.Precision, gpu, decodeTokens + chunkTokens, assumptions) / RowImbalance(arch, decodeTokens + chunkTokens, ep));
            var linear = ((active * decodeTokens / c.ComputeEfficiency / decodeRate) + (active * load.PrefillTokens / c.PrefillEfficiency / prefillRate)) / peak.FlopsPerSecond;
            var attention = (decodeTokens * AttentionFlopsPerQuery(arch, load.Context) / c.ComputeEfficiency / attentionPeak) + prefillAttention;
            compute = (linear + attention) / tp;
            if (replicas > 1)
            {
                // With data-parallel attention a prompt is prefilled by the one attention replica that owns it, and the others
                // wait for it at the next expert exchange: the prompt's attention and its weights outside the routed experts
                // run on one GPU, not split over the stage. Only the routed experts' share of its math stays spread. A step whose
                // prompt tokens come from several prompts (an offline batch, a burst) spreads them over as many replicas: the
                // busiest carries 1 / min(replicas, prompts) of them, and the stage waits only for its excess over an even share.
                var outside = active * (1 - routed);
                var prompts = load.PromptTokens > 0 ? Math.Max(1, load.PrefillTokens / load.PromptTokens) : 1;
                var busiest = 1 / Math.Min(replicas, prompts);
                compute += ((load.PrefillTokens * outside / c.PrefillEfficiency / peak.FlopsPerSecond) + prefillAttention) * Math.Max(0, busiest - (1.0 / tp));
            }
        }

        // The fixed costs are fitted on decode rows of 8B-class models and up: a smaller model's are held at the floor, not extrapolated below it.
        var fixedSeconds = Math.Max(assumptions.MinStepMs * 1e-3, c.FixedSeconds(arch.Layers) + assumptions.Speed.Shared.MoeSeconds(arch));
        return new StepTime(memory, compute, Communication(setup, load.Tokens, assumptions), fixedSeconds);
    }

    /// <summary>
    /// The host's time to launch a step that carries prompt tokens, layer by layer outside the decode's captured graph (zero on
    /// accelerators that run compiled graphs). The schedule knows which steps carry a prompt and sets it on them (<see cref="StepTime.Launch"/>).
    /// </summary>
    public static double PromptLaunchSeconds(Setup setup, Assumptions assumptions)
        => Units.LaunchesFromHost(setup.Gpu) ? assumptions.Speed.For(setup.Engine, setup.Gpu).PromptLaunchSeconds(setup.Model.Architecture.Layers) : 0;

    /// <summary>A step that carries prompt tokens on it: its own time, floored by the host's launch of its layers.</summary>
    public static StepTime PromptStep(Setup setup, StepLoad load, Assumptions assumptions)
        => Time(setup, load, assumptions) with { Launch = PromptLaunchSeconds(setup, assumptions) };

    /// <summary>
    /// The share of the weights one step reads. Dense models read everything; a MoE step of t tokens
    /// touches E x (1 - (1 - k/E)^t) routed experts per layer, plus attention, shared experts and embeddings.
    /// </summary>
    public static double ReadFraction(ArchitectureData a, double tokens) => ReadFraction(a, StepLoad.Decode(tokens, 0));

    /// <summary>
    /// The share of the weights a step reads on average: chunk-carrying and plain steps weighed by how often each runs. With the
    /// experts spread over <paramref name="expertParallel"/> GPUs, the routed share counts as the busiest of them reads it
    /// (<see cref="ReadImbalance"/>), since the step waits for that GPU.
    /// </summary>
    public static double ReadFraction(ArchitectureData a, StepLoad load, int expertParallel = 1)
    {
        if (a.Moe is not { } moe)
        {
            return 1;
        }

        // The routed share takes a full parameter count: computed once per step, not once per kind of step.
        var routedShare = RoutedShare(a);
        double Read(double tokens)
        {
            var touched = ExpertsTouched(moe, tokens);
            return (1 - routedShare) + (routedShare * touched / moe.Experts * TouchedImbalance(moe, tokens, touched, expertParallel));
        }

        return load.ChunkStepShare is var share and > 0
            ? ((1 - share) * Read(load.DecodeTokens)) + (share * Read(load.DecodeTokens + load.PromptChunk))
            : Read(load.Tokens);
    }

    /// <summary>
    /// The share of its full rate an expert's multiply reaches with the rows a step of <paramref name="tokens"/> tokens routes to
    /// it: m / (m + the fitted half-rate rows). The serving engines multiply experts as grouped GEMMs whose tiles are tens to
    /// hundreds of rows tall, so an expert with a few rows wastes most of each tile. llama.cpp's quantized formats are exempt: it
    /// multiplies all of a layer's experts in one kernel (MMQ) that takes each expert's rows from the token list, and their
    /// measured prompt speeds do not fall with rows per expert (gpt-oss-120b at 16 rows an expert keeps pace with gpt-oss-20b at
    /// 64). Its 16-bit weights are not, off Apple: past the small-batch kernels its CUDA and HIP backends sort the tokens by
    /// expert on the host and run one matrix multiply per expert (ggml_cuda_mul_mat_id's fallback in ggml-cuda.cu), and its BF16
    /// mixture-of-experts prompts run at half or less of its quantized ones. Metal multiplies 16-bit experts together since
    /// llama.cpp PR #13388 (May 2025: Qwen3-30B-A3B F16 prompts from 344 to 1,400 tokens/s, beside Q4_0's 1,359), so Apple's
    /// machines are exempt, as is MLX for want of rows. These rules were set after seeing those rows, so their held-out scores
    /// are no evidence for them; the half-rate rows are fitted on the serving engines' rows.
    /// </summary>
    public static double ExpertRate(ArchitectureData a, ServingEngine engine, Precision precision, GpuData gpu, double tokens, Assumptions assumptions)
    {
        var half = assumptions.Speed.Shared.ExpertHalfRateTokens;
        var grouped = engine is ServingEngine.Mlx
            || (engine is ServingEngine.Llamacpp && (precision is not (Precision.Bf16 or Precision.Fp16) || Units.IsApple(gpu)));
        if (a.Moe is not { } moe || half <= 0 || tokens <= 0 || grouped)
        {
            return 1;
        }

        var rows = tokens * moe.ExpertsPerToken / moe.Experts;
        return rows / (rows + half);
    }

    /// <summary>The share of a token's active parameters in its routed experts (k experts in each MoE layer); zero for a dense model.</summary>
    public static double RoutedActiveShare(ArchitectureData a, double activeParameters)
        => a.Moe is { } moe && activeParameters > 0
            ? Math.Min(1, ParameterCount.CountMoeLayers(a) * moe.ExpertsPerToken * ParameterCount.ExpertParameters(a, moe) / activeParameters)
            : 0;

    public static double RoutedShare(ArchitectureData a) => RoutedShares.GetValue(a, x => new StrongBox<double>(ParameterCount.RoutedExpertParameters(x) / ParameterCount.Compute(x).Total)).Value;

    // A full parameter count per decode step was the speed model's largest fixed cost; like LayerLayout.Of, the share is
    // a pure function of the immutable architecture record, computed once per record.
    private static readonly ConditionalWeakTable<ArchitectureData, StrongBox<double>> RoutedShares = new();

    /// <summary>
    /// How many times the average routed-expert bytes the busiest of <paramref name="expertParallel"/> GPUs reads in a step of
    /// <paramref name="tokens"/> tokens, each GPU holding E / N of the experts. Each expert is touched with the chance
    /// p = 1 - (1 - k/E)^t, so a GPU's experts touched have mean (E/N) p and standard deviation sqrt((E/N) p (1 - p)); the busiest
    /// of N is taken at the mean plus z_N standard deviations, z_N the expected largest of N standard normal draws
    /// (<see cref="ExpectedMaximum"/>), and at most all its experts. Routing is taken as uniform: real routers favour some experts (more imbalance), and engines' expert load
    /// balancers (EPLB) place replicas of the hot ones (less); neither is modelled. One GPU, or a step that touches every
    /// expert, has none. Tensor parallelism slices every expert over the group, so it has none either.
    /// </summary>
    public static double ReadImbalance(MoeData moe, double tokens, int expertParallel)
        => TouchedImbalance(moe, tokens, ExpertsTouched(moe, tokens), expertParallel);

    /// <summary><see cref="ReadImbalance"/> given the experts the step's tokens touch per layer, for a caller that has them already.</summary>
    private static double TouchedImbalance(MoeData moe, double tokens, double touched, int expertParallel)
        => expertParallel <= 1 || tokens <= 0 ? 1 : BusiestOverMean((double)moe.Experts / expertParallel, touched / moe.Experts, expertParallel);

    /// <summary>
    /// How many times the average rows the busiest of <paramref name="expertParallel"/> GPUs multiplies in its experts, for a step
    /// of <paramref name="tokens"/> tokens: the step's t x k routed rows land on each GPU with the chance 1/N, so a GPU's rows have
    /// mean t k / N and standard deviation sqrt(t k (1/N)(1 - 1/N)); the busiest is taken at the mean plus z_N of them.
    /// Uniform routing, as <see cref="ReadImbalance"/>. One for a dense model.
    /// </summary>
    public static double RowImbalance(ArchitectureData a, double tokens, int expertParallel)
        => a.Moe is not { } moe || expertParallel <= 1 || tokens <= 0 ? 1 : BusiestOverMean(tokens * moe.ExpertsPerToken, 1.0 / expertParallel, expertParallel);

    /// <summary>
    /// The busiest of <paramref name="n"/> counts over their mean, each count binomial over <paramref name="trials"/> with
    /// <paramref name="chance"/>: the mean plus z_N standard deviations, and at most every trial.
    /// </summary>
    private static double BusiestOverMean(double trials, double chance, int n)
    {
        var mean = trials * chance;
        return Math.Min(trials, mean + (ExpectedMaximum(n) * Math.Sqrt(mean * (1 - chance)))) / mean;
    }

    /// <summary>
    /// The expected largest of <paramref name="n"/> independent standard normal draws (0 for one, 0.56 for two, 1.42 for eight,
    /// 2.34 for 64), integrated once for every group size up to <see cref="TabulatedMaxima"/> - 1; beyond it, the tabulated value
    /// plus the growth of sqrt(2 ln n).
    /// </summary>
    public static double ExpectedMaximum(int n)
    {
        if (n < TabulatedMaxima)
        {
            return NormalMaxima.Value[Math.Max(1, n)];
        }

        var last = TabulatedMaxima - 1;
        return NormalMaxima.Value[last] + Math.Sqrt(2 * Math.Log(n)) - Math.Sqrt(2 * Math.Log(last));
    }

    private const int TabulatedMaxima = 257;

    // Immutable once built: E[max] = integral of x n phi(x) Phi(x)^(n-1) dx on a grid, Phi by the trapezoid rule on the same grid.
    private static readonly Lazy<double[]> NormalMaxima = new(() =>
    {
        const double step = 0.01;
        const int points = 1601; // -8 to 8
        var x = new double[points];
        var density = new double[points];
        var cumulative = new double[points];
        for (var i = 0; i < points; i++)
        {
            x[i] = -8 + (i * step);
            density[i] = Math.Exp(-x[i] * x[i] / 2) / Math.Sqrt(2 * Math.PI);
            cumulative[i] = i == 0 ? 0 : cumulative[i - 1] + ((density[i - 1] + density[i]) * step / 2);
        }

        // Phi(x)^(n-1) grows by one factor per group size: a product kept per grid point, not a power taken for every n.
        var power = Enumerable.Repeat(1.0, points).ToArray();
        var maxima = new double[TabulatedMaxima];
        for (var n = 2; n < TabulatedMaxima; n++)
        {
            var sum = 0.0;
            for (var i = 0; i < points; i++)
            {
                power[i] *= cumulative[i];
                sum += x[i] * n * density[i] * power[i] * step;
            }

            maxima[n] = sum;
        }

        return maxima;
    });

    public static double ExpertsTouched(MoeData moe, double tokens) => moe.Experts * (1 - Math.Pow(1 - ((double)moe.ExpertsPerToken / moe.Experts), Math.Max(1, tokens)));

    /// <summary>
    /// Attention FLOPs of one query token against <paramref name="context"/> tokens, QK and AV (4 x heads x
    /// head dim per context token); windowed layers see at most their window. Prefill tokens are charged at half
    /// their prompt, the average prefix a prompt token sees. MLA decodes in its latent space (the up-projections
    /// absorbed into the query and output, as FlashMLA does: 2 x heads x (2 x latent + RoPE dim)); a prompt is
    /// attended with the latent expanded to per-head keys and values (2 x heads x (QK dim + V dim)), which is
    /// cheaper when every query is new, and what vLLM, SGLang and TensorRT-LLM run for prefill.
    /// </summary>
    public static double AttentionFlopsPerQuery(ArchitectureData a, double context, bool prefill = false)
    {
        double PerContextToken(bool full) => a.Attention.Kind != AttentionKind.Mla
            ? 4.0 * a.Heads * ParameterCount.HeadDim(a, full)
            : prefill && a.Attention.QkNopeHeadDim is { } nope && a.Attention.VHeadDim is { } v
                ? 2.0 * a.Heads * (nope + (a.Attention.QkRopeHeadDim ?? 0) + v)
                : 2.0 * a.Heads * ((2.0 * (a.Attention.KvLoraRank ?? 0)) + (a.Attention.QkRopeHeadDim ?? 0));
        var layout = LayerLayout.Of(a);

        // A sparse-attention query attends to its indexer's top-k tokens, not the whole context.
        var attended = a.Attention.Indexer is { } indexer ? Math.Min(context, indexer.TopK) : context;
        return (PerContextToken(true) * layout.FullAttentionLayers * attended) + (PerContextToken(false) * layout.LocalAttentionLayers * Math.Min(attended, a.Attention.Window ?? 0));
    }

    /// <summary>
    /// Two ring all-reduces of the step's activations per layer across the tensor-parallel group, and one
    /// hand-off per pipeline boundary; each pays the link's latency and its bytes over the per-GPU bandwidth
    /// of the link the group spans (the scale-up domain, or the scale-out network beyond it).
    /// </summary>
    public static double Communication(Setup setup, double tokens, Assumptions assumptions)
    {
        var (tp, pp) = (setup.TensorParallel, setup.PipelineStages);
        if (tp * pp == 1)
        {
            return 0;
        }

        var latency = assumptions.Speed.Shared.AllreduceLatencyUs * 1e-6;
        var activationBytes = tokens * setup.Model.Architecture.Hidden * 2.0;
        var seconds = 0.0;
        if (setup.AttentionDataParallel && setup.Model.Architecture.Moe is { } moe)
        {
            // No all-reduce: each GPU sends its own tokens to the GPUs holding their experts and gathers the outputs back
            // (dispatch and combine per MoE layer), each token to k experts, all but 1/tp of them on other GPUs.
            var dispatchBytes = activationBytes / tp * moe.ExpertsPerToken * (tp - 1) / tp;
            seconds += 2 * ParameterCount.CountMoeLayers(setup.Model.Architecture) * (latency + (LinkBytesPerSecond(setup.Gpu, tp) is { } b ? dispatchBytes / b : 0));
        }
        else if (tp > 1)
        {
            // A stage's tensor-parallel group sits inside one scale-up domain when it fits there.
            var ringBytes = 2.0 * (tp - 1) / tp * activationBytes;
            seconds += 2 * setup.Model.Architecture.Layers * (latency + (LinkBytesPerSecond(setup.Gpu, tp) is { } b ? ringBytes / b : 0));
        }

        if (pp > 1)
        {
            seconds += (pp - 1) * (latency + (LinkBytesPerSecond(setup.Gpu, setup.Count) is { } b ? activationBytes / b : 0));
        }

        return seconds;
    }

    /// <summary>Per-GPU bandwidth between the GPUs of a group of <paramref name="gpus"/>; null when the accelerator's links are not sourced.</summary>
    public static double? LinkBytesPerSecond(GpuData gpu, int gpus)
    {
        // A group inside one scale-up domain talks over its links, sourced or not: never over the network between servers
        // (16 Trainium2 chips of one instance over its 25 GB/s EFA ports made a long prompt's all-reduces seven times slower).
        if (gpu.ScaleUp is { } scaleUp && gpus <= Math.Max(1, scaleUp.Domain))
        {
            return scaleUp.Bandwidth is { } up ? Units.BytesPerSecond(up) : null;
        }

        return gpu.ScaleOut is { } outward ? Units.BytesPerSecond(outward) : gpu.ScaleUp?.Bandwidth is { } fallback ? Units.BytesPerSecond(fallback) : null;
    }
}
