using Reports.Site.Rendering;
using Reports.Specs.Content;

namespace Reports.Site.Pages;

/// <summary>
/// The accelerator page (templates/pages/gpu.html): specs with sources, dated rental offers, and one page of the
/// "which models fit" table with each model's minimum count per precision, speed and monthly cost.
/// </summary>
public sealed record GpuPageModel(
    GpuData Gpu,
    string KindLabel,
    string UnitLabel,
    string MemoryBytes,
    string Usable,
    IReadOnlyList<ComputeRow> Compute,
    IReadOnlyList<RentalRow> Rental,
    string StaleBefore,
    string? RentalNote,
    IReadOnlyList<GpuModelRow> Models,
    GpuFrontierView? Frontier,
    MeasuredView? Measured,
    PagerView? Pager,
    IReadOnlyList<string> Precisions,
    string Context,
    RequestMixData Mix);

/// <summary>One dense compute figure with its source: "BF16", the figure, the link.</summary>
public sealed record ComputeRow(string Name, Sourced<double> Fact, string Url);

/// <summary>One rental offer; <see cref="Point"/> marks the offer costs use, <see cref="Stale"/> one older than the staleness window.</summary>
public sealed record RentalRow(RentalData R, string Url, bool Point, bool Stale);

/// <summary>One model in the "which models fit" table: minimum GPUs per precision, and the chosen setup's speed and cost.</summary>
public sealed record GpuModelRow(ModelData Model, IReadOnlyList<string> Mins, string Setup, Html Decode, Html Ttft, Html CostMonth, bool Fits);
