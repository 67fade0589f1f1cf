using System.Text.Json;

namespace Reports.Site.Tests;

/// <summary>`estimate` against the compiled catalog: text, JSON with provenance, and errors.</summary>
public sealed class EstimateCommandTests
{
    [Fact]
    public async Task Json_has_every_field_and_traceable_provenance()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "llama-3-1-405b", "--gpu", "h200-sxm", "--count", "8", "--precision", "fp8", "--format", "json");

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        string[] fields =
        [
            "model", "gpu", "count", "precision", "params_total", "params_active", "weights_bytes", "kv_bytes_per_token",
            "memory_needed_bytes", "memory_available_bytes", "fits", "grade", "min_gpus", "decode_tokens_per_s", "itl_ms",
            "ttft_ms", "throughput_tokens_per_s", "cost_per_month_usd", "cost_per_m_tokens_usd", "provenance",
        ];
        foreach (var field in fields)
        {
            root.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        root.GetProperty("weights_bytes").GetDouble().ShouldBe(405e9);
        root.GetProperty("kv_bytes_per_token").GetDouble().ShouldBe(516_096);
        root.GetProperty("fits").GetBoolean().ShouldBeTrue();
        root.GetProperty("min_gpus").GetInt32().ShouldBe(4);
        var itl = root.GetProperty("provenance").GetProperty("itl_ms");
        itl.GetProperty("formula_id").GetString().ShouldBe("step.time");
        itl.GetProperty("tier").GetString().ShouldBe("estimated");
        // Follow the chain down to the GPU's sourced bandwidth.
        stdout.ShouldContain("\"name\": \"Memory bandwidth per GPU\"");
        stdout.ShouldContain("\"source\": \"calibration.yaml: vllm.bandwidth_efficiency\"");
    }

    [Fact]
    public async Task Text_output_is_a_table_with_the_assumptions_listed()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("estimate", "llama-3-3-70b", "--gpu", "h100-sxm", "--count", "2", "--precision", "fp8", "--input-tokens", "5000", "--output-tokens", "500");

        code.ShouldBe(0);
        stdout.ShouldContain("Llama 3.3 70B Instruct on 2 x NVIDIA H100 SXM5 80GB (TP2, vllm), FP8 weights");
        stdout.ShouldContain("Speed band: on published single-user decode measurements of dense models it was not fitted on");
        // The TTFT band is printed only when its estimates have leaned a fifth or more one way.
        var denseTtft = Reports.Specs.CompiledCatalog.Data.Calibration!.HeldOutByKind.Single(h => h.Category == "TTFT" && h.Kind == Reports.Specs.Content.ModelKind.Dense);
        (stdout.Contains("TTFT band:", StringComparison.Ordinal)).ShouldBe(Rendering.Format.Leaning(denseTtft) is not null);
        stdout.ShouldContain("KV cache per token             327,680 B");
        stdout.ShouldContain("Assumptions (content/site.yaml):");
        stdout.ShouldContain("Speed constants (content/calibration.yaml");
        stdout.ShouldContain("vllm.bandwidth_efficiency = ");
        stdout.ShouldContain("vllm.layer_overhead_us = ");
    }

    [Fact]
    public async Task Offline_mode_uses_the_largest_batch_that_fits()
    {
        var (_, latency, _) = await CliRunner.RunAsync("estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--precision", "bf16", "--format", "json");
        var (_, offline, _) = await CliRunner.RunAsync("estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--precision", "bf16", "--mode", "offline", "--format", "json");

        using var l = JsonDocument.Parse(latency);
        using var o = JsonDocument.Parse(offline);
        o.RootElement.GetProperty("batch").GetInt32().ShouldBeGreaterThan(1);
        o.RootElement.GetProperty("throughput_tokens_per_s").GetDouble().ShouldBeGreaterThan(l.RootElement.GetProperty("throughput_tokens_per_s").GetDouble() * 10);
    }

    [Theory]
    [InlineData(new[] { "estimate", "llama-3-1-40b", "--gpu", "h100-sxm" }, "error: unknown model 'llama-3-1-40b'. Did you mean 'llama-3-1-405b' or 'llama-3-1-70b' or 'llama-3-1-8b'?")]
    [InlineData(new[] { "estimate", "llama-3-1-8b", "--gpu", "h100-sx" }, "error: unknown GPU 'h100-sx'. Did you mean 'h100-sxm'")]
    [InlineData(new[] { "estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--precision", "fp4" }, "error: unknown precision 'fp4'")]
    [InlineData(new[] { "estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--count", "0" }, "error: --count, --tp, --pp and --concurrency must be at least 1")]
    [InlineData(new[] { "estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--input-tokens", "2147483647" }, "error: 2,147,483,947 tokens per sequence exceed Llama 3.1 8B's context window of 131,072 tokens")]
    [InlineData(new[] { "estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--input-tokens", "2147483647", "--output-tokens", "2147483647" }, "error: 4,294,967,294 tokens per sequence exceed")]
    [InlineData(new[] { "estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--context", "200000" }, "error: 200,000 tokens per sequence exceed")]
    public async Task Impossible_requests_give_one_clear_line_and_exit_code_2(string[] args, string expected)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(args);

        code.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith(expected);
        stderr.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
        => (await CliRunner.RunAsync("estimate", "llama-3-1-8b")).ExitCode.ShouldBe(2);

    [Fact]
    public async Task A_setup_that_does_not_fit_is_an_answer_with_what_it_needs()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "llama-3-1-405b", "--gpu", "h100-sxm", "--count", "8", "--precision", "bf16", "--format", "json");

        code.ShouldBe(0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        root.GetProperty("fits").GetBoolean().ShouldBeFalse();
        root.GetProperty("memory_needed_bytes").GetDouble().ShouldBeGreaterThan(root.GetProperty("memory_available_bytes").GetDouble());
        root.GetProperty("min_gpus").GetInt32().ShouldBe(16);
        root.GetProperty("itl_ms").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Engine_plan_kv_dtype_and_speculative_decoding_change_the_answer()
    {
        async Task<JsonElement> Run(params string[] extra)
        {
            var (code, stdout, stderr) = await CliRunner.RunAsync(["estimate", "deepseek-v3", "--gpu", "h200-sxm", "--precision", "fp8", "--format", "json", .. extra]);
            code.ShouldBe(0, stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }

        var vllm = await Run("--tp", "8");
        var trtllm = await Run("--tp", "8", "--framework", "trtllm");
        var mtp = await Run("--tp", "8", "--speculative", "mtp", "--spec-tokens", "3", "--acceptance", "0.8");
        var pipeline = await Run("--tp", "4", "--pp", "2");
        var fp8Kv = await Run("--tp", "8", "--kv-dtype", "fp8");

        vllm.GetProperty("plan").GetProperty("tp").GetInt32().ShouldBe(8);
        pipeline.GetProperty("count").GetInt32().ShouldBe(8);
        pipeline.GetProperty("plan").GetProperty("pp").GetInt32().ShouldBe(2);
        trtllm.GetProperty("engine").GetString().ShouldBe("trtllm");
        trtllm.GetProperty("itl_ms").GetDouble().ShouldNotBe(vllm.GetProperty("itl_ms").GetDouble());
        mtp.GetProperty("speculative").GetProperty("tokens_per_step").GetDouble().ShouldBe(2.952, 0.001);
        mtp.GetProperty("itl_ms").GetDouble().ShouldBeLessThan(vllm.GetProperty("itl_ms").GetDouble());
        pipeline.GetProperty("itl_ms").GetDouble().ShouldBeGreaterThan(vllm.GetProperty("itl_ms").GetDouble());
        fp8Kv.GetProperty("kv_bytes_per_token").GetDouble().ShouldBe(vllm.GetProperty("kv_bytes_per_token").GetDouble() / 2);
        vllm.GetProperty("error_band").GetProperty("category").GetString().ShouldBe("Single-user decode");
        vllm.GetProperty("error_band").GetProperty("kind").GetString().ShouldBe("moe");
        var ttftBand = vllm.GetProperty("ttft_error_band");
        (ttftBand.GetProperty("category").GetString(), ttftBand.GetProperty("kind").GetString()).ShouldBe(("TTFT", "moe"));
        var moeTtft = Reports.Specs.CompiledCatalog.Data.Calibration!.HeldOutByKind.Single(h => h.Category == "TTFT" && h.Kind == Reports.Specs.Content.ModelKind.Moe);
        ttftBand.GetProperty("bias").GetDouble().ShouldBe(moeTtft.Bias);

        // The text says the same, and which way the TTFTs of this kind have leaned.
        var (code, text, _) = await CliRunner.RunAsync("estimate", "deepseek-v3", "--gpu", "h200-sxm", "--precision", "fp8", "--tp", "8");
        code.ShouldBe(0);
        text.ShouldContain("measurements of mixture-of-experts models it was not fitted on");
        if (Rendering.Format.Leaning(moeTtft) is { } leaning)
        {
            text.ShouldContain($"TTFT band: typically within ±{moeTtft.Median * 100:0}% on published TTFTs of mixture-of-experts models, and it {leaning}");
        }
    }

    [Fact]
    public async Task Data_parallel_attention_holds_more_sequences_than_tensor_parallel_and_is_refused_for_a_dense_model()
    {
        async Task<JsonElement> Run(params string[] extra)
        {
            var (code, stdout, stderr) = await CliRunner.RunAsync(["estimate", "deepseek-r1", "--gpu", "h200-sxm", "--count", "8", "--precision", "fp8", "--engine", "trtllm",
                "--input-tokens", "1024", "--output-tokens", "2048", "--mode", "offline", "--format", "json", .. extra]);
            code.ShouldBe(0, stderr);
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }

        var tp = await Run();
        var dp = await Run("--ep", "8", "--attention-dp");

        dp.GetProperty("plan").GetProperty("ep").GetInt32().ShouldBe(8);
        dp.GetProperty("plan").GetProperty("attention_dp").GetBoolean().ShouldBeTrue();
        dp.GetProperty("plan").GetProperty("description").GetString().ShouldBe("data-parallel attention x 8, experts over 8 (DP8 + EP8)");

        // The MLA latent is no longer copied on all eight GPUs, so the batch more than doubles; the throughput grows less,
        // since a larger batch runs each step longer (the experts' multiplies reach their full rate only with enough rows).
        var batchGain = dp.GetProperty("batch").GetInt32() / (double)tp.GetProperty("batch").GetInt32();
        batchGain.ShouldBeGreaterThan(2);
        var throughputGain = dp.GetProperty("throughput_tokens_per_s").GetDouble() / tp.GetProperty("throughput_tokens_per_s").GetDouble();
        throughputGain.ShouldBeGreaterThan(1.2);
        throughputGain.ShouldBeLessThan(batchGain);

        var (denseCode, _, denseError) = await CliRunner.RunAsync("estimate", "llama-3-3-70b", "--gpu", "h100-sxm", "--count", "8", "--attention-dp");
        denseCode.ShouldNotBe(0);
        denseError.ShouldContain("is dense");
    }

    [Fact]
    public async Task Command_format_prints_one_line_per_node_with_the_engines_own_spellings()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "llama-3-1-405b", "--gpu", "h100-sxm", "--tp", "8", "--pp", "2", "--precision", "fp8", "--format", "command");

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        stdout.ShouldStartWith("# Llama 3.1 405B");
        stdout.ShouldContain("# Estimated: ");
        stdout.ShouldContain("# Node 0 (head)\nvllm serve meta-llama/Llama-3.1-405B-Instruct \\\n  --quantization fp8 \\\n  --tensor-parallel-size 8 \\\n  --pipeline-parallel-size 2");
        stdout.ShouldContain("  --nnodes 2 \\\n  --node-rank 0 \\\n  --master-addr HEAD_NODE_IP\n");
        stdout.ShouldContain("  --nnodes 2 \\\n  --node-rank 1 \\\n  --master-addr HEAD_NODE_IP \\\n  --headless\n");

        var (_, sglang, _) = await CliRunner.RunAsync("estimate", "llama-3-1-405b", "--gpu", "h100-sxm", "--tp", "8", "--pp", "2", "--precision", "fp8", "--engine", "sglang", "--format", "command");
        sglang.ShouldContain("python3 -m sglang.launch_server \\\n  --model-path meta-llama/Llama-3.1-405B-Instruct");
        sglang.ShouldContain("--dist-init-addr HEAD_NODE_IP:50000");
        sglang.ShouldNotContain("--headless");
    }

    [Fact]
    public async Task Command_format_answers_a_plan_the_engine_cannot_launch_with_the_reason()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("estimate", "llama-3-1-405b", "--gpu", "h100-sxm", "--tp", "8", "--pp", "2", "--precision", "fp8", "--engine", "trtllm", "--format", "command");

        (code, stderr).ShouldBe((0, ""));
        stdout.ShouldContain("# No launch command: ");
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line.StartsWith("# ", StringComparison.Ordinal));
    }
}
