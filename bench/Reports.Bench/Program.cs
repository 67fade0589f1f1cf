using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
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

namespace Reports.Bench
{
    internal static class Paths
    {
        // BenchmarkDotNet runs each benchmark from a generated project elsewhere: find the repository
        // through the content root the catalog was compiled from.
        public static string Repo => Path.GetDirectoryName(Reports.Specs.CompiledCatalog.ContentRoot.TrimEnd('/'))!;
    }
}
