using System.Globalization;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Recipes;

/// <summary>
/// Writes the command that starts an engine on a deployment plan (the launch.command formula). Every flag is
/// looked up in the engine's file (content/data/engines, checked against the flags its documentation lists),
/// so the C# here says which settings a plan needs and never how an engine spells them. A plan an engine
/// cannot run, or a checkpoint the catalog does not name, is an answer with its reason, not a guess.
/// </summary>
public static class LaunchCommands
{
    /// <summary>The address placeholder rank 0's node is written as; a reader replaces it.</summary>
    public const string HeadAddress = "HEAD_NODE_IP";

    /// <summary>The engine a page's id names, for the speed model's constants.</summary>
    public static ServingEngine? Serving(EngineData engine)
        => Enum.TryParse<ServingEngine>(engine.Id.Value, ignoreCase: true, out var e) && e != ServingEngine.Other ? e : null;

    /// <summary>
    /// The plan an engine runs for a recommended setup: the same accelerators, precision and context, laid out as
    /// that engine lays them out (<see cref="ParallelPlan.DefaultStages"/>).
    /// </summary>
    public static Setup PlanFor(Setup setup, ServingEngine engine)
        => setup with { EngineOverride = engine };

    public static LaunchOption For(Setup plan, EngineData engine, Assumptions assumptions)
    {
        if (engine.Cli is null)
        {
            return LaunchOption.None(engine, plan, "no command line of " + engine.Name + " is recorded.");
        }

        if (Runs(engine, plan.Gpu) is { } hardware)
        {
            return LaunchOption.None(engine, plan, hardware);
        }

        var checkpoint = Checkpoints.For(plan, engine);
        if (checkpoint.Unavailable is { } missing)
        {
            return LaunchOption.None(engine, plan, missing);
        }

        if (MaxContext(plan, assumptions) is not { } context)
        {
            return LaunchOption.None(engine, plan, "the plan does not hold the model: its weights and one short prompt need more than the GPUs' usable memory.");
        }

        var args = new Arguments(engine);
        var notes = new List<string>();
        var serving = Serving(engine);
        args.Model(checkpoint);
        if (checkpoint.QuantizeOnLoad)
        {
            args.Add(LaunchSetting.Quantization);
            notes.Add("No FP8 checkpoint of this model is in the catalog: the BF16 weights are quantized to FP8 as they load.");
        }

        var (tp, pp) = (plan.TensorParallel, plan.PipelineStages);
        var options = new List<string>();
        if (serving == ServingEngine.Llamacpp)
        {
            if (tp > 1)
            {
                return LaunchOption.None(engine, plan, "llama.cpp splits layers between GPUs; it has no tensor-parallel plan.");
            }

            args.Add(LaunchSetting.GpuLayers, "999");
            if (plan.Count > 1)
            {
                args.Add(LaunchSetting.SplitMode);
            }
        }
        else if (serving == ServingEngine.Mlx)
        {
            if (plan.Count > 1)
            {
                return LaunchOption.None(engine, plan, "mlx_lm.server runs one machine.");
            }
        }
        else
        {
            if (Parallelism(args, plan, serving, options) is { } noParallelism)
            {
                return LaunchOption.None(engine, plan, noParallelism);
            }
        }

        args.AddIfTaken(LaunchSetting.ContextLength, Int(context));
        args.AddIfTaken(LaunchSetting.MemoryFraction, Fraction(assumptions.UsableShare(plan.Gpu)));
        args.AddIfTaken(LaunchSetting.StaticMemoryFraction, Fraction(StaticMemoryFraction(plan.Gpu, assumptions)));

        if (plan.Fp8Kv)
        {
            if (!args.Takes(LaunchSetting.KvCacheDtype))
            {
                return LaunchOption.None(engine, plan, engine.Name + " has no FP8 KV cache in the flags its file lists.");
            }

            if (serving == ServingEngine.Trtllm)
            {
                options.Add("kv_cache_config:\n  dtype: " + args.Value(LaunchSetting.KvCacheDtype));
            }
            else
            {
                args.Add(LaunchSetting.KvCacheDtype);
            }
        }

        if (plan.Speculative is { } spec && Speculation(args, serving, spec, plan.Model, options) is { } noSpeculation)
        {
            return LaunchOption.None(engine, plan, noSpeculation);
        }

        OptionsFile? file = null;
        if (options.Count > 0)
        {
            file = new OptionsFile("extra_options.yaml", string.Join("\n", options) + "\n");
            args.Add(LaunchSetting.ExtraOptions, file.Name);
        }

        var nodes = ParallelPlan.Nodes(plan);
        if (nodes > 1 && !(args.Takes(LaunchSetting.Nodes) && args.Takes(LaunchSetting.NodeRank) && args.Takes(LaunchSetting.MasterAddress)))
        {
            return LaunchOption.None(engine, plan, "a " + Int(nodes) + "-node plan: " + engine.Name + "'s file lists no flags for a multi-node launch.");
        }

        var address = args.Takes(LaunchSetting.MasterAddress) && args.Fixed(LaunchSetting.MasterAddress) is { } port ? HeadAddress + ":" + port : HeadAddress;
        var perNode = nodes == 1
            ? [args]
            : Enumerable.Range(0, nodes).Select(rank =>
            {
                var node = args.With(LaunchSetting.Nodes, Int(nodes)).With(LaunchSetting.NodeRank, Int(rank)).With(LaunchSetting.MasterAddress, address);
                return rank > 0 && node.Takes(LaunchSetting.FollowerNode) ? node.With(LaunchSetting.FollowerNode, null) : node;
            }).ToList();
        var lines = perNode.Select((node, rank) => new NodeCommand(nodes == 1 ? null : rank == 0 ? "Node 0 (head)" : "Node " + Int(rank), node.Render(engine.Cli.Program))).ToList();

        if (nodes > 1)
        {
            notes.Add(Int(nodes) + " nodes of " + Int(ParallelPlan.GpusPerNode) + " GPUs: run each line on its node, with " + HeadAddress + " replaced by node 0's address.");
        }

        if (checkpoint.Note is { } checkpointNote)
        {
            notes.Add(checkpointNote);
        }

        notes.Add("Maximum context " + context.ToString("#,0", CultureInfo.InvariantCulture) + " tokens: the longest one sequence's KV cache fits in the plan's memory, up to the model's own limit.");
        return LaunchOption.Of(new LaunchCommand(engine, plan, checkpoint.Repository!, lines, file, notes, perNode.SelectMany(n => n.Flags).Distinct().ToList()));
    }

    /// <summary>
    /// The share of one GPU's memory for weights and KV cache: the usable share less the workspace the memory
    /// estimate sets aside for activations, so an engine that sizes only its static pool plans the same memory.
    /// </summary>
    public static double StaticMemoryFraction(GpuData gpu, Assumptions assumptions)
        => assumptions.UsableShare(gpu) - (assumptions.WorkspaceGbPerGpu * Units.Gb / Units.MemoryBytes(gpu));

    /// <summary>A share of memory as engines take it, rounded down to two decimals so the plan never asks for more than it assumed.</summary>
    private static string Fraction(double share) => (Math.Floor(share * 100 + 1e-9) / 100).ToString("0.##", CultureInfo.InvariantCulture);


    /// <summary>
    /// Tensor, pipeline, data-parallel-attention and expert parallelism as the engine spells them, or why the engine's
    /// file cannot say the plan. Data-parallel attention over a stage of N GPUs is SGLang's --tp-size N --dp-size N
    /// --enable-dp-attention, TensorRT-LLM's --tp_size N with enable_attention_dp in its options, and vLLM's
    /// --data-parallel-size N over one GPU each (vLLM's data_parallel_deployment guide); the experts spread over the
    /// stage with an EP size where the engine takes one, or vLLM's --enable-expert-parallel (EP = TP x DP).
    /// </summary>
    private static string? Parallelism(Arguments args, Setup plan, ServingEngine? serving, List<string> options)
    {
        var (tp, pp, ep) = (plan.TensorParallel, plan.PipelineStages, plan.ExpertParallel);
        if (plan.AttentionDataParallel)
        {
            if (args.Takes(LaunchSetting.DataParallelAttention))
            {
                args.Add(LaunchSetting.TensorParallel, Int(tp));
                args.AddIfTaken(LaunchSetting.DataParallel, Int(tp));
                if (serving == ServingEngine.Trtllm)
                {
                    options.Add("enable_attention_dp: " + args.Value(LaunchSetting.DataParallelAttention));
                }
                else
                {
                    args.Add(LaunchSetting.DataParallelAttention);
                }
            }
            else if (args.Takes(LaunchSetting.DataParallel) && args.Takes(LaunchSetting.EnableExpertParallel) && pp == 1)
            {
                args.Add(LaunchSetting.DataParallel, Int(tp));
            }
            else
            {
                return args.EngineName + "'s file lists no data-parallel attention for this plan.";
            }
        }
        else if (tp > 1)
        {
            args.Add(LaunchSetting.TensorParallel, Int(tp));
        }

        if (ep > 1)
        {
            if (args.Takes(LaunchSetting.ExpertParallel))
            {
                args.Add(LaunchSetting.ExpertParallel, Int(ep));
            }
            else if (args.Takes(LaunchSetting.EnableExpertParallel) && ep == tp)
            {
                args.Add(LaunchSetting.EnableExpertParallel);
            }
            else
            {
                return args.EngineName + "'s file lists no expert-parallel size of " + Int(ep) + " over " + Int(tp) + " GPUs.";
            }
        }

        if (pp > 1)
        {
            args.Add(LaunchSetting.PipelineParallel, Int(pp));
        }

        return null;
    }

    /// <summary>
    /// The longest context one sequence's KV cache fits in the plan's memory, capped at the model's context and
    /// rounded down to a multiple of 1,024: what the engine's maximum model length is set to.
    /// </summary>
    /// <returns>Null when not even a short prompt fits: the plan does not hold the model.</returns>
    public static long? MaxContext(Setup plan, Assumptions assumptions)
    {
        bool Fits(long tokens) => FitEstimator.Fits(FitEstimator.Bytes(plan with { ContextTokens = tokens, Concurrency = 1 }, assumptions), assumptions);
        var limit = plan.Model.Context.Value;
        if (Fits(limit))
        {
            return limit;
        }

        if (!Fits(1024))
        {
            return null;
        }

        long low = 0, high = limit;
        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            (low, high) = Fits(mid) ? (mid, high) : (low, mid);
        }

        return low / 1024 * 1024;
    }

    /// <summary>Whether commands for this engine are written for this accelerator at all.</summary>
    public static bool RunsOn(EngineData engine, GpuData gpu) => Runs(engine, gpu) is null;

    /// <summary>Why an engine does not run on an accelerator, or null when it does.</summary>
    private static string? Runs(EngineData engine, GpuData gpu)
    {
        var apple = Units.IsApple(gpu);
        return Serving(engine) switch
        {
            _ when gpu.Kind != AcceleratorKind.Gpu => engine.Name + " commands are written for GPUs; " + gpu.Name + " runs through its vendor's own plugin.",
            ServingEngine.Mlx when !apple => "MLX runs on Apple silicon only.",
            ServingEngine.Trtllm when apple || gpu.Vendor != "NVIDIA" => "TensorRT-LLM runs on NVIDIA GPUs only.",
            ServingEngine.Vllm or ServingEngine.Sglang or ServingEngine.Trtllm when apple => engine.Name + " does not serve on Apple silicon.",
            null => engine.Name + " has no speed profile, so no command is paired with estimates.",
            _ => null,
        };
    }

    /// <summary>Adds the speculative decoding arguments, or says why the engine cannot draft for this model.</summary>
    private static string? Speculation(Arguments args, ServingEngine? serving, Speculation spec, ModelData model, List<string> options)
    {
        if (spec.Method != SpeculationMethod.Mtp)
        {
            return spec.Method.ToString().ToUpperInvariant() + " drafts with a separate model the catalog does not name; only multi-token prediction (the model's own MTP layers) is written as a command.";
        }

        if (model.Architecture.MtpLayers == 0)
        {
            return "the catalog records no multi-token-prediction layers for " + model.Name + ".";
        }

        var k = Int(spec.DraftTokens);
        switch (serving)
        {
            case ServingEngine.Vllm when args.Takes(LaunchSetting.SpeculativeConfig):
                args.Add(LaunchSetting.SpeculativeConfig, "'{\"method\": \"" + args.Value(LaunchSetting.SpeculativeConfig) + "\", \"num_speculative_tokens\": " + k + "}'");
                return null;
            case ServingEngine.Sglang when args.Takes(LaunchSetting.SpeculativeAlgorithm):
                args.Add(LaunchSetting.SpeculativeAlgorithm);
                args.Add(LaunchSetting.SpeculativeSteps, k);
                args.Add(LaunchSetting.SpeculativeTopk, "1");
                args.Add(LaunchSetting.SpeculativeDraftTokens, Int(spec.DraftTokens + 1));
                return null;
            case ServingEngine.Trtllm when args.Takes(LaunchSetting.ExtraOptions):
                options.Add("speculative_config:\n  decoding_type: MTP\n  num_nextn_predict_layers: " + k);
                return null;
            default:
                return "multi-token prediction is not among the flags " + args.EngineName + "'s file lists.";
        }
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The arguments of one command in the order they are added, each flag spelled as the engine's file spells it.</summary>
    private sealed class Arguments(EngineData engine)
    {
        private readonly List<(LaunchSetting Setting, string Flag, string? Value)> items = [];
        private string? positional;

        public string EngineName => engine.Name;

        public IReadOnlyList<string> Flags => items.Select(i => i.Flag).ToList();

        public bool Takes(LaunchSetting setting) => Entry(setting) is not null;

        /// <summary>The value the engine's file fixes for a setting, if any.</summary>
        public string? Fixed(LaunchSetting setting) => Entry(setting)?.Value;

        /// <summary>The engine's own spelling of a fixed value (the FP8 KV dtype, the MTP method's name); validation makes sure the file gives one.</summary>
        public string Value(LaunchSetting setting) => Fixed(setting) ?? throw new InvalidOperationException(engine.Id.Value + ": launch setting '" + LaunchSettings.Name(setting) + "' has no value in its file.");

        public void Model(Checkpoint checkpoint)
        {
            var entry = Required(LaunchSetting.Model);
            var value = checkpoint.Repository! + (checkpoint.GgufQuant is { } quant ? ":" + quant : "");
            if (entry.Flag == LaunchSettings.Positional)
            {
                positional = value;
            }
            else
            {
                items.Add((LaunchSetting.Model, entry.Flag, value));
            }
        }

        /// <summary>Adds a setting: its value, the engine's fixed value when none is given, or a bare switch.</summary>
        public void Add(LaunchSetting setting, string? value = null)
        {
            var entry = Required(setting);
            items.Add((setting, entry.Flag, value ?? entry.Value));
        }

        public void AddIfTaken(LaunchSetting setting, string value)
        {
            if (Takes(setting))
            {
                Add(setting, value);
            }
        }

        /// <summary>A copy with one more setting: the per-node lines of a multi-node launch.</summary>
        public Arguments With(LaunchSetting setting, string? value)
        {
            var copy = new Arguments(engine) { positional = positional };
            copy.items.AddRange(items);
            copy.items.Add((setting, Required(setting).Flag, value));
            return copy;
        }

        /// <summary>The command as the engines' own documentation prints one: a flag per line, continued with a backslash.</summary>
        public string Render(string program)
        {
            var lines = new List<string> { program + (positional is { } p ? " " + p : "") };
            lines.AddRange(items.Select(i => "  " + i.Flag + (i.Value is null ? "" : " " + i.Value)));
            return string.Join(" \\\n", lines);
        }

        private LaunchFlagData? Entry(LaunchSetting setting) => engine.Launch.FirstOrDefault(l => l.Setting == setting);

        /// <summary>The entry of a setting the caller has checked the engine takes (or that every engine file must have).</summary>
        private LaunchFlagData Required(LaunchSetting setting)
            => Entry(setting) ?? throw new InvalidOperationException(engine.Id.Value + ": no launch flag for '" + LaunchSettings.Name(setting) + "'.");
    }
}
