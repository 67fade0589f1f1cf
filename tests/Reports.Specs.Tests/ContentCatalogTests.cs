using System.Reflection;
using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;
using Reports.Specs.Loading;

namespace Reports.Specs.Tests;

/// <summary>The committed content/: compiled by the generator (this project would not build otherwise) and complete.</summary>
public sealed class ContentCatalogTests
{
    private static readonly CatalogData Compiled = CompiledCatalog.Data;

    public static string RepoRoot { get; } = typeof(ContentCatalogTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReportsRepoRoot").Value!;

    [Fact]
    public void Catalog_holds_the_required_models()
    {
        Compiled.Models.Count.ShouldBeGreaterThanOrEqualTo(24);
        new[]
        {
            "llama-2-70b", "llama-3-1-8b", "llama-3-1-70b", "llama-3-1-405b", "llama-3-3-70b", "llama-4-scout", "llama-4-maverick",
            "mistral-7b", "mixtral-8x7b", "mixtral-8x22b", "qwen2-5-72b", "qwen3-235b-a22b", "deepseek-v3", "gemma-2-27b",
            "gemma-3-27b", "gpt-oss-20b", "gpt-oss-120b",
        }.ShouldBeSubsetOf(Compiled.Models.Select(m => m.Id.Value));
    }

    [Fact]
    public void Catalog_covers_every_architecture_kind_the_estimators_handle()
    {
        var models = Compiled.Models;
        models.ShouldContain(m => m.Architecture.Kind == ModelKind.Dense && m.Architecture.Attention.Kind == AttentionKind.Gqa);
        models.ShouldContain(m => m.Architecture.Attention.Kind == AttentionKind.Mha);
        models.ShouldContain(m => m.Architecture.Attention.Kind == AttentionKind.Mla);
        models.ShouldContain(m => m.Architecture.Moe != null && m.Architecture.Moe.SharedExperts > 0);
        models.ShouldContain(m => m.Architecture.Moe != null && m.Architecture.Moe.SharedExperts == 0);
        models.ShouldContain(m => m.Architecture.Moe != null && m.Architecture.Moe.InterleaveStep > 1);
        models.ShouldContain(m => m.Architecture.Attention.LocalLayers > 0 && m.Architecture.Attention.LocalKind == LocalAttentionKind.Sliding);
        models.ShouldContain(m => m.Architecture.Attention.LocalLayers > 0 && m.Architecture.Attention.LocalKind == LocalAttentionKind.Chunked);
    }

    [Fact]
    public void Catalog_holds_the_required_gpus_across_generations()
    {
        Compiled.Gpus.Count.ShouldBeGreaterThanOrEqualTo(24);
        new[] { "h100-sxm", "h200-sxm", "b200", "a100-80gb-sxm", "l40s", "rtx-4090", "mi300x" }.ShouldBeSubsetOf(Compiled.Gpus.Select(g => g.Id.Value));
        var generations = Compiled.Gpus.Select(g => g.Generation).ToHashSet();
        new[] { "Blackwell", "Hopper", "Ada Lovelace", "Ampere", "CDNA 3" }.ShouldBeSubsetOf(generations);
        Compiled.Gpus.ShouldContain(g => g.Vendor == "Apple" && g.Segment == GpuSegment.Unified);
    }

    [Fact]
    public void Providers_have_dated_prices_for_catalog_models()
    {
        Compiled.Providers.Count.ShouldBeGreaterThanOrEqualTo(4);
        Compiled.Providers.ShouldAllBe(p => p.Prices.Count > 0);
        Compiled.Benchmarks.SelectMany(b => b.Scores).Count().ShouldBeGreaterThan(20);
        Compiled.Measurements.Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void Loading_content_at_run_time_gives_the_same_catalog_as_the_compiled_one()
    {
        var loaded = ContentDirectory.LoadDirectory(Path.Combine(RepoRoot, "content"), new ContentDate(DateTime.UtcNow.Year, DateTime.UtcNow.Month, DateTime.UtcNow.Day));

        loaded.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        loaded.Catalog.ShouldNotBeNull();
        loaded.Catalog.ShouldBe(Compiled);
    }

    public static TheoryData<string> ModelIds => new(CompiledCatalog.Data.Models.Select(m => m.Id.Value));

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Parameters_computed_from_the_config_are_within_1_5_percent_of_the_sourced_figures(string id)
    {
        var model = Compiled.Models.Single(m => m.Id.Value == id);
        if (model.Params.Exception is not null)
        {
            return;
        }

        var computed = ParameterCount.Compute(model.Architecture, model.Params.ActiveExcludesEmbedding);
        var encoders = model.Params.IncludesEncoders ? MemoryEstimator.EncoderParameters(model) : 0;
        RelativeError(computed.Total + encoders, model.Params.Total.Value).ShouldBeLessThan(0.015, $"total: computed {computed.Total:N0}, sourced {model.Params.Total.Value:N0}");
        if (model.Params.Active is { } active)
        {
            RelativeError(computed.Active, active.Value).ShouldBeLessThan(0.015, $"active: computed {computed.Active:N0}, sourced {active.Value:N0}");
        }
    }

    private static double RelativeError(double computed, double sourced) => Math.Abs(computed - sourced) / sourced;
}
