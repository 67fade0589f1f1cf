using System.CommandLine;
using Reports.Site.Api;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Estimators;

namespace Reports.Site.Cli;

/// <summary><c>estimate MODEL --gpu GPU --count N --precision P ...</c>: one setup's numbers without the site.</summary>
internal static class EstimateCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Argument<string> ModelArgument = new("model") { Description = "Model id, e.g. llama-3-1-405b." };
        public readonly Option<string> Gpu = new("--gpu") { Description = "GPU id, e.g. h200-sxm.", Required = true };
        public readonly Option<int> Count = new("--count") { Description = "Number of GPUs (tensor parallel).", DefaultValueFactory = _ => 1 };
        public readonly Option<string> PrecisionOption = new("--precision") { Description = "bf16, fp16, fp8, int8, int4, mxfp4 or nvfp4.", DefaultValueFactory = _ => "bf16" };
        public readonly Option<long?> Context = new("--context") { Description = "Tokens per sequence held in the KV cache (default: input + output tokens)." };
        public readonly Option<int> Concurrency = new("--concurrency") { Description = "Concurrent sequences.", DefaultValueFactory = _ => 1 };
        public readonly Option<int?> InputTokens = new("--input-tokens") { Description = "Prompt tokens per request (default: the first request mix in site.yaml)." };
        public readonly Option<int?> OutputTokens = new("--output-tokens") { Description = "Output tokens per request (default: the first request mix in site.yaml)." };
        public readonly Option<string> Mode = new Option<string>("--mode") { Description = "latency (per user at --concurrency) or offline (largest batch).", DefaultValueFactory = _ => "latency" }.AcceptOnlyFromAmong("latency", "offline");
        public readonly Option<string> Format = new Option<string>("--format") { Description = "text, json, or command (the engine's launch command for this plan).", DefaultValueFactory = _ => "text" }.AcceptOnlyFromAmong("text", "json", "command");
        public readonly Option<bool> Fp8Kv = new("--fp8-kv") { Description = "Store the KV cache in FP8 (the same as --kv-dtype fp8)." };
        public readonly Option<string?> KvDtype = new Option<string?>("--kv-dtype") { Description = "KV-cache format: bf16 or fp8." }.AcceptOnlyFromAmong("bf16", "fp16", "fp8");
        public readonly Option<string?> Engine = new Option<string?>("--engine", "--framework") { Description = "Serving engine: vllm, sglang, trtllm, llamacpp or mlx (default: MLX on Apple, llama.cpp on the other unified-memory machines, vLLM elsewhere)." }.AcceptOnlyFromAmong("vllm", "sglang", "trtllm", "llamacpp", "mlx");
        public readonly Option<int?> Tp = new("--tp") { Description = "Tensor-parallel GPUs per pipeline stage (with --pp, --count is tp x pp)." };
        public readonly Option<int?> Pp = new("--pp") { Description = "Pipeline stages." };
        public readonly Option<int> Ep = new("--ep") { Description = "Expert-parallel GPUs per stage (a mixture of experts; divides the routed experts and the stage's GPUs).", DefaultValueFactory = _ => 1 };
        public readonly Option<bool> AttentionDp = new("--attention-dp") { Description = "Data-parallel attention: each GPU of a stage keeps whole attention weights and its own sequences' KV cache (a mixture of experts)." };
        public readonly Option<string> Speculative = new Option<string>("--speculative") { Description = "Speculative decoding: none, mtp, eagle, draft or ngram.", DefaultValueFactory = _ => "none" }.AcceptOnlyFromAmong("none", "mtp", "eagle", "draft", "ngram");
        public readonly Option<int> SpecTokens = new("--spec-tokens") { Description = "Tokens drafted per step with --speculative.", DefaultValueFactory = _ => 3 };
        public readonly Option<double?> Acceptance = new("--acceptance") { Description = "Chance each drafted token is accepted (default: site.yaml speculative_acceptance_rate)." };
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("estimate", "Estimate memory, fit, speed and cost of one model on one GPU setup.")
        {
            cli.ModelArgument, cli.Gpu, cli.Count, cli.PrecisionOption, cli.Context, cli.Concurrency, cli.InputTokens, cli.OutputTokens, cli.Mode, cli.Format, cli.Fp8Kv, cli.KvDtype, cli.Engine, cli.Tp, cli.Pp, cli.Ep, cli.AttentionDp, cli.Speculative, cli.SpecTokens, cli.Acceptance,
        };
        command.SetAction((result, _) => Task.FromResult(Run(result, cli, Catalog.Compiled, stdout, stderr)));
        return command;
    }

    private static int Run(ParseResult result, Args cli, Catalog catalog, TextWriter stdout, TextWriter stderr)
    {
        var modelId = result.GetValue(cli.ModelArgument)!;
        var gpuId = result.GetValue(cli.Gpu)!;
        if (!catalog.TryGetModel(modelId, out var model))
        {
            return Fail(stderr, "unknown model '" + modelId + "'." + Suggest.DidYouMean(modelId, catalog.Models.Select(m => m.Id.Value)));
        }

        if (!catalog.TryGetGpu(gpuId, out var gpu))
        {
            return Fail(stderr, "unknown GPU '" + gpuId + "'." + Suggest.DidYouMean(gpuId, catalog.Gpus.Select(g => g.Id.Value)));
        }

        var precisionText = result.GetValue(cli.PrecisionOption)!;
        if (!Units.TryParsePrecision(precisionText, out var precision))
        {
            return Fail(stderr, "unknown precision '" + precisionText + "'; use one of bf16, fp16, fp8, int8, int4, mxfp4.");
        }

        var (tp, pp) = (result.GetValue(cli.Tp), result.GetValue(cli.Pp) ?? 1);
        var count = tp is { } t ? t * pp : result.GetValue(cli.Count) * (result.GetValue(cli.Pp) is null ? 1 : pp);
        if (tp is not null && result.GetResult(cli.Count) is { Implicit: false } && result.GetValue(cli.Count) != count)
        {
            return Fail(stderr, $"--count {result.GetValue(cli.Count)} disagrees with --tp {tp} x --pp {pp}; give one or the other.");
        }
        var concurrency = result.GetValue(cli.Concurrency);
        if (count < 1 || count > 4096 || concurrency < 1 || pp < 1 || tp is < 1)
        {
            return Fail(stderr, "--count, --tp, --pp and --concurrency must be at least 1 (and --count at most 4096).");
        }

        var assumptions = Assumptions.From(catalog.Data);
        var mix = assumptions.RequestMixes.FirstOrDefault();
        var input = result.GetValue(cli.InputTokens) ?? mix?.InputTokens ?? 1000;
        var output = result.GetValue(cli.OutputTokens) ?? mix?.OutputTokens ?? 300;
        var context = result.GetValue(cli.Context) ?? ((long)input + output);
        if (input < 1 || output < 1 || context < 1)
        {
            return Fail(stderr, "--input-tokens, --output-tokens and --context must be at least 1.");
        }

        // An engine refuses a request longer than the model's context window; so does an estimate of one.
        var window = model.Context.Value;
        if ((long)input + output > window || context > window)
        {
            return Fail(stderr, $"{Reports.Site.Rendering.Format.Int(Math.Max((long)input + output, context))} tokens per sequence exceed {model.Name}'s context window of {Reports.Site.Rendering.Format.Int(window)} tokens; lower --input-tokens, --output-tokens or --context.");
        }

        var mode = result.GetValue(cli.Mode) == "offline" ? SpeedMode.Offline : SpeedMode.Latency;
        Speculation? speculation = null;
        if (result.GetValue(cli.Speculative) is { } method && method != "none")
        {
            var tokens = result.GetValue(cli.SpecTokens);
            var rate = result.GetValue(cli.Acceptance) ?? assumptions.SpeculativeAcceptanceRate;
            if (tokens is < 1 or > 64 || rate is <= 0 or > 1)
            {
                return Fail(stderr, "--spec-tokens must be 1 to 64 and --acceptance above 0 and at most 1.");
            }

            speculation = new Speculation(Enum.Parse<SpeculationMethod>(method, ignoreCase: true), tokens, Speculation.AcceptanceFromRate(tokens, rate));
        }

        ServingEngine? engine = result.GetValue(cli.Engine) is { } e ? Enum.Parse<ServingEngine>(e, ignoreCase: true) : null;
        var fp8Kv = result.GetValue(cli.Fp8Kv) || result.GetValue(cli.KvDtype) == "fp8";
        // Without --tp or --pp the count gets the plan a deployment would use on the engine (ParallelPlan.DefaultStages).
        int? stages = tp is null && result.GetValue(cli.Pp) is null ? null : pp;
        var (ep, attentionDp) = (result.GetValue(cli.Ep), result.GetValue(cli.AttentionDp));
        if ((ep > 1 || attentionDp) && model.Architecture.Moe is null)
        {
            return Fail(stderr, $"--ep and --attention-dp apply to a mixture of experts; {model.Name} is dense.");
        }

        if (ep < 1 || (model.Architecture.Moe is { } moe && moe.Experts % ep != 0))
        {
            return Fail(stderr, $"--ep must be at least 1 and divide the {model.Architecture.Moe?.Experts} routed experts.");
        }

        var setup = new Setup(model, gpu, count, precision, context, concurrency, fp8Kv, engine, stages, speculation, ep, attentionDp);

        // A setup that does not fit is an answer (fits: false, what it needs, the smallest count that fits), not an error.
        var report = SetupReport.For(setup, mode, input, output, assumptions);

        switch (result.GetValue(cli.Format))
        {
            case "json":
                stdout.Write(EstimateJson.Write(report));
                break;
            case "command":
                stdout.Write(EstimateCommandText.Write(report, catalog, assumptions));
                break;
            default:
                stdout.Write(EstimateText.Write(report));
                break;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Every refusal here is of what was asked (an id, a count, a size), so it is a usage error.</summary>
    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
