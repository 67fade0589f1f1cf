using Microsoft.CodeAnalysis;

namespace Reports.SpecGenerator.Tests;

/// <summary>Each diagnostic the content can raise, at the exact line and column of the problem.</summary>
public sealed class DiagnosticTests
{
    private const string ModelPath = "/content/data/models/tiny-model.yaml";
    private const string ProviderPath = "/content/data/providers/tiny-cloud.yaml";
    private const string EnginePath = "/content/data/engines/tiny-engine.yaml";

    public static TheoryData<string, string, string, string, string, int, int, string> Cases => new()
    {
        // case name, file, text to find, replacement, expected id, line, column, words the message must contain
        { "yaml syntax", ModelPath, "heads: 4\n", "heads: [4\n", "RPT0001", 14, 10, "a '[' or '{' opened here is never closed" },
        { "unknown key", ModelPath, "  heads: 4\n", "  heads: 4\n  qk_nrom: true\n", "RPT0002", 15, 3, "unknown key 'qk_nrom' in 'architecture'. Did you mean 'qk_norm'?" },
        { "missing field", ModelPath, "  vocab: 1000\n", "", "RPT0003", 9, 3, "missing required key 'vocab' in 'architecture'" },
        { "wrong type", ModelPath, "layers: 2", "layers: two", "RPT0004", 11, 11, "'architecture.layers' must be a whole number, found 'two'" },
        { "assumption out of range", "/content/site.yaml", "usable_memory_fraction, value: 0.9", "usable_memory_fraction, value: 0", "RPT0005", 6, 42, "assumption 'usable_memory_fraction' is a share of a whole of GPU memory: it must be greater than 0 and at most 1, found 0." },
        { "assumption missing", "/content/site.yaml", "  - { id: int4_group_size, value: 128, unit: u, label: L, why: W. }\n", "", "RPT0014", 6, 3, "site.yaml must set the assumption int4_group_size" },
        { "count beyond any model", ModelPath, "layers: 2", "layers: 2147483647", "RPT0005", 11, 11, "'architecture.layers' must be at most 100,000,000 in size" },
        { "negative size", ModelPath, "hidden: 64", "hidden: -64", "RPT0005", 12, 11, "'architecture.hidden' must be at least 1, found -64" },
        { "kv heads do not divide heads", ModelPath, "kv_heads: 2", "kv_heads: 3", "RPT0006", 15, 13, "kv_heads (3) must divide heads (4)" },
        { "id does not match file", ModelPath, "id: tiny-model", "id: tiny-modle", "RPT0008", 1, 5, "does not match the file name 'tiny-model.yaml'" },
        { "id is not a slug", ModelPath, "id: tiny-model", "id: Tiny_Model", "RPT0009", 1, 5, "is not a valid id" },
        { "price for unknown model", ProviderPath, "model: tiny-model", "model: tiny-modal", "RPT0010", 8, 14, "unknown model 'tiny-modal'" },
        { "src names no source", ModelPath, "value: 4096, src: card", "value: 4096, src: cards", "RPT0011", 21, 30, "source 'cards' is not a key of this file's 'sources' map" },
        { "fact without source", ModelPath, "context: { value: 4096, src: card }", "context: { value: 4096 }", "RPT0011", 21, 10, "'context' has no 'src'" },
        { "missing verified date (regression: crashed the staleness check)", ModelPath, "verified: 2026-11-01\n", "", "RPT0003", 1, 1, "missing required key 'verified' in the file" },
        { "checkpoint format nobody loads", ModelPath, "format: gguf-q4_k_m", "format: gguf-Q4_K_M", "RPT0005", 25, 32, "checkpoint format 'gguf-Q4_K_M'; expected gguf-<type>" },
        { "engine matching on nothing", EnginePath, "architectures: { value: [TinyForCausalLM], src: list }\n", "", "RPT0003", 1, 1, "an engine needs 'architectures' (config.json class names) or 'model_types'" },
        { "engine format listed twice", EnginePath, "  - { format: gguf, supported: true, src: list }", "  - { format: gguf, supported: true, src: list }\n  - { format: gguf, supported: false, src: list }", "RPT0007", 12, 15, "format 'gguf' is listed twice" },
        { "launch flag the engine does not document", EnginePath, "setting: tensor-parallel, flag: --tensor-parallel-size", "setting: tensor-parallel, flag: --tensor-paralel-size", "RPT0010", 20, 39, "'--tensor-paralel-size' is not among the flags Tiny Engine 1.0 documents (cli.flags). Did you mean '--tensor-parallel-size'?" },
        { "launch setting given twice", EnginePath, "  - { setting: model, flag: positional }\n", "  - { setting: model, flag: positional }\n  - { setting: model, flag: --tensor-parallel-size }\n", "RPT0007", 20, 16, "setting 'model' is given a flag twice" },
        { "fixed launch value missing", EnginePath, "setting: tensor-parallel, flag", "setting: kv-cache-dtype, flag", "RPT0003", 20, 16, "setting 'kv-cache-dtype' needs a 'value'" },
        { "program a shell would read", EnginePath, "program: tiny-serve", "program: tiny-serve; rm -rf", "RPT0005", 13, 12, "is not a program a reader can type" },
        { "repository a shell would read", ModelPath, "repo: { value: example/Tiny-Model, src: card }", "repo: { value: \"example/Tiny Model; rm\", src: card }", "RPT0005", 26, 16, "is not a Hugging Face repository" },
        { "price without date", ProviderPath, "date: 2026-10-01, ", "", "RPT0012", 8, 5, "has no 'date'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_problem_at_its_location(string name, string path, string find, string replace, string id, int line, int column, string words)
    {
        var original = Fixture.Files().Single(f => f.Path == path).Text;
        original.ShouldContain(find, customMessage: name);
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files((path, original.Replace(find, replace))));

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem(name);
        diagnostic.Id.ShouldBe(id);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        var span = diagnostic.Location.GetLineSpan();
        span.Path.ShouldBe(path);
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe((line, column), name);
        diagnostic.GetMessage().ShouldContain(words);
    }

    [Fact]
    public void Broken_file_emits_no_source_but_the_rest_of_the_catalog_still_generates()
    {
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files((ModelPath, Fixture.Model.Replace("layers: 2", "layers: two"))));

        result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).ShouldNotContain("Catalog.Model.tiny_model.g.cs");
        result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).ShouldContain("Catalog.Gpu.tiny_gpu.g.cs");
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_only_the_first()
    {
        var text = Fixture.Model.Replace("layers: 2", "layers: two").Replace("kv_heads: 2", "kv_head: 2").Replace("vendor: Example\n", "");
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files((ModelPath, text)));

        result.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).ShouldBe(new[] { "RPT0002", "RPT0003", "RPT0003", "RPT0004" });
    }

    [Fact]
    public void Duplicate_id_in_another_file_is_reported_at_the_second_file()
    {
        var copy = ("/content/data/models/tiny-model-copy.yaml", Fixture.Model);
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files(copy));

        var duplicate = result.Diagnostics.Single(d => d.Id == "RPT0007");
        duplicate.Location.GetLineSpan().Path.ShouldBe("/content/data/models/tiny-model.yaml");
        duplicate.GetMessage().ShouldContain("already used by /content/data/models/tiny-model-copy.yaml");
        result.Diagnostics.Single(d => d.Id == "RPT0008").Location.GetLineSpan().Path.ShouldBe("/content/data/models/tiny-model-copy.yaml");
    }

    [Fact]
    public void Stale_verified_date_is_a_warning_at_the_date()
    {
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files(("/content/site.yaml", Fixture.Site.Replace("stale_after_days: 100000", "stale_after_days: 1"))));

        var stale = result.Diagnostics.Where(d => d.Id == "RPT0013").ToList();
        stale.Count.ShouldBe(4);
        stale.ShouldAllBe(d => d.Severity == DiagnosticSeverity.Warning);
        var model = stale.Single(d => d.Location.GetLineSpan().Path == ModelPath).Location.GetLineSpan();
        (model.StartLinePosition.Line + 1, model.StartLinePosition.Character + 1).ShouldBe((5, 11));
    }

    [Fact]
    public void Staleness_is_measured_against_the_builds_date_property_not_the_clock()
    {
        var files = Fixture.Files(("/content/site.yaml", Fixture.Site.Replace("stale_after_days: 100000", "stale_after_days: 1")));

        // Before any file was verified, every verified date is in the future: an error at its line.
        var (early, _, _) = GeneratorHarness.RunOn("2020-01-01", files);
        early.Diagnostics.ShouldContain(d => d.Id == "RPT0005" && d.GetMessage(null).Contains("is in the future"));
        early.Diagnostics.ShouldNotContain(d => d.Id == "RPT0013");

        // Without the property no date is checked at all, whatever the machine's clock says.
        var (undated, _, _) = GeneratorHarness.RunOn(null, files);
        undated.Diagnostics.ShouldNotContain(d => d.Id == "RPT0013" || d.GetMessage(null).Contains("is in the future"));
    }

    [Fact]
    public void A_content_file_spelled_yml_is_an_error_in_the_compiler_not_a_silent_omission()
    {
        var files = Fixture.Files().Append(("/content/data/gpus/other-gpu.yml", Fixture.Gpu.Replace("tiny-gpu", "other-gpu", StringComparison.Ordinal))).ToArray();
        var (result, _, _) = GeneratorHarness.Run(files);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RPT0015");
        diagnostic.Location.GetLineSpan().Path.ShouldBe("/content/data/gpus/other-gpu.yml");
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain("rename other-gpu.yml to other-gpu.yaml");
    }

    [Fact]
    public void A_measurement_that_sent_fewer_requests_than_its_concurrency_is_an_error_at_its_requests_line()
    {
        const string Path = "/content/data/measurements/tiny-run.yaml";
        var measurement = string.Join("\n", [
            "id: tiny-run", "model: tiny-model", "gpu: tiny-gpu", "count: 1", "precision: bf16", "scenario: latency",
            "input_tokens: 100", "output_tokens: 100", "concurrency: 8", "requests: 80", "verified: 2026-11-01",
            "source: https://example.org/run", "results:", "  itl_ms: 12.5", ""]);
        var (fine, _, _) = GeneratorHarness.Run(Fixture.Files().Append((Path, measurement)).ToArray());
        fine.Diagnostics.ShouldBeEmpty();

        var (result, _, _) = GeneratorHarness.Run(Fixture.Files().Append((Path, measurement.Replace("requests: 80", "requests: 4", StringComparison.Ordinal))).ToArray());

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RPT0005");
        diagnostic.Location.GetLineSpan().Path.ShouldBe(Path);
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(9);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain("requests (4) is fewer than concurrency (8)");
    }

    [Fact]
    public void Missing_site_yaml_is_an_error()
    {
        var files = Fixture.Files().Where(f => f.Path != "/content/site.yaml").ToArray();
        var (result, _, _) = GeneratorHarness.Run(files);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RPT0014");
        diagnostic.Location.GetLineSpan().Path.ShouldBe("/content/site.yaml");
    }

    [Fact]
    public void Moe_model_with_more_active_than_total_parameters_is_impossible()
    {
        var moe = Fixture.Model
            .Replace("kind: dense", "kind: moe")
            .Replace("  attention:\n", "  moe: { experts: 8, experts_per_token: 2, expert_intermediate: 128 }\n  attention:\n")
            .Replace("  total: { value: 250000, src: card }", "  total: { value: 250000, src: card }\n  active: { value: 300000, src: card }");
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files((ModelPath, moe)));

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RPT0005");
        diagnostic.GetMessage().ShouldContain("active parameters (3E+05) cannot exceed total parameters (2.5E+05)");
    }

    [Theory]
    [InlineData("{ value: 81559, unit: MiB, src: sheet }", null)]
    [InlineData("{ value: 85045477376, unit: B, src: sheet }", null)]
    [InlineData("{ value: 85045477376, unit: MiB, src: sheet }", "check the unit (B or MiB)")]
    [InlineData("{ value: 81559, unit: B, src: sheet }", "check the unit (B or MiB)")]
    public void Driver_reported_memory_far_from_the_marketed_figure_is_a_unit_slip(string deviceMemory, string? error)
    {
        const string GpuPath = "/content/data/gpus/tiny-gpu.yaml";
        var gpu = Fixture.Gpu.Replace("memory: { value: 80, unit: GB, src: sheet }", "memory: { value: 80, unit: GB, src: sheet }\ndevice_memory: " + deviceMemory, StringComparison.Ordinal);
        gpu.ShouldContain("device_memory");
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files((GpuPath, gpu)));

        if (error is null)
        {
            result.Diagnostics.ShouldBeEmpty();
        }
        else
        {
            var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
            diagnostic.Id.ShouldBe("RPT0005");
            diagnostic.Location.GetLineSpan().Path.ShouldBe(GpuPath);
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(error);
        }
    }

    [Theory]
    [InlineData("NVIDIA", "Ada Lovelace", false)]
    [InlineData("NVIDIA", "Ampere", false)]
    [InlineData("NVIDIA", "Ada", true)]
    [InlineData("NVIDIA", "Hopper (H100)", true)]
    [InlineData("Example", "Ada", false)]
    public void An_nvidia_generation_the_speed_model_does_not_know_is_an_error_at_its_line(string vendor, string generation, bool error)
    {
        const string GpuPath = "/content/data/gpus/tiny-gpu.yaml";
        var gpu = Fixture.Gpu.Replace("vendor: Example\ngeneration: Hopper", "vendor: " + vendor + "\ngeneration: \"" + generation + "\"", StringComparison.Ordinal);
        gpu.ShouldContain("generation: \"" + generation + "\"");
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files((GpuPath, gpu)));

        if (!error)
        {
            result.Diagnostics.ShouldBeEmpty();
            return;
        }

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RPT0005");
        diagnostic.Location.GetLineSpan().Path.ShouldBe(GpuPath);
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(3);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain("'" + generation + "' is not an NVIDIA generation: use one of Pascal, Volta, Turing, Ampere, Ada Lovelace, Hopper, Blackwell.");
    }

    [Theory]
    [InlineData("llamacpp", null)]
    [InlineData("vllm", "backend (vulkan) is given for llama.cpp runs only")]
    public void A_compute_backend_belongs_to_llama_cpp_runs_only(string engine, string? error)
    {
        const string Path = "/content/data/measurements/tiny-run.yaml";
        var measurement = string.Join("\n", [
            "id: tiny-run", "model: tiny-model", "gpu: tiny-gpu", "count: 1", "precision: bf16", "engine: " + engine, "backend: vulkan",
            "scenario: latency", "input_tokens: 512", "output_tokens: 128", "concurrency: 1", "verified: 2026-11-01",
            "source: https://example.org/run", "results:", "  decode_tokens_per_s: 12.5", ""]);
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files().Append((Path, measurement)).ToArray());

        if (error is null)
        {
            result.Diagnostics.ShouldBeEmpty();
            return;
        }

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("RPT0005");
        diagnostic.Location.GetLineSpan().Path.ShouldBe(Path);
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(6);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(error);
    }
}
