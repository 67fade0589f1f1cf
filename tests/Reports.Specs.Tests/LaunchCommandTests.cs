using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;
using Reports.Specs.Recipes;

namespace Reports.Specs.Tests;

/// <summary>
/// Launch commands are written from the plan the estimates are for, with every flag spelled as the engine's
/// file spells it: a test engine with made-up spellings proves no spelling comes from the code.
/// </summary>
public sealed class LaunchCommandTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    private static ModelData Model(string id, string repo) => Data.Models.Single(m => m.Id.Value == id) with { Repo = new RepoData { Value = repo, Src = "card" } };

    private static GpuData Gpu(string id) => Data.Gpus.Single(g => g.Id.Value == id);

    /// <summary>An engine named vllm (for its speed profile) whose flags are spelled unlike vLLM's.</summary>
    private static EngineData Engine(string id = "vllm", bool positional = true, bool multiNode = true, params WeightFormat[] formats)
    {
        var launch = new List<LaunchFlagData>
        {
            new() { Setting = LaunchSetting.Model, Flag = positional ? LaunchSettings.Positional : "--weights" },
            new() { Setting = LaunchSetting.TensorParallel, Flag = "--tp-x" },
            new() { Setting = LaunchSetting.PipelineParallel, Flag = "--pp-x" },
            new() { Setting = LaunchSetting.ContextLength, Flag = "--ctx-x" },
            new() { Setting = LaunchSetting.MemoryFraction, Flag = "--mem-x" },
            new() { Setting = LaunchSetting.KvCacheDtype, Flag = "--kv-x", Value = "fp8_x" },
            new() { Setting = LaunchSetting.Quantization, Flag = "--q-x", Value = "fp8" },
            new() { Setting = LaunchSetting.SpeculativeAlgorithm, Flag = "--spec-x", Value = "NEXTN" },
            new() { Setting = LaunchSetting.SpeculativeSteps, Flag = "--steps-x" },
            new() { Setting = LaunchSetting.SpeculativeTopk, Flag = "--topk-x" },
            new() { Setting = LaunchSetting.SpeculativeDraftTokens, Flag = "--draft-x" },
            new() { Setting = LaunchSetting.GpuLayers, Flag = "--ngl-x" },
            new() { Setting = LaunchSetting.SplitMode, Flag = "--split-x", Value = "layer" },
        };
        if (multiNode)
        {
            launch.Add(new() { Setting = LaunchSetting.Nodes, Flag = "--nodes-x" });
            launch.Add(new() { Setting = LaunchSetting.NodeRank, Flag = "--rank-x" });
            launch.Add(new() { Setting = LaunchSetting.MasterAddress, Flag = "--addr-x" });
        }

        return new EngineData
        {
            Id = new EngineId(id),
            Name = "Test " + id,
            Url = "https://example.org/",
            Version = "1",
            Complete = true,
            Formats = new(formats.Select(f => new EngineFormatData { Format = f, Supported = true, Src = "list" }).ToArray()),
            Cli = new CliData { Program = "serve-x", Version = "1", Src = "list", Flags = new(launch.Where(l => l.Flag != LaunchSettings.Positional).Select(l => new CliFlagData { Flag = l.Flag, Src = "list" }).ToArray()) },
            Launch = new(launch.ToArray()),
        };
    }

    private static LaunchCommand Command(Setup plan, EngineData engine)
    {
        var option = LaunchCommands.For(plan, engine, Assumptions);
        option.Unavailable.ShouldBeNull();
        return option.Command!;
    }

    [Fact]
    public void A_tensor_parallel_fp8_plan_of_a_bf16_model_quantizes_on_load_with_the_files_spellings()
    {
        var plan = new Setup(Model("llama-3-3-70b", "meta-llama/Llama-3.3-70B-Instruct"), Gpu("h100-sxm"), 2, Precision.Fp8, 8192, 1);

        var command = Command(plan, Engine());

        var context = LaunchCommands.MaxContext(plan, Assumptions);
        command.Text.ShouldBe("serve-x meta-llama/Llama-3.3-70B-Instruct \\\n  --q-x fp8 \\\n  --tp-x 2 \\\n  --ctx-x " + context + " \\\n  --mem-x 0.9");
        command.Flags.ShouldBe(["--q-x", "--tp-x", "--ctx-x", "--mem-x"]);
        command.Notes.ShouldContain(n => n.Contains("quantized to FP8 as they load"));
    }

    [Fact]
    public void The_model_goes_after_its_flag_when_the_engine_takes_it_as_one()
    {
        var plan = new Setup(Model("llama-3-1-8b", "meta-llama/Llama-3.1-8B-Instruct"), Gpu("h100-sxm"), 1, Precision.Bf16, 8192, 1);

        Command(plan, Engine(positional: false)).Nodes.Single().Text.ShouldStartWith("serve-x \\\n  --weights meta-llama/Llama-3.1-8B-Instruct \\\n");
    }

    [Fact]
    public void The_maximum_context_is_the_longest_one_sequence_fits_and_no_more_than_the_model_takes()
    {
        var model = Model("llama-3-1-8b", "meta-llama/Llama-3.1-8B-Instruct");
        var tight = new Setup(model, Gpu("rtx-4090"), 1, Precision.Bf16, 8192, 1);
        var context = LaunchCommands.MaxContext(tight, Assumptions).ShouldNotBeNull();

        context.ShouldBeLessThan(model.Context.Value);
        (context % 1024).ShouldBe(0);
        FitEstimator.Fits(FitEstimator.Bytes(tight with { ContextTokens = context }, Assumptions), Assumptions).ShouldBeTrue();
        FitEstimator.Fits(FitEstimator.Bytes(tight with { ContextTokens = context + 1024 }, Assumptions), Assumptions).ShouldBeFalse();

        // Two hold the whole 128K context: the model's own limit is the answer. 70B at BF16 does not fit one at all.
        LaunchCommands.MaxContext(tight with { Count = 2 }, Assumptions).ShouldBe(model.Context.Value);
        var tooBig = tight with { Model = Model("llama-3-3-70b", "meta-llama/Llama-3.3-70B-Instruct") };
        LaunchCommands.MaxContext(tooBig, Assumptions).ShouldBeNull();
        LaunchCommands.For(tooBig, Engine(), Assumptions).Unavailable.ShouldNotBeNull().ShouldStartWith("the plan does not hold the model");
    }

    /// <summary>The test engine with more launch settings, each also listed among its documented flags.</summary>
    private static EngineData WithLaunch(EngineData engine, params LaunchFlagData[] extra)
        => engine with
        {
            Launch = new([.. engine.Launch, .. extra]),
            Cli = engine.Cli! with { Flags = new([.. engine.Cli.Flags, .. extra.Select(l => new CliFlagData { Flag = l.Flag, Src = "list" })]) },
        };

    [Fact]
    public void Data_parallel_attention_and_expert_parallelism_use_the_files_spellings_and_each_engines_shape()
    {
        var plan = new Setup(Model("deepseek-r1", "deepseek-ai/DeepSeek-R1"), Gpu("h200-sxm"), 8, Precision.Fp8, 8192, 1, ExpertParallel: 8, AttentionDataParallel: true);

        // An engine with an attention switch keeps its tensor-parallel group and makes attention data parallel inside it.
        var sglangLike = WithLaunch(Engine(), new() { Setting = LaunchSetting.DataParallel, Flag = "--dp-x" }, new() { Setting = LaunchSetting.DataParallelAttention, Flag = "--dpa-x" }, new() { Setting = LaunchSetting.ExpertParallel, Flag = "--ep-x" });
        Command(plan, sglangLike).Text.ShouldContain("--tp-x 8 \\\n  --dp-x 8 \\\n  --dpa-x \\\n  --ep-x 8");

        // One without it runs data-parallel ranks of one GPU each, and spreads the experts with a switch (EP = TP x DP).
        var vllmLike = WithLaunch(Engine(), new() { Setting = LaunchSetting.DataParallel, Flag = "--dp-x" }, new() { Setting = LaunchSetting.EnableExpertParallel, Flag = "--eep-x" });
        var text = Command(plan, vllmLike).Text;
        text.ShouldContain("--dp-x 8 \\\n  --eep-x");
        text.ShouldNotContain("--tp-x");

        // An engine whose file says neither is answered with the reason, not a tensor-parallel command beside data-parallel numbers.
        LaunchCommands.For(plan, Engine(), Assumptions).Unavailable.ShouldBe("Test vllm's file lists no data-parallel attention for this plan.");
        LaunchCommands.For(plan with { AttentionDataParallel = false }, Engine(), Assumptions).Unavailable.ShouldBe("Test vllm's file lists no expert-parallel size of 8 over 8 GPUs.");
    }

    [Fact]
    public void The_engines_files_spell_data_parallel_attention_as_their_guides_do()
    {
        var plan = new Setup(Model("deepseek-r1", "deepseek-ai/DeepSeek-R1"), Gpu("h200-sxm"), 8, Precision.Fp8, 8192, 1, ExpertParallel: 8, AttentionDataParallel: true);
        LaunchCommand For(string id) => Command(plan with { EngineOverride = Enum.Parse<ServingEngine>(id, ignoreCase: true) }, Data.Engines.Single(e => e.Id.Value == id));

        For("sglang").Text.ShouldContain("--tp-size 8 \\\n  --dp-size 8 \\\n  --enable-dp-attention \\\n  --ep-size 8");
        For("vllm").Text.ShouldContain("--data-parallel-size 8 \\\n  --enable-expert-parallel");
        var trtllm = For("trtllm");
        trtllm.Text.ShouldContain("--tp_size 8 \\\n  --ep_size 8");
        trtllm.Options.ShouldNotBeNull().Yaml.ShouldContain("enable_attention_dp: true");
    }

    [Fact]
    public void A_plan_beyond_one_node_has_a_line_per_node_with_its_rank()
    {
        var plan = new Setup(Model("llama-3-1-405b", "meta-llama/Llama-3.1-405B-Instruct"), Gpu("h100-sxm"), 16, Precision.Bf16, 8192, 1, Stages: 2);

        var command = Command(plan, Engine());

        command.Nodes.Select(n => n.Label).ShouldBe(["Node 0 (head)", "Node 1"]);
        command.Nodes[0].Text.ShouldContain("--tp-x 8 \\\n  --pp-x 2");
        command.Nodes[0].Text.ShouldEndWith("--nodes-x 2 \\\n  --rank-x 0 \\\n  --addr-x " + LaunchCommands.HeadAddress);
        command.Nodes[1].Text.ShouldEndWith("--nodes-x 2 \\\n  --rank-x 1 \\\n  --addr-x " + LaunchCommands.HeadAddress);

        LaunchCommands.For(plan, Engine(multiNode: false), Assumptions).Unavailable.ShouldBe("a 2-node plan: Test vllm's file lists no flags for a multi-node launch.");
    }

    [Fact]
    public void Fp8_kv_and_multi_token_prediction_use_the_engines_own_value_spellings()
    {
        var spec = new Speculation(SpeculationMethod.Mtp, 3, Speculation.AcceptanceFromRate(3, 0.85));
        var plan = new Setup(Model("deepseek-r1-0528", "deepseek-ai/DeepSeek-R1-0528"), Gpu("h200-sxm"), 8, Precision.Fp8, 8192, 1, Fp8Kv: true, Speculative: spec);

        var text = Command(plan, Engine("sglang")).Text;

        text.ShouldStartWith("serve-x deepseek-ai/DeepSeek-R1-0528 \\\n  --tp-x 8");
        text.ShouldContain("--kv-x fp8_x");
        text.ShouldContain("--spec-x NEXTN \\\n  --steps-x 3 \\\n  --topk-x 1 \\\n  --draft-x 4");
        text.ShouldNotContain("--q-x", customMessage: "DeepSeek-V3's own weights are FP8: nothing to quantize");
    }

    [Fact]
    public void What_the_catalog_cannot_back_is_a_reason_not_a_guess()
    {
        var deepseek = Model("deepseek-v3", "deepseek-ai/DeepSeek-V3");
        LaunchCommands.For(new Setup(deepseek, Gpu("h200-sxm"), 16, Precision.Bf16, 8192, 1), Engine(), Assumptions).Unavailable
            .ShouldBe(deepseek.Name + "'s weights are published in FP8; a BF16 plan needs a converted checkpoint the catalog does not list.");

        var noRepo = Data.Models.Single(m => m.Id.Value == "llama-3-1-8b") with { Repo = null };
        LaunchCommands.For(new Setup(noRepo, Gpu("h100-sxm"), 1, Precision.Bf16, 8192, 1), Engine(), Assumptions).Unavailable.ShouldNotBeNull().ShouldContain("does not record");

        var eagle = new Speculation(SpeculationMethod.Eagle, 3, 2.5);
        LaunchCommands.For(new Setup(deepseek, Gpu("h200-sxm"), 8, Precision.Fp8, 8192, 1, Speculative: eagle), Engine("sglang"), Assumptions).Unavailable.ShouldNotBeNull().ShouldContain("separate model");

        LaunchCommands.For(new Setup(deepseek, Gpu("h200-sxm"), 8, Precision.Fp8, 8192, 1), Engine("trtllm") with { Id = new EngineId("mlx") }, Assumptions).Unavailable.ShouldBe("MLX runs on Apple silicon only.");
    }

    [Fact]
    public void An_int4_plan_loads_a_listed_checkpoint_in_a_format_the_engine_documents()
    {
        var model = Model("llama-3-3-70b", "meta-llama/Llama-3.3-70B-Instruct") with
        {
            Checkpoints = new([new CheckpointData { Precision = Precision.Int4, Format = "awq", Repo = "someone/Llama-3.3-70B-AWQ", Size = 40, Unit = "GB", Src = "card" }]),
        };
        var plan = new Setup(model, Gpu("h100-sxm"), 1, Precision.Int4, 8192, 1);

        LaunchCommands.For(plan, Engine(), Assumptions).Unavailable.ShouldNotBeNull().ShouldContain("no INT4 checkpoint");
        var command = Command(plan, Engine(formats: WeightFormat.Awq));
        command.Checkpoint.ShouldBe("someone/Llama-3.3-70B-AWQ");
        command.Notes.ShouldContain("Weights: someone/Llama-3.3-70B-AWQ (published by someone, not by the model's vendor).");
    }

    [Fact]
    public void Llama_cpp_splits_layers_and_picks_the_gguf_quantization_from_the_catalog()
    {
        var model = Model("llama-3-3-70b", "meta-llama/Llama-3.3-70B-Instruct");
        var recommended = new Setup(model, Gpu("rtx-4090"), 2, Precision.Int4, 8192, 1);
        var plan = LaunchCommands.PlanFor(recommended, ServingEngine.Llamacpp);
        (plan.TensorParallel, plan.PipelineStages).ShouldBe((1, 2));

        var command = Command(plan, Engine("llamacpp"));

        command.Nodes.Single().Text.ShouldStartWith("serve-x bartowski/Llama-3.3-70B-Instruct-GGUF:Q4_K_M \\\n  --ngl-x 999 \\\n  --split-x layer");
        LaunchCommands.For(recommended with { EngineOverride = ServingEngine.Llamacpp, Stages = 1 }, Engine("llamacpp"), Assumptions).Unavailable.ShouldBe("llama.cpp splits layers between GPUs; it has no tensor-parallel plan.");
    }
}

/// <summary>The real engine files and the real catalog: the commands every model page prints.</summary>
public sealed class CatalogLaunchCommandTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    private static IEnumerable<(ModelData Model, Recommendation Recommendation, EngineConfig Config)> Shown()
    {
        foreach (var model in Data.Models)
        {
            var support = Reports.Specs.Catalog.EngineSupport.For(model, Data.Engines);
            var (top, _) = Recommender.Rank(model, Data.Gpus, Assumptions);
            foreach (var r in top.Take(6))
            {
                foreach (var c in EngineConfigs.For(r, support, Assumptions))
                {
                    yield return (model, r, c);
                }
            }
        }
    }

    [Fact]
    public void Every_flag_of_every_command_is_one_its_engine_documents_and_the_program_comes_first()
    {
        var commands = Shown().Where(s => s.Config.Launch.Command is not null).Select(s => s.Config.Launch.Command!).ToList();
        commands.Count.ShouldBeGreaterThan(100);
        foreach (var command in commands)
        {
            var documented = command.Engine.Cli!.Flags.Select(f => f.Flag).ToHashSet();
            command.Flags.ShouldAllBe(f => documented.Contains(f), command.Text);
            command.Nodes.ShouldAllBe(n => n.Text.StartsWith(command.Engine.Cli.Program + " ", StringComparison.Ordinal));

            // Every word of the command is a flag, a number, or a plain value a shell passes through unquoted.
            var words = command.Nodes.SelectMany(n => n.Text.Replace("\\\n", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            words.ShouldAllBe(w => w.All(ch => char.IsLetterOrDigit(ch) || "-_./:".Contains(ch)) || w.StartsWith("'{", StringComparison.Ordinal) || w.EndsWith("}'", StringComparison.Ordinal) || w.StartsWith('"') || w == "\"num_speculative_tokens\":", command.Text);
        }
    }

    [Fact]
    public void The_numbers_beside_a_command_are_the_estimates_of_that_engines_plan()
    {
        foreach (var (_, r, c) in Shown().Where(s => s.Config.Estimate is not null).Take(200))
        {
            var plan = c.Launch.Plan;
            plan.Engine.ShouldBe(LaunchCommands.Serving(c.Engine)!.Value);
            var expected = SetupReport.For(plan, SpeedMode.Latency, Assumptions.PrimaryMix.InputTokens, Assumptions.PrimaryMix.OutputTokens, Assumptions);
            c.Estimate!.Latency.Speed!.ItlMs.Value.ShouldBe(expected.Speed!.ItlMs.Value);
            (c.Estimate.Setup == r.Setup).ShouldBe(plan == r.Setup);
        }
    }

    [Fact]
    public void Different_engines_on_one_setup_do_not_print_the_same_speed()
    {
        // One throughput for three setups is what the site exists not to print.
        foreach (var group in Shown().Where(s => s.Config.Estimate is not null).GroupBy(s => s.Recommendation))
        {
            var speeds = group.Select(s => s.Config.Estimate!.Latency.Speed!.ItlMs.Value).ToList();
            speeds.Distinct().Count().ShouldBe(speeds.Count, group.Key.Key);
        }
    }
}
