using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

public enum SpeedMode
{
    /// <summary>Requests at a given concurrency; per-user speed matters.</summary>
    Latency,

    /// <summary>The largest batch that fits; aggregate throughput matters.</summary>
    Offline,
}

/// <summary>
/// Speeds with provenance, from <see cref="ServingSchedule"/> and <see cref="StepModel"/>: every figure lists the
/// hardware facts, the engine's fitted constants and the parts of the step it came from.
/// </summary>
public static class SpeedEstimator
{
    public static SpeedResult Estimate(Setup setup, SpeedMode mode, int inputTokens, int outputTokens, Assumptions assumptions)
    {
        var notes = new List<string>();
        var point = mode == SpeedMode.Offline
            ? ServingSchedule.Offline(setup, inputTokens, outputTokens, assumptions)
            : ServingSchedule.AtConcurrency(setup, setup.Concurrency, inputTokens, outputTokens, assumptions);
        var caps = assumptions.Caps(setup);
        if (mode == SpeedMode.Offline)
        {
            notes.Add($"Offline: {point.Batch:#,0} sequences at once, limited by the {point.Limit} ({caps.Label}: at most {caps.MaxSequences:#,0} sequences and {caps.MaxBatchedTokens:#,0} tokens per step).");
        }

        if (Units.DensePeak(setup) is null)
        {
            notes.Add("Compute bound not checked: " + setup.Gpu.Name + " has no sourced dense TFLOPS, so prefill and large batches are estimated from memory traffic alone.");
        }

        var step = StepEstimate(setup, point, assumptions);
        var perStep = setup.Speculative?.AcceptanceLength ?? 1;
        var itl = new Estimate("Inter-token latency", point.ItlSeconds * 1000, "ms", "step.time",
            setup.Speculative is { } spec
                ? [step.AsInput(), new EstimateInput("Draft time per step", point.DraftSeconds * 1000, "ms", "formula: step.time"), new EstimateInput("Tokens accepted per step", perStep, "tokens", "speculative " + Units.Name(spec.Method))]
                : [step.AsInput()],
            setup.Speculative is not null ? ["With speculative decoding a step yields " + perStep.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " tokens on average."] : [],
            Tier.Estimated);
        var decode = new Estimate("Decode tokens/s per user", 1 / point.ItlSeconds, "tokens/s", "step.time", [itl.AsInput()],
            [$"Batch {point.Batch:#,0}, KV read at an average context of {point.DecodeLoad.Context:#,0} tokens."], Tier.Estimated);
        var ttft = point.TtftSeconds is { } seconds && point.PrefillStep is { } prefill
            ? new Estimate("Time to first token", seconds * 1000, "ms", "serve.schedule",
                [
                    new EstimateInput("Prompt tokens", inputTokens, "tokens", "stated"),
                    new EstimateInput("Prefill steps", point.PrefillChunks, "steps", "formula: serve.schedule"),
                    new EstimateInput("Prefill step time (full chunk)", prefill.Total * 1000, "ms", "formula: step.time"),
                    new EstimateInput("GPU time of that step", prefill.Gpu * 1000, "ms", "formula: step.time"),
                    new EstimateInput("Prompt prefill time (all steps)", point.PrefillSeconds * 1000, "ms", "formula: serve.schedule"),
                    new EstimateInput("Other sequences decoding meanwhile", point.Batch - 1, "sequences", "formula: serve.schedule"),
                    SpeedInput(assumptions, "request_overhead_ms", assumptions.Speed.Shared.RequestOverheadMs, "ms", "Fixed cost per request"),
                    .. (prefill.Launch > 0
                        ? (EstimateInput[])[
                            new EstimateInput("Host's floor on a step carrying a prompt (layers x per-layer cost)", prefill.Launch * 1000, "ms", "formula: step.time"),
                            SpeedInput(assumptions, Units.Name(setup.Engine) + ".prompt_layer_overhead_us", assumptions.Speed.For(setup.Engine, setup.Gpu).PromptLayerOverheadUs, "µs", "Fitted host cost per layer of a step carrying a prompt (" + Units.Name(setup.Engine) + ")")]
                        : []),
                    new EstimateInput("Tokens per step (engine cap)", caps.MaxBatchedTokens, "tokens", caps.Src.Length > 0 ? caps.Src : "site.yaml: engines"),
                ],
                ["A prompt arriving while the other requests' step runs waits for it to end; its chunks then share each step with their decode; users beyond what the KV cache holds wait for a running request to finish. Bursts of prompts arriving together are not modelled."],
                Tier.Estimated)
            : null;

        var throughput = mode == SpeedMode.Offline
            ? new Estimate("Aggregate output tokens/s", point.ThroughputTokensPerSecond, "tokens/s", "serve.schedule",
                [
                    new EstimateInput("Batch", point.Batch, "sequences", "formula: serve.schedule"),
                    step.AsInput(),
                    new EstimateInput("Input tokens", inputTokens, "tokens", "stated"),
                    new EstimateInput("Output tokens", outputTokens, "tokens", "stated"),
                ],
                ["Every step decodes the batch and prefills its share of new prompts: prefill is counted, not folded into an efficiency."],
                Tier.Estimated)
            : new Estimate("Aggregate output tokens/s", point.ThroughputTokensPerSecond, "tokens/s", "serve.schedule",
                [
                    itl.AsInput(),
                    ttft!.AsInput(),
                    new EstimateInput("Concurrent sequences", point.Batch, "sequences", "stated"),
                    new EstimateInput("Output tokens", outputTokens, "tokens", "stated"),
                ],
                ["Each request waits for its first token, then decodes; the other requests' prompts share the steps."],
                Tier.Estimated);
        // Each figure carries the held-out error of its own kind: one user's decode is not a batch's.
        HeldOutSummaryData? Band(string metric) => assumptions.Band(Calibration.CategoryOf(metric, mode, setup.Concurrency), setup.Model.Architecture.Kind);
        return new SpeedResult(
            (int)point.Batch,
            decode with { Band = Band("decode") },
            itl with { Band = Band("itl") },
            ttft is null ? null : ttft with { Band = Band("ttft") },
            throughput with { Band = Band("throughput") },
            notes);
    }

    /// <summary>The decode step of a serving point, with the facts and constants behind each part.</summary>
    private static Estimate StepEstimate(Setup setup, ServingPoint point, Assumptions assumptions)
    {
        var (model, gpu) = (setup.Model, setup.Gpu);
        var c = assumptions.Speed.For(setup.Engine);
        var engine = Units.Name(setup.Engine);
        var t = point.DecodeStep;
        var inputs = new List<EstimateInput>
        {
            WeightBytesReadPerStep(setup, point.DecodeLoad, assumptions).AsInput(),
            MemoryEstimator.KvAtContext(model, (long)Math.Ceiling(point.DecodeLoad.Context), setup.Fp8Kv).AsInput("KV cache read per sequence"),
            new("Sequences", point.Batch, "sequences", "formula: serve.schedule"),
            new("Prefill tokens per step", point.DecodeLoad.PrefillTokens, "tokens", "formula: serve.schedule"),
            new("GPUs", setup.Count, "GPUs", "stated"),
            new("Memory bandwidth per GPU", gpu.Bandwidth.Value, gpu.Bandwidth.Unit, FitEstimator.GpuSrc(gpu, gpu.Bandwidth)),
            SpeedInput(assumptions, engine + ".bandwidth_efficiency", c.BandwidthEfficiency, "fraction", "Share of peak bandwidth reached (" + engine + ")"),
        };
        var vendorKey = VendorFactors.KeyOf(gpu);
        var vendor = assumptions.Speed.Vendors.GetValueOrDefault(vendorKey);
        if (vendor is not null && VendorFactors.FitsBandwidth(vendorKey))
        {
            inputs.Add(SpeedInput(assumptions, "vendors." + vendorKey + ".bandwidth_factor", vendor.Bandwidth, "x", "Factor on bandwidth reached, on " + vendorKey + " accelerators"));
        }

        inputs.Add(new("Memory time", t.Memory * 1000, "ms", "formula: step.time"));
        if (t.Fixed <= (assumptions.MinStepMs * 1e-3) + 1e-12)
        {
            inputs.Add(assumptions.Input("min_step_ms"));
        }

        if (setup.AttentionDataParallel)
        {
            inputs.Add(new EstimateInput("Attention replicas per stage (data-parallel attention)", FitEstimator.AttentionReplicas(setup), "copies", "stated"));
            inputs.Add(new EstimateInput("Experts spread over (expert parallel)", setup.ExpertParallel, "GPUs", "stated"));
        }

        if (Units.DensePeak(setup) is { } peak)
        {
            inputs.Add(MemoryEstimator.ParamsActive(model).AsInput());
            inputs.Add(new EstimateInput("Dense peak per GPU (" + peak.Precision + ")", peak.Fact.Value, "TFLOPS", FitEstimator.GpuSrc(gpu, peak.Fact)));
            if (Units.DensePeak(gpu, Precision.Bf16) is { } attention && attention.Precision != peak.Precision)
            {
                inputs.Add(new EstimateInput("Dense peak per GPU for attention (" + attention.Precision + ")", attention.Fact.Value, "TFLOPS", FitEstimator.GpuSrc(gpu, attention.Fact)));
            }

            inputs.Add(SpeedInput(assumptions, engine + ".compute_efficiency", c.ComputeEfficiency, "fraction", "Share of dense peak reached decoding (" + engine + ")"));
            inputs.Add(SpeedInput(assumptions, engine + ".prefill_efficiency", c.PrefillEfficiency, "fraction", "Share of dense peak reached on prompts (" + engine + ")"));
            if (vendor is not null)
            {
                inputs.Add(SpeedInput(assumptions, "vendors." + vendorKey + ".compute_factor", vendor.Compute, "x", "Factor on compute reached, on " + vendorKey + " accelerators"));
            }

            inputs.Add(new EstimateInput("Compute time", t.Compute * 1000, "ms", "formula: step.time"));
        }

        if (t.Communication > 0)
        {
            inputs.Add(new EstimateInput("All-reduce and hand-off time", t.Communication * 1000, "ms", "formula: step.time"));
            inputs.Add(SpeedInput(assumptions, "allreduce_latency_us", assumptions.Speed.Shared.AllreduceLatencyUs, "µs", "Latency per all-reduce"));
        }

        inputs.Add(SpeedInput(assumptions, engine + ".layer_overhead_us", c.LayerOverheadUs, "µs", "Fixed cost per layer per step (" + engine + ")"));
        if (t.Launch > 0 || t.PromptWait > 0)
        {
            inputs.Add(new EstimateInput("Waiting for the host to launch prompt-carrying steps (per step, on average)", (t.Total - t.Gpu) * 1000, "ms", "formula: step.time"));
            inputs.Add(SpeedInput(assumptions, engine + ".prompt_layer_overhead_us", c.PromptLayerOverheadUs, "µs", "Fitted host cost per layer of a step carrying a prompt (" + engine + ")"));
        }

        if (model.Architecture.Moe is not null)
        {
            inputs.Add(SpeedInput(assumptions, "moe_layer_overhead_us", assumptions.Speed.Shared.MoeLayerOverheadUs, "µs", "Fixed cost per MoE layer per step"));
            if (StepModel.ExpertRate(model.Architecture, setup.Engine, setup.Precision, gpu, point.DecodeLoad.DecodeTokens, assumptions) < 1)
            {
                inputs.Add(SpeedInput(assumptions, "expert_half_rate_tokens", assumptions.Speed.Shared.ExpertHalfRateTokens, "tokens", "Rows an expert's multiply needs for half its full rate"));
            }

            if (setup.ExpertParallel > 1)
            {
                inputs.Add(new EstimateInput("Busiest GPU's expert rows over the average (expert parallel)", StepModel.RowImbalance(model.Architecture, point.DecodeLoad.DecodeTokens, setup.ExpertParallel), "x", "formula: step.time"));
            }
        }
        var notes = new List<string>
        {
            t.ComputeBound ? "Compute-bound at this load: the math takes longer than reading memory." : "Memory-bound at this load: reading weights and KV takes longer than the math.",
            $"Fixed costs of {t.Fixed * 1000:0.##} ms per step (the GPU's latency between and inside each layer's small kernels) are paid whatever the batch.",
        };
        if (t.Communication > 0 && StepModel.LinkBytesPerSecond(gpu, setup.Count) is null)
        {
            notes.Add(gpu.Name + " has no sourced interconnect bandwidth: only the latency of each all-reduce is counted.");
        }

        return new Estimate("Decode step time", t.Total, "s", "step.time", inputs, notes, Tier.Estimated);
    }

    /// <summary>A fitted constant as an input: calibration.yaml when calibrated, the fit's starting point otherwise.</summary>
    private static EstimateInput SpeedInput(Assumptions assumptions, string id, double value, string unit, string label)
        => new(label, value, unit, (assumptions.Speed.Calibrated ? "calibration.yaml: " : "uncalibrated start: ") + id);

    /// <summary>Weight bytes one decode step of <paramref name="batch"/> sequences reads, with provenance.</summary>
    public static Estimate WeightBytesReadPerStep(Setup setup, int batch, Assumptions assumptions)
        => WeightBytesReadPerStep(setup, StepLoad.Decode(batch, 0), assumptions);

    /// <summary>Weight bytes a step of this load reads on average (see <see cref="StepModel.ReadFraction(ArchitectureData, StepLoad)"/>), with provenance.</summary>
    public static Estimate WeightBytesReadPerStep(Setup setup, StepLoad load, Assumptions assumptions)
    {
        var model = setup.Model;
        var weights = MemoryEstimator.Weights(model, setup.Precision, assumptions);
        if (model.Architecture.Moe is not { } moe)
        {
            return weights with { Name = "Weight bytes read per step" };
        }

        var ep = setup.ExpertParallel;
        var fraction = StepModel.ReadFraction(model.Architecture, load, ep);
        var routedShare = StepModel.RoutedShare(model.Architecture);
        var share = load.ChunkStepShare;
        var plainTokens = share > 0 ? load.DecodeTokens : load.Tokens;
        var plain = StepModel.ExpertsTouched(moe, plainTokens);
        var note = share > 0
            ? $"{plain:0.#} of {moe.Experts} routed experts per MoE layer are read for the {load.DecodeTokens:#,0.#} decode tokens of a step; on the {share:0.#%} of steps that also carry a {load.PromptChunk:#,0}-token prompt chunk, {StepModel.ExpertsTouched(moe, load.DecodeTokens + load.PromptChunk):0.#}."
            : $"{plain:0.#} of {moe.Experts} routed experts per MoE layer are read for a step of {load.Tokens:#,0.#} tokens.";
        List<EstimateInput> inputs =
        [
            weights.AsInput(),
            new EstimateInput("Routed-expert share of parameters", routedShare, "fraction", "formula: params.config"),
            new EstimateInput("Experts touched per layer", plain, "experts", "formula: moe.read"),
        ];
        List<string> notes = [note];
        if (ep > 1)
        {
            var imbalance = StepModel.ReadImbalance(moe, plainTokens, ep);
            inputs.Add(new EstimateInput("Busiest GPU's routed-expert reads over the average (expert parallel)", imbalance, "x", "formula: moe.read"));
            notes.Add($"The experts are spread over {ep} GPUs, {moe.Experts / ep} each, and the step waits for the GPU whose experts the tokens touched most: routed uniformly at random, it reads {imbalance:0.##} times the average; a router that favours some experts makes it more, an expert load balancer less.");
        }

        return new Estimate("Weight bytes read per step", weights.Value * fraction, "bytes", "moe.read", inputs, notes, Tier.Derived);
    }

    /// <summary>How many sequences of <paramref name="tokensPerSequence"/> fit beside the weights.</summary>
    public static int LargestBatch(Setup setup, long tokensPerSequence, Assumptions assumptions)
    {
        // Plain arithmetic: the recommender asks this for every candidate setup.
        var (needed, available, _) = FitEstimator.Bytes(setup with { Concurrency = 1, ContextTokens = tokensPerSequence }, assumptions);
        var perSequence = MemoryEstimator.KvBytesAt(setup.Model, tokensPerSequence, setup.Fp8Kv) * FitEstimator.KvReplication(setup);
        var free = available - (needed - perSequence);
        var batch = (int)Math.Floor(free / perSequence);
        return Math.Max(0, batch);
    }
}
