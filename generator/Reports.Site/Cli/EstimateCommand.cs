using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        public readonly Option<string?> Engine = new Option<string?>("--engine", "--framework") { Description = "Serving engine: vllm, sglang, trtllm, llamacpp or mlx (default: MLX on Apple, vLLM elsewhere)." }.AcceptOnlyFromAmong("vllm", "sglang", "trtllm", "llamacpp", "mlx");
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
        // Without --tp or --pp the count gets the plan a deployment would use: tensor parallel in a node, stages across nodes.
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

/// <summary>
/// <c>--format command</c>: the launch command for the setup on its engine, runnable as printed, with the
/// estimates and notes as shell comments. A plan the engine cannot run prints the reason as a comment: like a
/// setup that does not fit, it is an answer about the setup, not a usage error.
/// </summary>
public static class EstimateCommandText
{
    public static string Write(SetupReport report, Catalog catalog, Assumptions assumptions)
    {
        var setup = report.Setup;
        var s = new StringBuilder();
        var engine = catalog.Data.Engines.FirstOrDefault(e => Reports.Specs.Recipes.LaunchCommands.Serving(e) == setup.Engine);
        if (engine is null)
        {
            return "# No launch command: the catalog has no engine file for " + setup.Engine.ToString().ToLowerInvariant() + ".\n";
        }

        var option = Reports.Specs.Recipes.LaunchCommands.For(setup, engine, assumptions);
        s.Append("# ").Append(setup.Model.Name).Append(" on ").Append(setup.Count.ToString(CultureInfo.InvariantCulture)).Append(" x ").Append(setup.Gpu.Name)
            .Append(", ").Append(Units.Name(setup.Precision).ToUpperInvariant()).Append(", ").Append(engine.Name).Append('\n');
        if (option.Command is not { } command)
        {
            return s.Append("# No launch command: ").Append(option.Unavailable).Append('\n').ToString();
        }

        if (report.Speed is { } speed)
        {
            s.Append("# Estimated: ").Append(Reports.Site.Rendering.Format.Value(speed.DecodeTokensPerSecond)).Append(" per user, ITL ").Append(Reports.Site.Rendering.Format.Value(speed.ItlMs));
            if (speed.TtftMs is { } ttft)
            {
                s.Append(", TTFT ").Append(Reports.Site.Rendering.Format.Value(ttft));
            }

            s.Append('\n');
        }

        foreach (var note in command.Notes)
        {
            s.Append("# ").Append(note).Append('\n');
        }

        s.Append("# Flags as documented for ").Append(engine.Name).Append(' ').Append(engine.Cli!.Version).Append('\n');
        return s.Append(command.Text).Append('\n').ToString();
    }
}

/// <summary>The JSON shape of an estimate: snake_case fields, and provenance per field.</summary>
public static class EstimateJson
{
    public static string Write(SetupReport r)
    {
        var fields = new (string Name, Estimate? Estimate)[]
        {
            ("params_total", r.ParamsTotal),
            ("params_active", r.ParamsActive),
            ("weights_bytes", r.Weights),
            ("kv_bytes_per_token", r.KvPerToken),
            ("memory_needed_bytes", r.Fit.Needed),
            ("memory_available_bytes", r.Fit.Available),
            ("decode_tokens_per_s", r.Speed?.DecodeTokensPerSecond),
            ("itl_ms", r.Speed?.ItlMs),
            ("ttft_ms", r.Speed?.TtftMs),
            ("throughput_tokens_per_s", r.Speed?.ThroughputTokensPerSecond),
            ("cost_per_month_usd", r.CostPerMonth),
            ("cost_per_m_tokens_usd", r.CostPerMillionTokens),
        };
        var root = new JsonObject
        {
            ["model"] = r.Setup.Model.Id.Value,
            ["gpu"] = r.Setup.Gpu.Id.Value,
            ["count"] = r.Setup.Count,
            ["precision"] = Units.Name(r.Setup.Precision),
            ["mode"] = r.Mode.ToString().ToLowerInvariant(),
            ["context_tokens"] = r.Setup.ContextTokens,
            ["concurrency"] = r.Setup.Concurrency,
            ["input_tokens"] = r.InputTokens,
            ["output_tokens"] = r.OutputTokens,
            ["batch"] = r.Speed?.Batch,
            ["engine"] = Units.Name(r.Setup.Engine),
            ["kv_dtype"] = r.Setup.Fp8Kv ? "fp8" : "bf16",
            ["plan"] = new JsonObject { ["tp"] = r.Setup.TensorParallel, ["pp"] = r.Setup.PipelineStages, ["ep"] = r.Setup.ExpertParallel, ["attention_dp"] = r.Setup.AttentionDataParallel, ["replicas"] = 1, ["description"] = ParallelPlan.Describe(r.Setup) },
            ["speculative"] = r.Setup.Speculative is { } spec
                ? new JsonObject { ["method"] = Units.Name(spec.Method), ["draft_tokens"] = spec.DraftTokens, ["tokens_per_step"] = Round(spec.AcceptanceLength) }
                : null,
        };
        foreach (var (name, estimate) in fields.Take(6))
        {
            root[name] = Number(estimate);
        }

        root["fits"] = r.Fit.Fits;
        root["grade"] = r.Fit.Grade;
        root["min_gpus"] = r.MinGpus;
        root["min_plan"] = r.SmallestPlan is { } least
            ? new JsonObject { ["gpus"] = least.Count, ["nodes"] = ParallelPlan.Nodes(least), ["tp"] = least.TensorParallel, ["pp"] = least.PipelineStages, ["description"] = ParallelPlan.Describe(least) }
            : null;
        foreach (var (name, estimate) in fields.Skip(6))
        {
            root[name] = Number(estimate);
        }

        var provenance = new JsonObject();
        foreach (var (name, estimate) in fields)
        {
            provenance[name] = estimate is null ? null : Provenance(estimate);
        }

        root["error_band"] = r.Band is { } band
            ? new JsonObject { ["category"] = band.Category, ["median_abs_error"] = band.Median, ["p90_abs_error"] = band.P90, ["rows"] = band.Rows, ["sources"] = band.Sources, ["basis"] = "held-out folds of content/calibration.yaml" }
            : null;
        root["notes"] = new JsonArray((r.Speed?.Notes ?? []).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
        root["provenance"] = provenance;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static JsonObject Provenance(Estimate estimate) => new()
    {
        ["name"] = estimate.Name,
        ["value"] = Round(estimate.Value),
        ["unit"] = estimate.Unit,
        ["formula_id"] = estimate.FormulaId,
        ["formula"] = estimate.Formula,
        ["tier"] = estimate.Tier.ToString().ToLowerInvariant(),
        ["inputs"] = new JsonArray(estimate.Inputs.Select(i => (JsonNode?)new JsonObject
        {
            ["name"] = i.Name,
            ["value"] = Round(i.Value),
            ["unit"] = i.Unit,
            ["source"] = i.Source,
            ["from"] = i.From is null ? null : Provenance(i.From),
        }).ToArray()),
        ["assumptions"] = new JsonArray(estimate.Assumptions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
    };

    private static JsonNode? Number(Estimate? estimate) => estimate is null ? null : JsonValue.Create(Round(estimate.Value));

    /// <summary>Six significant digits: more would print float noise as if it were precision.</summary>
    private static double Round(double value)
        => value == 0 || double.IsNaN(value) || double.IsInfinity(value) ? value : double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>The readable table of an estimate, with the assumptions listed under it.</summary>
public static class EstimateText
{
    public static string Write(SetupReport r)
    {
        var s = new StringBuilder();
        var setup = r.Setup;
        s.AppendLine(CultureInfo.InvariantCulture, $"{setup.Model.Name} on {setup.Count} x {setup.Gpu.Name} (TP{setup.TensorParallel}{(setup.ExpertParallel > 1 ? " + EP" + setup.ExpertParallel : "")}{(setup.AttentionDataParallel ? " with DP attention" : "")}{(setup.PipelineStages > 1 ? " x PP" + setup.PipelineStages : "")}, {Units.Name(setup.Engine)}), {Units.Name(setup.Precision).ToUpperInvariant()} weights, {(setup.Fp8Kv ? "FP8" : "16-bit")} KV cache");
        s.AppendLine(CultureInfo.InvariantCulture, $"{r.Mode.ToString().ToLowerInvariant()} mode: {r.InputTokens:#,0} input + {r.OutputTokens:#,0} output tokens, context {setup.ContextTokens:#,0}, concurrency {setup.Concurrency}");
        s.AppendLine();
        var rows = new List<(string, string, string)>
        {
            ("Parameters", Params(r.ParamsTotal.Value) + " total, " + Params(r.ParamsActive.Value) + " active", Tier(r.ParamsActive)),
            ("Weights", Gb(r.Weights.Value), Tier(r.Weights)),
            ("KV cache per token", r.KvPerToken.Value.ToString("#,0", CultureInfo.InvariantCulture) + " B", Tier(r.KvPerToken)),
            ("Memory needed / usable", Gb(r.Fit.Needed.Value) + " / " + Gb(r.Fit.Available.Value) + " (" + (r.Fit.Ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%)", Tier(r.Fit.Needed)),
            ("Fit", r.Fit.Grade + (r.MinGpus is { } m ? $" (minimum {m} GPU{(m == 1 ? "" : "s")})" : ""), "derived"),
        };
        if (r.Speed is { } speed)
        {
            rows.Add(("Batch", speed.Batch.ToString(CultureInfo.InvariantCulture), "estimated"));
            rows.Add(("Decode per user", speed.DecodeTokensPerSecond.Value.ToString("0.0", CultureInfo.InvariantCulture) + " tokens/s", Tier(speed.DecodeTokensPerSecond)));
            rows.Add(("Inter-token latency", speed.ItlMs.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms", Tier(speed.ItlMs)));
            rows.Add(("Time to first token", speed.TtftMs is { } t ? t.Value.ToString("#,0", CultureInfo.InvariantCulture) + " ms" : r.Mode == SpeedMode.Offline ? "n/a (offline: no request waits for a first token)" : "n/a (no sourced TFLOPS)", speed.TtftMs is null ? "" : Tier(speed.TtftMs)));
            rows.Add(("Throughput", speed.ThroughputTokensPerSecond.Value.ToString("#,0", CultureInfo.InvariantCulture) + " output tokens/s", Tier(speed.ThroughputTokensPerSecond)));
        }

        rows.Add(("GPU cost per month", r.CostPerMonth is { } c ? c.Value.ToString("$#,0", CultureInfo.InvariantCulture) : "n/a (no dated rental price)", r.CostPerMonth is null ? "" : Tier(r.CostPerMonth)));
        rows.Add(("Self-hosted $/M output tokens", r.CostPerMillionTokens is { } p ? p.Value.ToString("$#,0.00", CultureInfo.InvariantCulture) : "n/a", r.CostPerMillionTokens is null ? "" : Tier(r.CostPerMillionTokens)));

        var width = rows.Max(x => x.Item1.Length);
        var valueWidth = rows.Max(x => x.Item2.Length);
        foreach (var (label, value, tier) in rows)
        {
            s.Append(label.PadRight(width + 2)).Append(value.PadRight(valueWidth + 2)).AppendLine(tier);
        }

        s.AppendLine();
        if (!r.Fit.Fits)
        {
            var least = r.SmallestPlan is { } fewest ? $"The smallest plan that fits is {fewest.Count} GPU{(fewest.Count == 1 ? "" : "s")}" + (fewest.Count > 1 ? ": " + ParallelPlan.Describe(fewest) : "") + "." : $"No count up to 64 fits at {Units.Name(setup.Precision)}.";
            s.AppendLine("Does not fit: " + r.Fit.Problem + ". " + least);
        }
        else if (r.Band is { } band)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"Speed band: on published {band.Category.ToLowerInvariant()} measurements it was not fitted on, the model is typically within ±{band.Median * 100:0}% (90% within ±{band.P90 * 100:0}%; {band.Rows} comparisons from {band.Sources} sources).");
        }

        s.AppendLine();
        s.AppendLine("Assumptions (content/site.yaml):");
        var used = Walk(new[] { r.Fit.Needed, r.Fit.Available, r.Speed?.ThroughputTokensPerSecond, r.Speed?.TtftMs, r.CostPerMillionTokens, r.CostPerMonth })
            .Where(i => i.Source.StartsWith("site.yaml: ", StringComparison.Ordinal))
            .DistinctBy(i => i.Source)
            .OrderBy(i => i.Source, StringComparer.Ordinal);
        foreach (var input in used)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  {input.Source["site.yaml: ".Length..]} = {input.Value} {input.Unit}: {input.Name}");
        }

        var fitted = Walk(new[] { r.Speed?.ThroughputTokensPerSecond, r.Speed?.TtftMs, r.Speed?.ItlMs })
            .Where(i => i.Source.StartsWith("calibration.yaml: ", StringComparison.Ordinal) || i.Source.StartsWith("uncalibrated start: ", StringComparison.Ordinal))
            .DistinctBy(i => i.Source)
            .OrderBy(i => i.Source, StringComparer.Ordinal)
            .ToList();
        if (fitted.Count > 0)
        {
            s.AppendLine(fitted[0].Source.StartsWith("calibration.yaml: ", StringComparison.Ordinal)
                ? "Speed constants (content/calibration.yaml, fitted by `calibrate` on published measurements):"
                : "Speed constants (not calibrated: the fit's starting point):");
            foreach (var input in fitted)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"  {input.Source[(input.Source.IndexOf(": ", StringComparison.Ordinal) + 2)..]} = {input.Value} {input.Unit}: {input.Name}");
            }
        }

        foreach (var note in (r.Speed?.Notes ?? []).Concat(r.Fit.Needed.Assumptions))
        {
            s.AppendLine("  " + note);
        }

        s.AppendLine("Run with --format json for every number's formula, inputs and sources.");
        return s.ToString();
    }

    private static IEnumerable<EstimateInput> Walk(IEnumerable<Estimate?> estimates)
        => estimates.Where(e => e is not null).SelectMany(e => e!.Inputs.SelectMany(i => i.From is null ? [i] : Walk([i.From]).Prepend(i)));

    private static string Tier(Estimate e) => e.Tier.ToString().ToLowerInvariant();

    private static string Params(double value) => Rendering.Helpers.FmtParams(value);

    private static string Gb(double bytes) => (bytes / 1e9).ToString("#,0.0", CultureInfo.InvariantCulture) + " GB";
}
