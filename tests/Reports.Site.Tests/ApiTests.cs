using System.Text.Json;

namespace Reports.Site.Tests;

public sealed class ApiTests
{
    [Fact]
    public async Task Build_writes_a_json_api_per_model_and_gpu_with_provenance()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates);

        using var index = JsonDocument.Parse(File.ReadAllText(temp["site/api/index.json"]));
        index.RootElement.GetProperty("models").GetArrayLength().ShouldBe(4);
        index.RootElement.GetProperty("gpus").GetArrayLength().ShouldBe(2);

        using var model = JsonDocument.Parse(File.ReadAllText(temp["site/api/models/llama-3-1-8b.json"]));
        var derived = model.RootElement.GetProperty("derived");
        derived.GetProperty("kv_bytes_per_token").GetDouble().ShouldBe(131_072);
        derived.GetProperty("weights_bytes").GetProperty("bf16").GetDouble().ShouldBe(16e9);
        model.RootElement.GetProperty("facts").GetProperty("architecture").GetProperty("kv_heads").GetInt32().ShouldBe(8);
        model.RootElement.GetProperty("facts").GetProperty("verified").GetString().ShouldBe("2026-11-28");
        model.RootElement.GetProperty("provenance").GetProperty("kv_bytes_per_token").GetProperty("formula_id").GetString().ShouldBe("kv.per_token");

        // Each recommended setup carries the engine's launch command, written from the plan its estimates are for.
        using var seventy = JsonDocument.Parse(File.ReadAllText(temp["site/api/models/llama-3-1-70b.json"]));
        var first = seventy.RootElement.GetProperty("recommendations")[0];
        var config = first.GetProperty("configs").EnumerateArray().Single(c => c.GetProperty("engine").GetString() == "vllm");
        config.GetProperty("command").GetString().ShouldStartWith("vllm serve meta-llama/Llama-3.1-70B-Instruct");
        config.GetProperty("plan").GetProperty("count").GetInt32().ShouldBe(first.GetProperty("setup").GetProperty("count").GetInt32());
        config.GetProperty("estimates").GetProperty("itl_ms").GetDouble().ShouldBeGreaterThan(1);

        using var gpu = JsonDocument.Parse(File.ReadAllText(temp["site/api/gpus/h100-sxm.json"]));
        gpu.RootElement.GetProperty("derived").GetProperty("memory_bytes").GetDouble().ShouldBe(80e9);
    }
}
