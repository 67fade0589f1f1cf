using Reports.Specs;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Shouldly;

namespace Reports.Specs.Tests;

/// <summary>
/// A model is joined to an engine only through the engine's own list: by config class, or by model_type for an
/// engine that keys on it. A partial list, or a model whose key the catalog lacks, never reads as "not supported".
/// </summary>
public sealed class EngineSupportTests
{
    private static ModelData Model(string id) => CompiledCatalog.Data.Models.Single(m => m.Id.Value == id);

    private static EngineData Engine(bool complete, string[]? classes = null, string[]? types = null, params EngineFormatData[] formats) => new()
    {
        Id = new EngineId("e"),
        Name = "E",
        Url = "https://example.org/",
        Version = "1",
        Complete = complete,
        Architectures = classes is null ? null : new Sourced<EquatableArray<string>> { Value = new(classes), Src = "list" },
        ModelTypes = types is null ? null : new Sourced<EquatableArray<string>> { Value = new(types), Src = "list" },
        Formats = new(formats),
    };

    private static EngineFormatData Format(WeightFormat format, bool supported) => new() { Format = format, Supported = supported, Src = "list" };

    private static ModelData WithArchitecture(string? hfClass, string? modelType, params CheckpointData[] checkpoints)
    {
        var model = Model("llama-3-1-8b");
        return model with
        {
            Architecture = model.Architecture with { HfArchitecture = hfClass, ModelType = modelType },
            Checkpoints = new(checkpoints),
        };
    }

    [Fact]
    public void A_class_on_the_list_is_listed_and_names_what_it_matched()
    {
        var support = EngineSupport.For(WithArchitecture("LlamaForCausalLM", null), [Engine(complete: true, classes: ["LlamaForCausalLM"])]).Single();
        support.Status.ShouldBe(EngineSupportStatus.Listed);
        support.MatchedOn.ShouldBe("LlamaForCausalLM");
        support.StatusName.ShouldBe("listed");
    }

    [Fact]
    public void Absent_from_a_complete_list_is_not_listed_but_absent_from_a_partial_list_is_not_checked()
    {
        var model = WithArchitecture("LlamaForCausalLM", null);
        EngineSupport.For(model, [Engine(complete: true, classes: ["MistralForCausalLM"])]).Single().Status.ShouldBe(EngineSupportStatus.NotListed);
        EngineSupport.For(model, [Engine(complete: false, classes: ["MistralForCausalLM"])]).Single().Status.ShouldBe(EngineSupportStatus.NotChecked);
    }

    [Fact]
    public void A_model_without_the_key_an_engine_matches_on_is_not_checked_even_against_a_complete_list()
    {
        EngineSupport.For(WithArchitecture(null, null), [Engine(complete: true, classes: ["LlamaForCausalLM"])]).Single().Status.ShouldBe(EngineSupportStatus.NotChecked);

        // An engine keyed on model_type says nothing about a model whose model_type is unknown, whatever its class.
        EngineSupport.For(WithArchitecture("LlamaForCausalLM", null), [Engine(complete: true, types: ["llama"])]).Single().Status.ShouldBe(EngineSupportStatus.NotChecked);
        var byType = EngineSupport.For(WithArchitecture("LlamaForCausalLM", "llama"), [Engine(complete: true, types: ["llama"])]).Single();
        byType.Status.ShouldBe(EngineSupportStatus.Listed);
        byType.MatchedOn.ShouldBe("model_type llama");
    }

    [Fact]
    public void Only_the_formats_the_model_is_published_in_are_reported()
    {
        var model = WithArchitecture(
            "LlamaForCausalLM",
            null,
            new CheckpointData { Precision = Precision.Int4, Format = "gguf-q4_k_m", Size = 4.9, Unit = "GB", Src = "card" },
            new CheckpointData { Precision = Precision.Fp8, Size = 8.5, Unit = "GB", Src = "card" });
        var engine = Engine(true, ["LlamaForCausalLM"], null, Format(WeightFormat.Gguf, true), Format(WeightFormat.Fp8, false), Format(WeightFormat.Awq, true));

        var formats = EngineSupport.For(model, [engine]).Single().Formats;
        formats.Select(f => (f.Format, f.Supported)).ShouldBe([(WeightFormat.Gguf, true), (WeightFormat.Fp8, false)]);
    }

    [Theory]
    [InlineData("gguf-q4_k_m", WeightFormat.Gguf)]
    [InlineData("gguf-q8_0", WeightFormat.Gguf)]
    [InlineData("awq", WeightFormat.Awq)]
    [InlineData("nvfp4", WeightFormat.Nvfp4)]
    [InlineData("gguf-", null)]
    [InlineData("gguf-Q4_K_M", null)]
    [InlineData("exl2", null)]
    public void Checkpoint_formats_read_one_way(string text, WeightFormat? expected)
        => WeightFormats.Parse(text).ShouldBe(expected);

    [Fact]
    public void The_catalog_joins_its_own_models_to_the_engines_lists()
    {
        // vLLM's supported_models.md lists DeepseekV3ForCausalLM; the catalog's DeepSeek-V3 file names that class.
        var deepseek = Model("deepseek-v3");
        deepseek.Architecture.HfArchitecture.ShouldBe("DeepseekV3ForCausalLM");
        var vllm = Reports.Specs.Catalog.Catalog.Compiled.EngineSupportFor(deepseek).Single(s => s.Engine.Id.Value == "vllm");
        vllm.Status.ShouldBe(EngineSupportStatus.Listed);
        Reports.Specs.Catalog.Catalog.Compiled.Engines.Select(e => e.Id.Value).ShouldBe(["llamacpp", "mlx", "sglang", "trtllm", "vllm"]);
    }
}
