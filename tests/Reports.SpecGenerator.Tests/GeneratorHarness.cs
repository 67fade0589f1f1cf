using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Reports.SpecGenerator;
using Reports.Specs.Content;

namespace Reports.SpecGenerator.Tests;

/// <summary>Runs the catalog generator over in-memory YAML files, as the compiler would.</summary>
internal static class GeneratorHarness
{
    public const string Root = "/content";

    public static CSharpCompilation Compilation(params SyntaxTree[] trees)
        => CSharpCompilation.Create(
            "Fixture",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, string? today = Today)
        => CSharpGeneratorDriver.Create(
            new[] { new CatalogGenerator().AsSourceGenerator() },
            files,
            parseOptions: null,
            optionsProvider: new Options(Root, today),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(params (string Path, string Text)[] files)
        => RunOn(Today, files);

    /// <summary>Runs the generator with the build's ReportsToday set to <paramref name="today"/>, or absent when null.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) RunOn(string? today, params (string Path, string Text)[] files)
    {
        var driver = Driver(files.Select(f => (AdditionalText)new YamlText(f.Path, f.Text)), today);
        driver = driver.RunGeneratorsAndUpdateCompilation(Compilation(), out var output, out var diagnostics);
        return (driver.GetRunResult(), output, diagnostics);
    }

    private static readonly MetadataReference[] References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ModelData).Assembly.Location))
            .ToArray();

    public sealed class YamlText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(string root, string? today) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(root, today);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(null);
    }

    /// <summary>The day the harness's builds check staleness against: fixed, so a test's outcome never depends on when it runs.</summary>
    public const string Today = "2026-12-06";

    private sealed class Values(string? root, string? today = Today) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            (value, var found) = key switch
            {
                CatalogGenerator.ContentRootProperty when root is not null => (root, true),
                CatalogGenerator.TodayProperty when root is not null && today is not null => (today, true),
                _ => ("", false),
            };
            return found;
        }
    }
}

/// <summary>A small valid content tree, for generator tests to start from and break one thing at a time.</summary>
internal static class Fixture
{
    public const string Site = """
        title: Fixture
        description: A fixture site.
        base_url: https://example.org/
        stale_after_days: 100000
        assumptions:
          - { id: usable_memory_fraction, value: 0.9, unit: u, label: L, why: W. }
          - { id: workspace_gb_per_gpu, value: 2, unit: u, label: L, why: W. }
          - { id: fit_context_tokens, value: 8192, unit: u, label: L, why: W. }
          - { id: fit_concurrency, value: 1, unit: u, label: L, why: W. }
          - { id: utilization, value: 0.7, unit: u, label: L, why: W. }
          - { id: hours_per_month, value: 730, unit: u, label: L, why: W. }
          - { id: monthly_tokens, value: 100000000, unit: u, label: L, why: W. }
          - { id: monthly_input_share, value: 0.75, unit: u, label: L, why: W. }
          - { id: int4_group_size, value: 128, unit: u, label: L, why: W. }
          - { id: speculative_acceptance_rate, value: 0.85, unit: u, label: L, why: W. }
          - { id: min_step_ms, value: 1, unit: ms, label: L, why: W. }
          - { id: unified_usable_memory_fraction, value: 0.75, unit: u, label: L, why: W. }
          - { id: gate_min_itl_ms, value: 1, unit: u, label: L, why: W. }
          - { id: gate_min_ttft_ms, value: 10, unit: u, label: L, why: W. }
          - { id: gate_max_heldout_median_error, value: 0.3, unit: u, label: L, why: W. }
          - { id: gate_max_heldout_bias, value: 0.2, unit: u, label: L, why: W. }
          - { id: recommend_weight_speed, value: 0.4, unit: u, label: L, why: W. }
          - { id: recommend_weight_cost, value: 0.4, unit: u, label: L, why: W. }
          - { id: recommend_weight_headroom, value: 0.2, unit: u, label: L, why: W. }
          - { id: rental_price_quantile, value: 0.5, unit: u, label: L, why: W. }
          - { id: claim_tolerance_sourced, value: 0.02, unit: u, label: L, why: W. }
          - { id: claim_tolerance_derived, value: 0.03, unit: u, label: L, why: W. }
          - { id: claim_tolerance_estimated, value: 0.25, unit: u, label: L, why: W. }
          - { id: claim_tolerance_approximate, value: 0.15, unit: u, label: L, why: W. }
        """;

    public const string Model = """
        id: tiny-model
        name: Tiny Model
        vendor: Example
        family: tiny
        verified: 2026-11-01
        sources:
          card: https://example.org/card
        architecture:
          src: card
          kind: dense
          layers: 2
          hidden: 64
          intermediate: 256
          heads: 4
          kv_heads: 2
          head_dim: 16
          vocab: 1000
          tied_embeddings: false
          attention:
            kind: gqa
        context: { value: 4096, src: card }
        params:
          total: { value: 250000, src: card }
        checkpoints:
          - { precision: int4, format: gguf-q4_k_m, size: 0.2, unit: GB, src: card, repo: example/Tiny-Model-GGUF }
        repo: { value: example/Tiny-Model, src: card }
        """;

    public const string Gpu = """
        id: tiny-gpu
        name: Tiny GPU
        vendor: Example
        generation: Hopper
        segment: datacenter
        verified: 2026-11-01
        sources:
          sheet: https://example.org/sheet
        memory: { value: 80, unit: GB, src: sheet }
        bandwidth: { value: 3.35, unit: TB/s, src: sheet }
        """;

    public const string Provider = """
        id: tiny-cloud
        name: Tiny Cloud
        url: https://example.org/
        verified: 2026-11-01
        sources:
          pricing: https://example.org/pricing
        prices:
          - { model: tiny-model, input: 0.1, output: 0.2, date: 2026-10-01, src: pricing }
        """;

    public const string Engine = """
        id: tiny-engine
        name: Tiny Engine
        url: https://example.org/engine
        version: "1.0"
        verified: 2026-11-01
        complete: true
        sources:
          list: https://example.org/engine/models
        architectures: { value: [TinyForCausalLM], src: list }
        formats:
          - { format: gguf, supported: true, src: list }
        cli:
          program: tiny-serve
          version: "1.0"
          src: list
          flags:
            - { flag: --tensor-parallel-size, src: list }
        launch:
          - { setting: model, flag: positional }
          - { setting: tensor-parallel, flag: --tensor-parallel-size }
        """;

    public static (string Path, string Text)[] Files(params (string Path, string Text)[] replacements)
    {
        var files = new Dictionary<string, string>
        {
            ["/content/site.yaml"] = Site,
            ["/content/data/models/tiny-model.yaml"] = Model,
            ["/content/data/gpus/tiny-gpu.yaml"] = Gpu,
            ["/content/data/providers/tiny-cloud.yaml"] = Provider,
            ["/content/data/engines/tiny-engine.yaml"] = Engine,
        };
        foreach (var (path, text) in replacements)
        {
            files[path] = text;
        }

        return files.Select(p => (p.Key, p.Value)).ToArray();
    }
}
