using Reports.Site.Posts;
using Reports.Specs.Content;

namespace Reports.Site.Pages;

// What the home page, the model and accelerator lists, the leaderboard, the FAQ, search, compare index and 404
// pages show (templates/pages/home.html, models.html, gpus.html, leaderboard.html, faq.html, search.html,
// compare-index.html, 404.html). The methodology page's model is in MethodologyPageModel.cs.

/// <summary>A page whose template needs nothing beyond the layout's values (search, not found).</summary>
public sealed record PlainPageModel;

/// <summary>One model in the model list: sortable cells as shown and as numbers.</summary>
public sealed record ModelListRow(ModelData Model, string Kind, string Total, string TotalSort, string Active, string ActiveSort, string MinFp8, string Cheapest);

/// <summary>One accelerator in the accelerator list.</summary>
public sealed record GpuListRow(GpuData Gpu, string Kind, string Memory, string MemorySort, string Bandwidth, string BandwidthSort, string Bf16, string Fp8, string Rental);

/// <summary>An entry of a picker: the id a form submits and the name a reader sees.</summary>
public sealed record PickOption(string Id, string Name);

/// <summary>The home page: the three pickers, the newest posts, the first page of the model list and every accelerator.</summary>
public sealed record HomePageModel(
    IReadOnlyList<ModelListRow> Models,
    bool MoreModels,
    IReadOnlyList<GpuListRow> Gpus,
    int ModelCount,
    int GpuCount,
    int CompareCount,
    GpuData? ReferenceGpu,
    IReadOnlyList<PickOption> PickModels,
    IReadOnlyList<PickOption> PickGpus,
    IReadOnlyList<Post> LatestPosts);

/// <summary>One page of the model list.</summary>
public sealed record ModelListPageModel(IReadOnlyList<ModelListRow> Models, GpuData? ReferenceGpu, string Context, PagerView? Pager);

/// <summary>The accelerator list.</summary>
public sealed record GpuListPageModel(IReadOnlyList<GpuListRow> Gpus);

/// <summary>One score on the leaderboard, linked to its source; empty where the model has none.</summary>
public sealed record LeaderboardCell(string Text, string Sort, string Url, string Setting);

/// <summary>One model on the leaderboard: its composite, how many benchmarks it has a score on, and a cell per benchmark.</summary>
public sealed record LeaderboardRow(ModelData Model, string Composite, int Count, IReadOnlyList<LeaderboardCell> Cells);

/// <summary>One page of the leaderboard.</summary>
public sealed record LeaderboardPageModel(IReadOnlyList<BenchmarkData> Benchmarks, PagerView? Pager, IReadOnlyList<LeaderboardRow> Rows);

/// <summary>A model's questions on the FAQ page.</summary>
public sealed record FaqGroup(ModelData Model, IReadOnlyList<FaqItem> Items);

/// <summary>One page of the FAQ: the general questions on the first, then each model's.</summary>
public sealed record FaqPageModel(IReadOnlyList<FaqGroup> Groups, IReadOnlyList<FaqItem> General, PagerView? Pager);

/// <summary>A published comparison page: its slug and the two models.</summary>
public sealed record ComparePair(string Slug, ModelData A, ModelData B);

/// <summary>The compare page: the any-two picker (which reads <see cref="Api"/>) and every published comparison.</summary>
public sealed record CompareIndexPageModel(IReadOnlyList<PickOption> Models, IReadOnlyList<ComparePair> Pairs, string Api);
