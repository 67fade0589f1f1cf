using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Reports.SpecGenerator.Tests;

/// <summary>The second run must reuse what did not change: the point of an incremental generator.</summary>
public sealed class CachingTests
{
    [Fact]
    public void Adding_unrelated_csharp_leaves_every_output_cached()
    {
        var files = Fixture.Files().Select(f => (AdditionalText)new GeneratorHarness.YamlText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver(files).RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }")));

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        AllOutputs(steps[CatalogGenerator.TrackingNames.LoadedFiles]).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
        AllOutputs(steps[CatalogGenerator.TrackingNames.Index]).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_one_file_reloads_only_that_file_and_keeps_the_index_when_ids_are_unchanged()
    {
        var files = Fixture.Files().Select(f => (AdditionalText)new GeneratorHarness.YamlText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.Compilation();
        var driver = GeneratorHarness.Driver(files).RunGenerators(compilation);

        var gpu = files.Single(f => f.Path.EndsWith("tiny-gpu.yaml", StringComparison.Ordinal));
        var edited = new GeneratorHarness.YamlText(gpu.Path, Fixture.Gpu.Replace("value: 80,", "value: 96,"));
        driver = driver.ReplaceAdditionalText(gpu, edited).RunGenerators(compilation);

        var steps = driver.GetRunResult().Results.Single().TrackedSteps;
        var loaded = AllOutputs(steps[CatalogGenerator.TrackingNames.LoadedFiles]);
        loaded.Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        loaded.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).ShouldBe(files.Length - 1);
        AllOutputs(steps[CatalogGenerator.TrackingNames.Index]).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    private static IncrementalStepRunReason[] AllOutputs(IEnumerable<IncrementalGeneratorRunStep> steps)
        => steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
