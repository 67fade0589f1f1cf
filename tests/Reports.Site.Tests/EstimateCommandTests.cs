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
        stdout.ShouldContain("Llama 3.3 70B Instruct on 2 x NVIDIA H100 SXM5 80GB, FP8 weights");
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
    [InlineData(new[] { "estimate", "llama-3-1-405b", "--gpu", "h100-sxm", "--count", "8", "--precision", "bf16" }, "error: llama-3-1-405b does not fit on 8 x h100-sxm at bf16: needs")]
    public async Task Impossible_requests_give_one_clear_line_and_exit_code_1(string[] args, string expected)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(args);

        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith(expected);
        stderr.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
        => (await CliRunner.RunAsync("estimate", "llama-3-1-8b")).ExitCode.ShouldBe(2);
}
