using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

public enum SpeedMode
{
    /// <summary>Requests at a given concurrency; per-user speed matters.</summary>
    Latency,

    /// <summary>The largest batch that fits; aggregate throughput matters.</summary>
    Offline,
}

/// <summary>Speed of one setup for one request shape. Null estimates could not be made (the reason is in <see cref="Notes"/>).</summary>
public sealed record SpeedResult(
    int Batch,
    Estimate DecodeTokensPerSecond,
    Estimate ItlMs,
    Estimate? TtftMs,
    Estimate ThroughputTokensPerSecond,
    IReadOnlyList<string> Notes);

/// <summary>Decode is memory-bound at small batches and compute-bound at large ones; prefill is compute-bound.</summary>
public static class SpeedEstimator
{
    public static SpeedResult Estimate(Setup setup, SpeedMode mode, int inputTokens, int outputTokens, Assumptions assumptions)
    {
        var notes = new List<string>();
        var batch = mode == SpeedMode.Offline ? Math.Max(1, LargestBatch(setup, inputTokens + outputTokens, assumptions)) : setup.Concurrency;
        if (mode == SpeedMode.Offline)
        {
            notes.Add($"Offline: the largest batch that fits at {inputTokens + outputTokens:#,0} tokens per sequence, at most {assumptions.MaxBatch} (site.yaml max_batch): {batch}.");
        }

        var averageContext = inputTokens + (outputTokens / 2);
        var step = StepSeconds(setup, batch, averageContext, assumptions, notes);
        var perUser = 1.0 / step.Value;
        var decode = new Estimate("Decode tokens/s per user", perUser, "tokens/s", "decode.batch", [step.AsInput("Decode step time")],
            [$"Batch {batch}, KV read at an average context of {averageContext:#,0} tokens."], Tier.Estimated);
        var itl = new Estimate("Inter-token latency", step.Value * 1000, "ms", "itl", [decode.AsInput()], [], Tier.Estimated);
        var ttft = Ttft(setup, inputTokens, assumptions, notes);

        Estimate throughput;
        if (mode == SpeedMode.Offline)
        {
            // batch_mfu is calibrated on whole-system serving throughput, so prefill is already folded
            // into it: adding a separate prefill term here would count it twice.
            throughput = new Estimate("Aggregate output tokens/s", batch / step.Value, "tokens/s", "throughput.offline",
                [
                    new EstimateInput("Batch", batch, "sequences", "formula: throughput.offline"),
                    step.AsInput("Decode step time"),
                    new EstimateInput("Input tokens", inputTokens, "tokens", "stated"),
                    new EstimateInput("Output tokens", outputTokens, "tokens", "stated"),
                ],
                ["Prefill is folded into batch_mfu, which was set from whole-system serving throughput; for prompts much longer than the calibration's this overestimates throughput."],
                Tier.Estimated);
        }
        else if (ttft is not null)
        {
            // Each of the concurrent requests waits for its prefill, then decodes; the rate counts both.
            var seconds = (ttft.Value / 1000) + (outputTokens * step.Value);
            throughput = new Estimate("Aggregate output tokens/s", batch * outputTokens / seconds, "tokens/s", "decode.batch",
                [
                    step.AsInput("Decode step time"),
                    ttft.AsInput("Prefill time per request"),
                    new EstimateInput("Concurrent sequences", batch, "sequences", "stated"),
                    new EstimateInput("Output tokens", outputTokens, "tokens", "stated"),
                ],
                ["Requests arrive together and each is prefilled before it decodes."],
                Tier.Estimated);
        }
        else
        {
            throughput = new Estimate("Aggregate output tokens/s", batch / step.Value, "tokens/s", "decode.batch",
                [step.AsInput("Decode step time"), new EstimateInput("Concurrent sequences", batch, "sequences", "stated")],
                ["Prefill is not included: the GPU has no sourced dense TFLOPS."],
                Tier.Estimated);
        }

        return new SpeedResult(batch, decode, itl, ttft, throughput, notes);
    }

    /// <summary>The number <see cref="StepSeconds"/> reports, without provenance: for ranking many setups.</summary>
    public static double QuickStepSeconds(Setup setup, int batch, long context, Assumptions assumptions)
    {
        var (memory, compute) = StepBounds(setup, batch, context, assumptions);
        return compute is { } c ? Math.Max(memory, c) : memory;
    }

    /// <summary>
    /// The two bounds of a decode step: reading weights and KV from memory, and the math (null when the
    /// GPU has no sourced dense TFLOPS). The one place the decode.batch formula is written.
    /// </summary>
    private static (double MemorySeconds, double? ComputeSeconds) StepBounds(Setup setup, int batch, long context, Assumptions assumptions)
    {
        var (model, gpu, n) = (setup.Model, setup.Gpu, setup.Count);
        var bytes = (MemoryEstimator.WeightBytes(model, setup.Precision, assumptions) * ReadFraction(model.Architecture, batch).Fraction)
                    + (MemoryEstimator.KvBytesAt(model, context, setup.Fp8Kv) * batch * FitEstimator.KvReplication(model.Architecture, n));
        var memory = bytes / (n * Units.BytesPerSecond(gpu.Bandwidth) * assumptions.DecodeBandwidthEfficiency * assumptions.ParallelFactor(n));
        double? compute = Units.DensePeak(gpu, setup.Precision) is { } peak
            ? 2 * MemoryEstimator.ParamsActive(model).Value * batch / (n * peak.FlopsPerSecond * assumptions.BatchMfu)
            : null;
        return (memory, compute);
    }

    /// <summary>
    /// The share of the weights one decode step reads. Dense models read everything; a MoE batch of b
    /// tokens touches E x (1 - (1 - k/E)^b) routed experts per layer, plus attention, shared experts and embeddings.
    /// </summary>
    private static (double Fraction, double RoutedShare, double Touched) ReadFraction(ArchitectureData a, int batch)
    {
        if (a.Moe is not { } moe)
        {
            return (1, 0, 0);
        }

        var routedShare = ParameterCount.RoutedExpertParameters(a) / ParameterCount.Compute(a).Total;
        var touched = moe.Experts * (1 - Math.Pow(1 - ((double)moe.ExpertsPerToken / moe.Experts), batch));
        return ((1 - routedShare) + (routedShare * touched / moe.Experts), routedShare, touched);
    }

    /// <summary>Seconds per decode step for <paramref name="batch"/> sequences: the slower of reading memory and doing the math.</summary>
    public static Estimate StepSeconds(Setup setup, int batch, long context, Assumptions assumptions, List<string>? notes = null)
    {
        var (model, gpu, n) = (setup.Model, setup.Gpu, setup.Count);
        var (memorySeconds, computeSeconds) = StepBounds(setup, batch, context, assumptions);
        var inputs = new List<EstimateInput>
        {
            WeightBytesReadPerStep(setup, batch, assumptions).AsInput(),
            MemoryEstimator.KvAtContext(model, context, setup.Fp8Kv).AsInput("KV cache read per sequence"),
            new("Batch", batch, "sequences", "stated"),
            new("GPUs", n, "GPUs", "stated"),
            new("Memory bandwidth per GPU", gpu.Bandwidth.Value, gpu.Bandwidth.Unit, FitEstimator.GpuSrc(gpu, gpu.Bandwidth)),
            assumptions.Input("decode_bandwidth_efficiency"),
            assumptions.Input("tp_scaling_per_doubling"),
        };
        var notesHere = new List<string>
        {
            "Per-step fixed costs (kernel launches, expert routing, all-reduce latency) are not modelled: for models with few active parameters this is an upper bound on speed.",
        };
        var seconds = memorySeconds;
        if (computeSeconds is { } compute && Units.DensePeak(gpu, setup.Precision) is { } peak)
        {
            inputs.Add(MemoryEstimator.ParamsActive(model).AsInput());
            inputs.Add(new EstimateInput("Dense peak per GPU (" + peak.Precision + ")", peak.Fact.Value, "TFLOPS", FitEstimator.GpuSrc(gpu, peak.Fact)));
            inputs.Add(assumptions.Input("batch_mfu"));
            if (compute > memorySeconds)
            {
                notesHere.Add("Compute-bound at this batch: the math takes longer than reading memory.");
                seconds = compute;
            }
            else
            {
                notesHere.Add("Memory-bound at this batch: reading weights and KV takes longer than the math.");
            }
        }
        else
        {
            notesHere.Add("Compute bound not checked: " + gpu.Name + " has no sourced dense TFLOPS.");
            notes?.Add(notesHere[^1]);
        }

        return new Estimate("Decode step time", seconds, "s", "decode.batch", inputs, notesHere, Tier.Estimated);
    }

    /// <summary>Weight bytes one decode step reads (see <see cref="ReadFraction"/>), with provenance.</summary>
    public static Estimate WeightBytesReadPerStep(Setup setup, int batch, Assumptions assumptions)
    {
        var model = setup.Model;
        var weights = MemoryEstimator.Weights(model, setup.Precision, assumptions);
        if (model.Architecture.Moe is not { } moe)
        {
            return weights with { Name = "Weight bytes read per step" };
        }

        var (fraction, routedShare, touched) = ReadFraction(model.Architecture, batch);
        return new Estimate("Weight bytes read per step", weights.Value * fraction, "bytes", "decode.batch",
            [
                weights.AsInput(),
                new EstimateInput("Routed-expert share of parameters", routedShare, "fraction", "formula: params.config"),
                new EstimateInput("Experts touched per layer", touched, "experts", "formula: decode.batch"),
            ],
            [$"{touched:0.#} of {moe.Experts} routed experts per MoE layer are read for a batch of {batch}."],
            Tier.Derived);
    }

    public static Estimate? Ttft(Setup setup, int promptTokens, Assumptions assumptions, List<string>? notes = null)
    {
        if (Units.DensePeak(setup.Gpu, setup.Precision) is not { } peak)
        {
            notes?.Add("TTFT not estimated: " + setup.Gpu.Name + " has no sourced dense TFLOPS.");
            return null;
        }

        var active = MemoryEstimator.ParamsActive(setup.Model);
        var seconds = 2 * active.Value * promptTokens / (setup.Count * peak.FlopsPerSecond * assumptions.PrefillMfu * assumptions.ParallelFactor(setup.Count));
        return new Estimate("Time to first token", seconds * 1000, "ms", "ttft",
            [
                active.AsInput(),
                new EstimateInput("Prompt tokens", promptTokens, "tokens", "stated"),
                new EstimateInput("GPUs", setup.Count, "GPUs", "stated"),
                new EstimateInput("Dense peak per GPU (" + peak.Precision + ")", peak.Fact.Value, "TFLOPS", FitEstimator.GpuSrc(setup.Gpu, peak.Fact)),
                assumptions.Input("prefill_mfu"),
                assumptions.Input("tp_scaling_per_doubling"),
            ],
            ["Prefill only: no queueing, no scheduler or network overhead; attention FLOPs over the prompt are left out."],
            Tier.Estimated);
    }

    /// <summary>Whole-system decode tokens/s when the math, not memory, limits: large batches with short contexts.</summary>
    public static Estimate? ComputeCeiling(Setup setup, Assumptions assumptions)
    {
        if (Units.DensePeak(setup.Gpu, setup.Precision) is not { } peak)
        {
            return null;
        }

        var active = MemoryEstimator.ParamsActive(setup.Model);
        return new Estimate("Compute-bound output tokens/s", setup.Count * peak.FlopsPerSecond * assumptions.BatchMfu / (2 * active.Value), "tokens/s", "decode.batch",
            [
                active.AsInput(),
                new EstimateInput("GPUs", setup.Count, "GPUs", "stated"),
                new EstimateInput("Dense peak per GPU (" + peak.Precision + ")", peak.Fact.Value, "TFLOPS", FitEstimator.GpuSrc(setup.Gpu, peak.Fact)),
                assumptions.Input("batch_mfu"),
            ],
            ["The compute side of decode.batch alone: the request shape is not published, so prefill is folded into batch_mfu."],
            Tier.Estimated);
    }

    /// <summary>How many sequences of <paramref name="tokensPerSequence"/> fit beside the weights, capped by max_batch.</summary>
    public static int LargestBatch(Setup setup, long tokensPerSequence, Assumptions assumptions)
    {
        // Plain arithmetic: the recommender asks this for every candidate setup.
        var (needed, available, _) = FitEstimator.Bytes(setup with { Concurrency = 1, ContextTokens = tokensPerSequence }, assumptions);
        var perSequence = MemoryEstimator.KvBytesAt(setup.Model, tokensPerSequence, setup.Fp8Kv) * FitEstimator.KvReplication(setup.Model.Architecture, setup.Count);
        var free = available - (needed - perSequence);
        var batch = (int)Math.Floor(free / perSequence);
        return Math.Clamp(batch, 0, assumptions.MaxBatch);
    }
}
