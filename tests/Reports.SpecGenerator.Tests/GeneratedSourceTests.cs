using Microsoft.CodeAnalysis;

namespace Reports.SpecGenerator.Tests;

public sealed class GeneratedSourceTests
{
    [Fact]
    public void Valid_fixture_generates_one_source_per_file_and_an_index_that_compiles()
    {
        var (result, output, diagnostics) = GeneratorHarness.Run(Fixture.Files());

        result.Diagnostics.ShouldBeEmpty();
        diagnostics.ShouldBeEmpty();
        result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).Order(StringComparer.Ordinal).ShouldBe(new[]
        {
            "Catalog.Engine.tiny_engine.g.cs",
            "Catalog.Gpu.tiny_gpu.g.cs",
            "Catalog.Index.g.cs",
            "Catalog.Model.tiny_model.g.cs",
            "Catalog.Provider.tiny_cloud.g.cs",
            "Catalog.Site.site.g.cs",
        });
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void Generated_model_source_carries_every_written_fact()
    {
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files());
        var model = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Catalog.Model.tiny_model.g.cs", StringComparison.Ordinal)).ToString();

        model.ShouldContain("Id = new global::Reports.Specs.Content.ModelId(\"tiny-model\")");
        model.ShouldContain("KvHeads = 2,");
        model.ShouldContain("Kind = global::Reports.Specs.Content.AttentionKind.Gqa");
        model.ShouldContain("new global::Reports.Specs.Content.SourceLink(\"card\", \"https://example.org/card\")");
        model.ShouldContain("Value = 250000d");
        // Defaults are left out to keep the generated code small.
        model.ShouldNotContain("QkNorm");
    }

    [Fact]
    public void Index_lists_typed_ids_for_each_kind()
    {
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files());
        var index = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Catalog.Index.g.cs", StringComparison.Ordinal)).ToString();

        index.ShouldContain("public static readonly global::Reports.Specs.Content.ModelId Tiny_model = new(\"tiny-model\");");
        index.ShouldContain("public static readonly global::Reports.Specs.Content.GpuId Tiny_gpu = new(\"tiny-gpu\");");
        index.ShouldContain("Model_tiny_model(),");
        index.ShouldContain("public const string ContentRoot = \"/content\";");
    }

    [Fact]
    public void Files_outside_the_content_root_are_ignored()
    {
        var (result, _, _) = GeneratorHarness.Run(Fixture.Files(("/elsewhere/data/models/x.yaml", "not: [valid")));

        result.Diagnostics.ShouldBeEmpty();
        result.GeneratedTrees.Length.ShouldBe(6);
    }
}
