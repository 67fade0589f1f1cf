using Reports.Site.Posts;
using Reports.Site.Rendering;
using Reports.Specs.Content;

namespace Reports.Site.Pages;

/// <summary>
/// The model page (templates/pages/model.html), section by section in page order: overview and brief, API prices,
/// related models, architecture, memory, the fit matrix, recommended setups with their launch commands, break-even,
/// latency targets, the what-if panel, deployment, monthly and per-request cost, performance, published measurements, GPU memory, precision
/// impact, benchmarks, engines, checkpoints, FAQ, similar models and sources.
/// </summary>
public sealed record ModelPageModel(
    ModelData Model,
    IReadOnlyList<Post> Posts,
    string KindLabel,
    string AttentionLabel,
    string Brief,
    IReadOnlyList<PriceRow> Prices,
    string StaleBefore,
    IReadOnlyList<ModelLink> Related,
    IReadOnlyList<ModelLink> Similar,
    MemorySection Memory,
    FitMatrixSection Fit,
    IReadOnlyList<RecommendationRow> Recommendations,
    IReadOnlyList<ConfigBlock> Configs,
    BreakEvenView? BreakEven,
    TargetsView Targets,
    WhatIfStart WhatIf,
    int RecommendationCount,
    string MonthlyVolume,
    DeploymentSection Deployment,
    IReadOnlyList<ApiMonthlyRow> Monthly,
    SelfHostedMonthly? MonthlySelfHosted,
    string MonthlyTokens,
    string MonthlyInputShare,
    IReadOnlyList<RequestMixData> Mixes,
    RequestMixData PrimaryMix,
    IReadOnlyList<PerThousandRow> PerThousand,
    Html? PerformanceChart,
    MeasuredView? Measured,
    VramSection? Vram,
    PrecisionImpactSection PrecisionImpact,
    IReadOnlyList<ScoreRow> Scores,
    Html Composite,
    bool HasComposite,
    IReadOnlyList<EngineRow> Engines,
    bool HasQuantizedFiles,
    IReadOnlyList<CheckpointRow> Checkpoints,
    IReadOnlyList<FaqItem> Faq,
    Html FaqJsonld,
    SourcesSection Sources,
    IReadOnlyList<string> ContextLengths) : IPageData
{
    /// <summary>The frontier points the own-target form fetches: <see cref="TargetsSection.DataFileName"/> beside the page.</summary>
    [Scriban.Runtime.ScriptMemberIgnore]
    public string DataText => Targets.PointsJson;
}

/// <summary>One API price: the provider, the dated price and its source, whether it is the cheapest current one, stale, or the vendor's own.</summary>
public sealed record PriceRow(ProviderData Provider, PriceData Price, string Url, bool Cheapest, bool Stale, bool FirstParty, string Blended);

/// <summary>Another model, the rule that links it, and the slug of the comparison page when one is published.</summary>
public sealed record ModelLink(ModelData Model, string Rule, string? Compare);

/// <summary>Weights per precision, KV cache per token and at several contexts, and the workspace each GPU keeps.</summary>
public sealed record MemorySection(IReadOnlyList<PrecisionValue> Weights, Html Kv16, Html Kv8, IReadOnlyList<string> KvNotes, IReadOnlyList<KvAtContextRow> KvContexts, string Workspace);

/// <summary>A figure at one precision ("FP8": 70 GB).</summary>
public sealed record PrecisionValue(string Precision, Html Value);

/// <summary>KV cache of one sequence at a context length, at 16 bits and at FP8.</summary>
public sealed record KvAtContextRow(string Context, Html Kv16, Html Kv8);

/// <summary>Which accelerators hold the model at which precision and count, grouped by generation.</summary>
public sealed record FitMatrixSection(string Context, int Concurrency, string Usable, IReadOnlyList<int> Counts, bool MultiNode, IReadOnlyList<string> Precisions, IReadOnlyList<FitGeneration> Groups);

/// <summary>The accelerators of one generation in the fit matrix.</summary>
public sealed record FitGeneration(string Generation, IReadOnlyList<FitGpuRow> Gpus);

/// <summary>One accelerator's row of the fit matrix: a cell per precision and count.</summary>
public sealed record FitGpuRow(GpuData Gpu, IReadOnlyList<FitCell> Cells);

/// <summary>One cell of the fit matrix: its grade, the CSS class for it, and what the grade means for this setup.</summary>
public sealed record FitCell(string Grade, string Css, string Title);

/// <summary>One recommended setup: its score and what it is made of, fit, speeds and costs.</summary>
public sealed record RecommendationRow(string Setup, GpuData Gpu, string Score, string Parts, string Fit, Html Decode, Html Itl, Html Ttft, Html Throughput, Html CostMonth, Html CostM);

/// <summary>Where the what-if panel starts: the grid's URL and the best recommended setup.</summary>
public sealed record WhatIfStart(string Grid, string Gpu, int Count, string Precision);

/// <summary>Three ways to run the model: an API, the smallest single GPU that holds it, and the best multi-GPU setup.</summary>
public sealed record DeploymentSection(string Api, string Single, string Multi, GpuData? MultiGpu, GpuData? SingleGpu);

/// <summary>A provider's cost for the site's monthly volume.</summary>
public sealed record ApiMonthlyRow(ProviderData Provider, Html Cost);

/// <summary>The best setup's cost for the same monthly volume.</summary>
public sealed record SelfHostedMonthly(string Setup, Html Cost);

/// <summary>A provider's cost per thousand requests of each request mix.</summary>
public sealed record PerThousandRow(ProviderData Provider, IReadOnlyList<Html> Costs);

/// <summary>Where the best setup's GPU memory goes: a stacked bar and its segments.</summary>
public sealed record VramSection(string Setup, string Total, Html Chart, IReadOnlyList<Charts.ChartItem> Segments, Html Weights);

/// <summary>Weights, minimum count of the reference GPU and decode speed at each precision.</summary>
public sealed record PrecisionImpactSection(GpuData? Gpu, IReadOnlyList<PrecisionImpactRow> Rows);

/// <summary>One precision in the precision-impact table; <see cref="Shipped"/> when the vendor publishes weights at it.</summary>
public sealed record PrecisionImpactRow(string Precision, string Bits, Html Weights, string MinGpus, Html Decode, bool Shipped);

/// <summary>One published benchmark score with its percentile and rank among models scored the same way.</summary>
public sealed record ScoreRow(BenchmarkData Benchmark, ScoreData Score, string Percentile, string Rank, string Url);

/// <summary>One engine: whether its own list names the model's config class, and which published formats it loads.</summary>
public sealed record EngineRow(string Name, string Url, string Status, bool Listed, string? MatchedOn, string? Version, string ListUrl, IReadOnlyList<EngineFormatRow> Formats);

/// <summary>One weight format an engine loads, or does not.</summary>
public sealed record EngineFormatRow(string Name, bool Supported, string? Note, string Url);

/// <summary>A published checkpoint: precision, format, repository, size, and whether the estimates use its size.</summary>
public sealed record CheckpointRow(string Precision, string? Format, string? Repo, string Size, string? Stated, bool InEstimates, string? Note, string Url);

/// <summary>The model's own sources, then the prices' and scores' sources.</summary>
public sealed record SourcesSection(IReadOnlyList<SourceLink> Own, IReadOnlyList<SourceEntry> Extra);

/// <summary>A source the page cites: what it is for and where.</summary>
public sealed record SourceEntry(string Label, string Url);
