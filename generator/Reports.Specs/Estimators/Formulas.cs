namespace Reports.Specs.Estimators;

/// <summary>Every formula the site uses, by id: the methodology page prints this list.</summary>
public static class Formulas
{
    public static readonly IReadOnlyList<Formula> All =
    [
        new("params.config", "attention + FFN (dense or MoE) + norms per layer, summed over layers, + embeddings (twice when untied) + final norm"),
        new("weights.bytes", "parameters x bits_per_weight / 8; a published checkpoint size is used instead when there is one"),
        new("weights.bits", "BF16/FP16 16, FP8/INT8 8, INT4 4 + 16/group (16-bit scale per group), MXFP4 4.25 (8-bit scale per 32 values)"),
        new("kv.per_token", "MHA/GQA/MQA: 2 x layers x kv_heads x head_dim x bytes; MLA: (kv_lora_rank + qk_rope_head_dim) x layers x bytes"),
        new("kv.at_context", "sum over layers of per-layer KV bytes x min(context, window), window = context for global layers"),
        new("fit.needed", "weights + KV(context) x concurrency x KV replication + workspace per GPU x GPUs"),
        new("fit.available", "GPUs x memory x usable fraction, memory being what the driver reports where it is sourced (the marketed figure otherwise); on TensorRT-LLM, whose KV cache takes its fraction of the memory left free, weights + workspace + usable fraction x (GPUs x memory - weights - workspace)"),
        new("fit.grade", "needed / available against the grade thresholds in site.yaml; over 1 is no fit"),
        new("fit.min_gpus", "the smallest GPU count that fits and that the engine can lay out: tensor parallelism must divide the attention heads; llama.cpp splits layers, so any count"),
        new("moe.read", "routed experts touched per MoE layer by t tokens: E x (1 - (1 - k/E)^t); weight bytes read per step = non-expert share + routed share x touched / E; when other requests' prompts arrive in chunks, the chunk-carrying steps (their share = prompt tokens per step / chunk) touch the experts of decode + chunk tokens and the rest those of the decode tokens alone; with the experts spread over N GPUs (expert parallelism), the step waits for the GPU whose experts the tokens touched most: a GPU's touched experts, out of its E / N, have mean (E / N) p and standard deviation sqrt((E / N) p (1 - p)), p = 1 - (1 - k/E)^t, and the busiest is taken at the mean + z_N standard deviations, z_N the expected largest of N standard normal draws (1.42 for N = 8), with routing taken as uniform",
            Summary: "experts touched per MoE layer by t tokens: E x (1 - (1 - k/E)^t); bytes read per step = non-expert share + routed share x touched / E"),
        new("step.time", "max(memory, compute) + communication + fixed. memory = (weight bytes read + sequences x KV bytes at the context x KV replication) / (TP x bandwidth x engine bandwidth efficiency), or with data-parallel attention (weight bytes read + (TP - 1) x weights outside the routed experts) / TP + KV of the busiest GPU's sequences, over bandwidth x efficiency; compute = (2 x active params x tokens / efficiency) / (TP x dense peak of the weights' format, which for llama.cpp is the FP16-accumulate rate for F16 and quantized weights, twice the BF16 rate on GeForce cards, and the BF16 rate for BF16 weights) + (attention FLOPs x tokens / efficiency) / (TP x 16-bit dense peak) (MLA attends in its latent space when decoding and with per-head keys and values over a prompt), decode tokens at the decode efficiency and prompt tokens at the prefill efficiency, times (1 - r) + r x m / (m + half-rate rows) for a mixture of experts, r the routed experts' share of the active parameters and m = tokens x k / E the rows the step sends an expert, divided, with the experts spread over N GPUs, by the busiest GPU's rows over the average (a GPU's rows have mean t k / N and standard deviation sqrt(t k (1/N)(1 - 1/N)); the busiest is taken at the mean + z_N standard deviations, as in moe.read) (serving engines' grouped multiplies, and llama.cpp's 16-bit weights off Apple, which its CUDA and HIP backends multiply one expert at a time; not llama.cpp's quantized formats or MLX) (with data-parallel attention a prompt's attention and its math outside the routed experts run on the one GPU that owns it, the rest waiting; a step carrying several prompts spreads them over min(TP, prompts) GPUs, and the stage waits for the busiest one's excess over an even share); communication = 2 x layers x (all-reduce latency + 2 (TP-1)/TP x tokens x hidden x 2 bytes / link bandwidth), or with data-parallel attention 2 x MoE layers x (latency + each GPU's tokens x experts per token x hidden x 2 bytes x (TP-1)/TP / link bandwidth) for dispatch and combine; plus one hand-off per pipeline boundary; fixed = layers x the engine's per-layer cost + MoE layers x MoE-layer cost. A step that carries prompt tokens on a GPU runs outside the decode's captured CUDA graph (vLLM and TensorRT-LLM capture prompt steps piecewise at most, with attention launched eagerly): it takes at least layers x the engine's per-layer prompt cost, the host launching each layer, however little the GPU has to do (not on TPUs, Trainium or Gaudi, which run compiled graphs). ITL = (step + share of steps carrying a chunk x what such a step waits for its launch + draft) / tokens accepted per step",
            Summary: "max(memory, compute) + communication + fixed, per step: weight and KV bytes over bandwidth, matrix and attention FLOPs over the format's peak, all-reduces or dispatch over the links, fixed costs; a prompt step lasts at least its host launch; ITL = (step + draft) / tokens accepted per step"),
        new("serve.schedule", "C requests run (at most the KV cache's and the engine's sequence cap; with pipeline stages, one micro-batch per stage in flight on vLLM, SGLang and TensorRT-LLM); each step decodes them and prefills the others' prompts, (C - 1) x input / output tokens per step; TTFT = request cost + half a step (the others' step in flight when the prompt arrives) + the prompt's steps (full chunks, then the remainder, each step also decoding the others); users beyond C wait (users / C - 1) request lifetimes; throughput = C x output / (TTFT + (output - 1) x ITL). Prompt-carrying steps last at least the host's floor (layers x the engine's per-layer prompt cost, on GPUs): a prompt's chunk steps do, and decode steps wait for it on the share of steps that carry the others' chunks. Offline: the largest batch within the KV cache, the sequence cap and the step's token budget, batch / step, where batch / output of the steps carry a new prompt and wait for the host's floor. A benchmark whose clients start together with fixed lengths: the first wave's prompts arrive at once; when they take more than one step, later waves come back in groups of as many prompts as a step holds, and the run's mean weighs one burst wave against the grouped ones",
            Summary: "C requests share each step, which decodes them and prefills the others' prompts in chunks; TTFT = request cost + half a step + the prompt's steps; throughput = C x output / (TTFT + (output - 1) x ITL); offline, the largest batch that fits, batch / step"),
        new("cost.month", "$/GPU-hour x GPUs x hours per month"),
        new("cost.per_m_tokens", "$/GPU-hour x GPUs / (aggregate tokens/s x 3600 x utilization) x 10^6"),
        new("cost.api_request", "input tokens x input $/M / 10^6 + output tokens x output $/M / 10^6"),
        new("cost.api_month", "monthly tokens x (input share x input $/M + output share x output $/M) / 10^6"),
        new("serve.frontier", "each plan (deployable precision, smallest fitting GPU count and larger powers of two up to 8) at 1, 2, 4 ... 512 concurrent users on serve.schedule; under a target (TTFT and ITL limits), per accelerator the point that meets both at the lowest $ per million output tokens, the most users on a tie",
            Summary: "each plan at 1, 2, 4 ... 512 users on serve.schedule; per accelerator, the point that meets the TTFT and ITL target at the lowest $ per million output tokens"),
        new("cost.capacity", "aggregate output tokens/s x (input + output tokens) / output tokens per request x 3600 x hours per month x utilization"),
        new("cost.break_even", "GPU cost per month / API blended $/M x 10^6, where blended = input share x input $/M + output share x output $/M; none when it exceeds one replica's monthly capacity (the API is cheaper at every volume)"),
        new("launch.command", "the plan's engine, checkpoint (the vendor's repository at its published precision, a listed checkpoint at another, or FP8 quantized on load), tensor and pipeline sizes, the longest context one sequence's KV cache fits, the memory share, KV dtype and speculative decoding, each spelled by the engine's documented flags; one line per node beyond 8 GPUs",
            Summary: "the plan's engine, checkpoint, tensor and pipeline sizes, context, memory share, KV dtype and speculative decoding, in the engine's documented flags"),
        new("score.percentile", "share of catalog models with a score on the benchmark that this model beats or ties"),
        new("score.composite", "mean percentile over the benchmarks the model has scores for; shown with how many it has"),
    ];

    public static string Text(string id) => Get(id).Text;

    /// <summary>The formula's one line for a tooltip: its summary, or its text when that is already short.</summary>
    public static string Short(string id) => Get(id).Short;

    public static Formula Get(string id)
    {
        foreach (var formula in All)
        {
            if (formula.Id == id)
            {
                return formula;
            }
        }

        throw new KeyNotFoundException("No formula '" + id + "'.");
    }
}

/// <summary>
/// A formula: its full text, which the methodology page prints, and for the long ones a one-line summary, which
/// each figure's tooltip shows instead. A page repeats a figure's tooltip in every row, so a 1,300-character formula
/// there would outweigh the table; the full text is one click away, behind the figure's formula link.
/// </summary>
public sealed record Formula(string Id, string Text, string? Summary = null)
{
    public string Short => Summary ?? Text;
}
