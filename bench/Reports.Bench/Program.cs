extern alias generator;

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Site.Rendering;
using Reports.Specs;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

BenchmarkSwitcher.FromAssembly(typeof(EstimatorBenchmarks).Assembly).Run(args);

/// <summary>The estimators one model page calls many times, on the real catalog.</summary>
[MemoryDiagnoser]
public class EstimatorBenchmarks
{
    private readonly Assumptions _assumptions = Assumptions.From(CompiledCatalog.Data.Site);
    private readonly ModelData _model = Catalog.Compiled.Model(ModelIds.Llama_3_1_405b);
    private readonly ModelData _moe = Catalog.Compiled.Model(ModelIds.Deepseek_v3);
    private readonly GpuData _gpu = Catalog.Compiled.Gpu(GpuIds.H100_sxm);

    [Benchmark]
    public double KvAtContextWithProvenance() => MemoryEstimator.KvAtContext(_model, 131_072).Value;

    [Benchmark]
    public double FitBytes() => FitEstimator.Bytes(new Setup(_model, _gpu, 8, Precision.Fp8, 8192, 1), _assumptions).Needed;

    [Benchmark]
    public bool FitWithProvenance() => FitEstimator.Fit(new Setup(_model, _gpu, 8, Precision.Fp8, 8192, 1), _assumptions).Fits;

    [Benchmark]
    public double SpeedWithProvenance() => SpeedEstimator.Estimate(new Setup(_moe, _gpu, 8, Precision.Fp8, 4096, 4), SpeedMode.Latency, 3000, 1000, _assumptions).ThroughputTokensPerSecond.Value;

    [Benchmark]
    public int RankRecommendations() => Recommender.Rank(_model, Catalog.Compiled.Gpus, _assumptions).Count;
}

/// <summary>Deriving and rendering one model page (its values, then the template and the layout).</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly TemplateSet _templates = new(Path.Combine(Reports.Bench.Paths.Repo, "templates"));
    private readonly ModelData _model = Catalog.Compiled.Model(ModelIds.Llama_3_1_70b);

    [Benchmark]
    public int DeriveAndRenderModelPage()
    {
        var site = new SiteModel(Catalog.Compiled);
        var page = ModelPage.Build(site, _model, []);
        var values = new Dictionary<string, object?>(page.Model)
        {
            ["site"] = Catalog.Compiled.Site,
            ["page_title"] = page.Title,
            ["page_description"] = page.Description,
            ["page_url"] = page.UrlPath,
            ["canonical_url"] = "https://example.org" + page.UrlPath,
            ["root"] = "../../",
        };
        var body = _templates.Render(page.Template, values, CancellationToken.None);
        values["content"] = new Html(body);
        return _templates.Render("layouts/base.html", values, CancellationToken.None).Length;
    }
}

/// <summary>
/// The catalog generator on the 1,000-file synthetic content (bench/work/gen1000, written by
/// `bench/run --micro`), in-process and warm: what a build costs the generator once the compiler
/// server has it loaded. `bench/run --micro` also reports the cold figure from a real compile.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private (string Path, string Text)[] _files = [];
    private string _content = "";
    private Microsoft.CodeAnalysis.GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _content = Path.Combine(Reports.Bench.Paths.Repo, "bench", "work", "gen1000", "content");
        _files = Directory.EnumerateFiles(_content, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToArray();
        _warm = Reports.Bench.GeneratorRunner.Driver(_content, _files).RunGenerators(Reports.Bench.GeneratorRunner.Compilation);
    }

    /// <summary>Every file parsed, validated and emitted: a clean build's generator work.</summary>
    [Benchmark]
    public int AllFilesFromScratch()
        => Reports.Bench.GeneratorRunner.Driver(_content, _files).RunGenerators(Reports.Bench.GeneratorRunner.Compilation).GetRunResult().GeneratedTrees.Length;

    /// <summary>One file edited after a run: only that file's step and the index run again.</summary>
    [Benchmark]
    public int OneFileEdited()
    {
        var (path, text) = _files[_files.Length / 2];
        var edited = _warm.ReplaceAdditionalText(Reports.Bench.GeneratorRunner.Find(_files, path), new Reports.Bench.GeneratorRunner.Text(path, text + "# edited\n"));
        return edited.RunGenerators(Reports.Bench.GeneratorRunner.Compilation).GetRunResult().GeneratedTrees.Length;
    }
}

namespace Reports.Bench
{
    internal static class GeneratorRunner
    {
        private static readonly Dictionary<string, Text> Texts = new(StringComparer.Ordinal);

        public static Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compilation { get; } = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Bench");

        public static Microsoft.CodeAnalysis.GeneratorDriver Driver(string contentRoot, (string Path, string Text)[] files)
            => Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
                [Microsoft.CodeAnalysis.GeneratorExtensions.AsSourceGenerator(new generator::Reports.SpecGenerator.CatalogGenerator())],
                files.Select(f => (Microsoft.CodeAnalysis.AdditionalText)Find(files, f.Path)),
                parseOptions: null,
                optionsProvider: new Options(contentRoot));

        public static Text Find((string Path, string Text)[] files, string path)
        {
            lock (Texts)
            {
                if (!Texts.TryGetValue(path, out var text))
                {
                    Texts[path] = text = new Text(path, files.First(f => f.Path == path).Text);
                }

                return text;
            }
        }

        public sealed class Text(string path, string text) : Microsoft.CodeAnalysis.AdditionalText
        {
            public override string Path { get; } = path;

            public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => Microsoft.CodeAnalysis.Text.SourceText.From(text);
        }

        private sealed class Options(string root) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
        {
            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Values(root);

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.SyntaxTree tree) => new Values(null);

            public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.AdditionalText textFile) => new Values(null);
        }

        private sealed class Values(string? root) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key == generator::Reports.SpecGenerator.CatalogGenerator.ContentRootProperty ? root : null;
                return value is not null;
            }
        }
    }

    internal static class Paths
    {
        // BenchmarkDotNet runs each benchmark from a generated project elsewhere: find the repository
        // through the content root the catalog was compiled from.
        public static string Repo => Path.GetDirectoryName(Reports.Specs.CompiledCatalog.ContentRoot.TrimEnd('/'))!;
    }
}
