using System.Globalization;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>The GPU page: specs with sources, which models fit at which precision and count, and their speed and cost.</summary>
public static class GpuPage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Rows of the "which models fit" table per page. A catalog of thousands of models would otherwise
    /// make one GPU page tens of megabytes; past this many rows the table continues on
    /// gpus/ID/page/2/ and on, with previous and next links, as Hugo's paginator does.
    /// </summary>
    public const int ModelsPerPage = 200;

    public static IEnumerable<Page> Build(SiteModel site, GpuData gpu)
    {
        var fingerprint = Inputs(site, gpu).Fingerprint;
        foreach (var paging in Paging.For(SitePaths.GpuFolder(gpu.Id.Value), site.Catalog.Models.Count, ModelsPerPage, "models"))
        {
            yield return new(paging.OutputPath, "pages/gpu.html", gpu.Name + ": specs and which LLMs fit" + paging.TitleSuffix, Description(gpu), () => Values(site, gpu, paging), fingerprint)
            { Vendor = gpu.Vendor, Aliases = SearchTerms.Aliases(gpu.Id.Value, gpu.Name), Card = paging.Number == 1 ? () => Card(site, gpu) : null };
        }
    }

    /// <summary>
    /// What the page reads: the accelerator; every model (the "which models fit" table and the frontier chart);
    /// providers (rental offers); site.yaml and the calibration (assumptions, speeds).
    /// </summary>
    private static PageInputs Inputs(SiteModel site, GpuData gpu)
        => new PageInputs(site).Entity(gpu).AllModels().AllProviders().SiteSettings().Calibration().AllMeasurements();

    /// <summary>The accelerator's social card: memory, bandwidth, dense BF16 compute and the rental price costs use.</summary>
    private static Rendering.OgCard Card(SiteModel site, GpuData gpu)
    {
        var figures = new List<Rendering.CardFigure>
        {
            new("Memory", gpu.Memory.Value.ToString("0.##", Inv) + " " + gpu.Memory.Unit + " " + (gpu.MemoryType?.Value ?? "")),
            new("Bandwidth", gpu.Bandwidth.Value.ToString("0.##", Inv) + " " + gpu.Bandwidth.Unit),
        };
        if (gpu.Compute?.Bf16 is { } bf16)
        {
            figures.Add(new("BF16 dense", bf16.Value.ToString("#,0", Inv) + " TFLOPS"));
        }

        if (CostEstimator.Rental(gpu, site.Assumptions) is { } rental)
        {
            figures.Add(new("Rental", Format.Usd(rental.Point.UsdPerHour) + " /h"));
        }

        return new Rendering.OgCard("Accelerator", gpu.Name, gpu.Vendor + (gpu.Generation is { Length: > 0 } generation ? " " + generation : "") + " · " + KindLabel(gpu.Kind), figures);
    }

    private static string Description(GpuData gpu)
        => gpu.Name + ": " + gpu.Memory.Value.ToString("0.##", Inv) + " " + gpu.Memory.Unit + " " + (gpu.MemoryType?.Value ?? "memory") + ", "
           + gpu.Bandwidth.Value.ToString("0.##", Inv) + " " + gpu.Bandwidth.Unit + ". Which LLMs fit, how fast and at what cost, with sources.";

    private static GpuPageModel Values(SiteModel site, GpuData gpu, Paging pager)
    {
        var root = SitePaths.RelativeRoot(pager.OutputPath);
        var a = site.Assumptions;
        var mix = a.PrimaryMix;
        var models = pager.Slice(site.Catalog.Models).Select(model =>
        {
            var mins = Recommender.Candidates.Select(p => FitEstimator.MinGpus(model, gpu, p, a.FitContextTokens, a.FitConcurrency, a)).ToList();
            // The speed column uses FP8 when it fits in 8 GPUs, else the first precision that does.
            var chosen = Recommender.Candidates.Zip(mins).Where(x => x.Second is { Count: <= 8 }).OrderBy(x => x.First == Precision.Fp8 ? 0 : 1).Select(x => (x.First, x.Second!.Value.Count)).FirstOrDefault();
            SetupReport? report = null;
            if (chosen.Count > 0)
            {
                report = SetupReport.For(new Setup(model, gpu, chosen.Count, chosen.First, a.FitContextTokens, 1), SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, a);
            }

            return new GpuModelRow(
                model,
                mins.Select(m => ParallelPlan.SmallestCount(m?.Count, gpu)).ToList(),
                report is null ? "does not fit on 8" : report.Setup.Count + " x " + Units.Name(report.Setup.Precision).ToUpperInvariant(),
                report?.Speed is { } s ? Format.Est(s.DecodeTokensPerSecond, root) : Html.Empty,
                report?.Speed is { } t ? Format.Est(t.TtftMs, root) : Html.Empty,
                report is null ? Html.Empty : Format.Est(report.CostPerMonth, root),
                report is not null);
        }).ToList();

        var compute = new List<ComputeRow>();
        if (gpu.Compute is { } c)
        {
            foreach (var (name, fact) in new[] { ("BF16", c.Bf16), ("FP16", c.Fp16), ("FP8", c.Fp8), ("INT8 (TOPS)", c.Int8), ("FP4", c.Fp4) })
            {
                if (fact is not null)
                {
                    compute.Add(new ComputeRow(name, fact, SiteModel.SourceUrl(gpu.Sources, fact.Src)));
                }
            }
        }

        var rental = CostEstimator.Rental(gpu, a);
        var memory = Units.MemoryBytes(gpu);
        return new GpuPageModel(
            gpu,
            KindLabel(gpu.Kind),
            CostEstimator.UnitName(gpu),
            Format.Gb(memory) + (gpu.DeviceMemory is null ? "" : ", " + (memory / Units.Gib).ToString("#,0.#", Inv) + " GiB"),
            Format.Gb(memory * a.UsableShare(gpu)),
            compute,
            rental is null
                ? []
                : rental.Offers.Select(r => new RentalRow(r, SiteModel.SourceUrl(gpu.Sources, r.Src), ReferenceEquals(r, rental.Point), r.Date.CompareTo(site.StaleBefore) < 0)).ToList(),
            site.StaleBefore.ToString(),
            rental is null ? null : CostEstimator.RangeNote(rental, gpu) + " Cost figures on these pages use that offer.",
            models,
            pager.Number == 1 ? TargetsSection.GpuChart(site, gpu) : null,
            pager.Number == 1 ? MeasuredSection.For(site, m => m.Gpu == gpu.Id) : null,
            pager.View(root),
            Recommender.Candidates.Select(p => Units.Name(p).ToUpperInvariant()).ToList(),
            Format.Int(a.FitContextTokens),
            mix);
    }

    /// <summary>What pages call the chip: GPU, TPU or AI accelerator.</summary>
    public static string KindLabel(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Tpu => "TPU",
        AcceleratorKind.Accelerator => "AI accelerator",
        _ => "GPU",
    };
}
