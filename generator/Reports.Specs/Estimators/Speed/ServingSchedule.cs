using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// Continuous batching with chunked prefill (the serve.schedule formula). At concurrency C every decode
/// step also carries the other requests' prompts, spread over their output, so TTFT, ITL and throughput
/// come from one schedule; offline runs the largest batch the KV cache, the engine's sequence cap and its
/// per-step token budget allow.
/// </summary>
public static class ServingSchedule
{
    /// <param name="together">Prompts that arrive at once and are prefilled as one: 1 when users come and go independently.</param>
    public static ServingPoint AtConcurrency(Setup setup, int concurrency, int inputTokens, int outputTokens, Assumptions assumptions, int? memoryBatch = null, int together = 1)
    {
        var (users, caps, context, c) = Admit(setup, concurrency, inputTokens, outputTokens, assumptions, memoryBatch);
        var tokensPerStep = setup.Speculative?.AcceptanceLength ?? 1;

        // The other C - 1 requests each prefill once per output of O tokens, which takes O / tokens-per-step steps.
        // Their prompts arrive in chunks of at most the step budget, so a MoE reads every expert a chunk touches on
        // the steps that carry one and only the decode tokens' experts on the rest (see StepLoad.PromptChunk).
        var budget = Math.Max(1, caps.MaxBatchedTokens - (c - 1));
        var arriving = Math.Clamp(together, 1, c) * inputTokens;
        var chunks = (int)Math.Ceiling(arriving / (double)budget);
        var chunk = Math.Min(arriving, budget);
        var othersPrefill = (c - 1) * (double)inputTokens * tokensPerStep / outputTokens;

        // Pipeline stages work on different micro-batches at once: each sequence waits one pass of its own micro-batch.
        var micro = ParallelPlan.MicroBatches(setup);
        var load = new StepLoad(Math.Max(1, (double)c / micro), context, 1 + (setup.Speculative?.DraftTokens ?? 0), othersPrefill / micro, inputTokens, chunk);
        var step = StepModel.Time(setup, load, assumptions);

        // Full chunks, then what is left of the prompt: a 20,000-token prompt in 16,384-token chunks is one full step and a 3,616-token one.
        // A step carrying a chunk is launched by the host layer by layer, and takes at least that long.
        StepTime ChunkStep(int tokens) => StepModel.PromptStep(setup, new StepLoad(c - 1, context, 1, tokens, inputTokens), assumptions);
        var prefill = ChunkStep(chunk);

        // The decode steps that carry the others' chunks wait for their launch too: on every step when chunks arrive faster than one a step.
        step = load.PrefillTokens > 0 && load.ChunkStepShare == 0 ? step with { Launch = prefill.Launch } : step with { PromptWait = load.ChunkStepShare * prefill.LaunchWait };
        var draft = DraftSeconds(setup, step, assumptions);
        var itl = (step.Total + draft) / tokensPerStep;
        var remainder = arriving - ((chunks - 1) * chunk);
        var prefillSeconds = ((chunks - 1) * prefill.Total) + (remainder == chunk ? prefill.Total : ChunkStep(remainder).Total);
        // A prompt that arrives while the other requests' step runs waits for that step to end: half a step on average.
        var inFlight = (c - 1.0) / c * step.Total / 2;
        var running = (assumptions.Speed.Shared.RequestOverheadMs * 1e-3) + inFlight + prefillSeconds;
        var lifetime = running + (Math.Max(0, outputTokens - 1) * itl);

        // Closed loop: with U users and C running, each request waits (U / C - 1) lifetimes of a running one.
        var ttft = running + (((double)users / c) - 1) * lifetime;
        var throughput = c * outputTokens / lifetime;
        return new ServingPoint(c, load, step, draft, itl, prefill, chunks, prefillSeconds, ttft, throughput, c < users ? (c == caps.MaxSequences ? "sequence cap" : "KV cache") : "concurrency");
    }

    /// <summary>
    /// Fixed-length requests sent C at a time and in step (<see cref="ArrivalPattern.Burst"/>): a wave's C prompts arrive
    /// together and, with one output length, finish together, so the next wave arrives together too. The wave prefills
    /// every prompt in chunks of the step budget, a prompt's first token waiting for the chunks before it, then decodes
    /// its C sequences; each request ends with the wave, so the time the later prompts take is spread over the earlier
    /// requests' output tokens.
    /// </summary>
    public static ServingPoint Burst(Setup setup, int concurrency, int inputTokens, int outputTokens, Assumptions assumptions, int? memoryBatch = null)
    {
        var (users, caps, context, c) = Admit(setup, concurrency, inputTokens, outputTokens, assumptions, memoryBatch);
        var tokensPerStep = setup.Speculative?.AcceptanceLength ?? 1;

        // The wave's prompts, c x I tokens, in chunks of the step budget: prompt j is done after ceil(j x I / budget) chunks.
        var budget = Math.Max(1, caps.MaxBatchedTokens);
        var total = (double)c * inputTokens;
        var chunk = Math.Min(total, budget);
        var prefill = StepModel.PromptStep(setup, new StepLoad(0, context, 1, chunk, inputTokens), assumptions);
        var chunks = (int)Math.Ceiling(total / budget);
        var meanChunks = 0.0;
        for (var j = 1; j <= c; j++)
        {
            meanChunks += Math.Ceiling(j * (double)inputTokens / budget);
        }

        meanChunks /= c;
        var overhead = assumptions.Speed.Shared.RequestOverheadMs * 1e-3;
        var ready = meanChunks * prefill.Total;
        var prefillAll = chunks * prefill.Total;

        var micro = ParallelPlan.MicroBatches(setup);
        var load = new StepLoad(Math.Max(1, (double)c / micro), context, 1 + (setup.Speculative?.DraftTokens ?? 0), 0, inputTokens);
        var step = StepModel.Time(setup, load, assumptions);
        var draft = DraftSeconds(setup, step, assumptions);
        var decodeItl = (step.Total + draft) / tokensPerStep;
        var tail = Math.Max(1, outputTokens - 1);
        var wave = overhead + prefillAll + (tail * decodeItl);

        // The measured time per output token of an early prompt includes waiting for the wave's later prompts.
        var itl = decodeItl + ((prefillAll - ready) / tail);
        var ttft = overhead + ready + ((((double)users / c) - 1) * wave);
        return new ServingPoint(c, load, step, draft, itl, prefill, chunks, prefillAll, ttft, c * outputTokens / wave, c < users ? (c == caps.MaxSequences ? "sequence cap" : "KV cache") : "concurrency");
    }

    /// <summary>
    /// A run of <paramref name="requests"/> fixed-length requests whose clients start together, C at a time. The first wave is a
    /// <see cref="Burst"/>. When its prompts take more than one step's budget, they finish their prefill on different steps in
    /// groups of as many as a step holds, so their requests end apart and the later waves' prompts come back in those groups:
    /// the later waves run as <see cref="AtConcurrency"/> with a group arriving together, and the run's mean TTFT and ITL weigh
    /// one burst wave against the others, its throughput their times. A wave that fits one step ends and comes back whole, so
    /// every wave stays a burst, as does a run without a request count.
    /// </summary>
    public static ServingPoint BurstRun(Setup setup, int concurrency, int inputTokens, int outputTokens, int? requests, Assumptions assumptions, int? memoryBatch = null)
    {
        var burst = Burst(setup, concurrency, inputTokens, outputTokens, assumptions, memoryBatch);
        var waves = (requests ?? 0) / (double)Math.Max(1, concurrency);
        if (waves <= 1 || burst.PrefillChunks <= 1)
        {
            return burst;
        }

        var group = Math.Max(1, assumptions.Caps(setup).MaxBatchedTokens / Math.Max(1, inputTokens));
        var spread = AtConcurrency(setup, concurrency, inputTokens, outputTokens, assumptions, memoryBatch, group);
        double Mean(double first, double later) => (first + ((waves - 1) * later)) / waves;
        return burst with
        {
            TtftSeconds = Mean(burst.TtftSeconds!.Value, spread.TtftSeconds!.Value),
            ItlSeconds = Mean(burst.ItlSeconds, spread.ItlSeconds),
            ThroughputTokensPerSecond = waves / ((1 / burst.ThroughputTokensPerSecond) + ((waves - 1) / spread.ThroughputTokensPerSecond)),
        };
    }

    /// <summary>
    /// How many of <paramref name="concurrency"/> users' requests run at once: as many as the KV cache at the mean
    /// context (prompt and half the output) and the engine's sequence cap hold; the rest wait their turn.
    /// </summary>
    private static (int Users, EngineCaps Caps, double Context, int Running) Admit(Setup setup, int concurrency, int inputTokens, int outputTokens, Assumptions assumptions, int? memoryBatch)
    {
        var users = Math.Max(1, concurrency);
        var caps = assumptions.Caps(setup);
        var context = inputTokens + (outputTokens / 2.0);
        var fits = memoryBatch ?? SpeedEstimator.LargestBatch(setup, (long)Math.Ceiling(context), assumptions);
        return (users, caps, context, Math.Max(1, Math.Min(users, Math.Min(caps.MaxSequences, fits))));
    }

    /// <summary>The largest batch a replica holds for this shape, and the steady-state step it runs at.</summary>
    /// <param name="memoryBatch">The sequences one replica's KV cache holds, when the caller has it (it does not depend on the constants).</param>
    public static ServingPoint Offline(Setup setup, int inputTokens, int outputTokens, Assumptions assumptions, int? memoryBatch = null)
    {
        var caps = assumptions.Caps(setup);
        var context = inputTokens + (outputTokens / 2.0);
        var byMemory = memoryBatch ?? SpeedEstimator.LargestBatch(setup, (long)Math.Ceiling(context), assumptions);

        // Each step decodes b tokens and prefills b x I / O prompt tokens; together they stay within the step budget.
        var byBudget = (int)Math.Floor(caps.MaxBatchedTokens * (double)outputTokens / ((double)inputTokens + outputTokens));
        var batch = Math.Max(1, Math.Min(caps.MaxSequences, Math.Min(byMemory, byBudget)));
        var limit = batch == caps.MaxSequences ? "sequence cap" : batch == byBudget ? "token budget" : "KV cache";
        var micro = ParallelPlan.MicroBatches(setup);
        var load = new StepLoad((double)batch / micro, context, 1, batch * (double)inputTokens / outputTokens / micro, inputTokens);
        var step = StepModel.Time(setup, load, assumptions);

        // A sequence's prompt arrives once per output, so batch / output of the steps carry one (all of them once that reaches one),
        // and those wait for their launch by the host when the GPU finishes first.
        var promptSteps = Math.Min(1, (double)batch / outputTokens);
        step = step with { PromptWait = promptSteps * (step with { Launch = StepModel.PromptLaunchSeconds(setup, assumptions) }).LaunchWait };
        return new ServingPoint(batch, load, step, 0, step.Total, null, 0, 0, null, batch / step.Total, limit);
    }

    /// <summary>The draft model's share of a speculative step: one layer's worth of the step per drafted token (MTP and EAGLE heads are one layer).</summary>
    private static double DraftSeconds(Setup setup, StepTime step, Assumptions assumptions)
    {
        if (setup.Speculative is not { } spec)
        {
            return 0;
        }

        var layers = setup.Model.Architecture.Layers;
        var perLayer = (Math.Max(step.Memory, step.Compute) + step.Communication) / layers;
        return spec.DraftTokens * (perLayer + (assumptions.Speed.For(setup.Engine).LayerOverheadUs * 1e-6));
    }
}
