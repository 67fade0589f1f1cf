using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>What a reader is offered: the memory an accelerator lends, and setups ranked by what the site's monthly volume costs on them.</summary>
public sealed class RecommendationTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    private static ModelData Model(string id) => Data.Models.Single(m => m.Id.Value == id);

    private static GpuData Gpu(string id) => Data.Gpus.Single(g => g.Id.Value == id);

    [Fact]
    public void An_apple_machine_offers_the_share_macos_lets_its_gpu_wire()
    {
        var mac = Gpu("apple-m3-ultra");
        var fit = FitEstimator.Fit(new Setup(Model("llama-3-3-70b"), mac, 1, Precision.Int4, 8192, 1), Assumptions);
        fit.Available.Value.ShouldBe(Units.MemoryBytes(mac) * Assumptions.UnifiedUsableMemoryFraction, 1);
        fit.Available.Inputs.ShouldContain(i => i.Source == "site.yaml: unified_usable_memory_fraction");
        Assumptions.UnifiedUsableMemoryFraction.ShouldBeLessThan(Assumptions.UsableMemoryFraction);

        // A datacenter card keeps the engine's share.
        Assumptions.UsableShare(Gpu("h100-sxm")).ShouldBe(Assumptions.UsableMemoryFraction);
    }

    [Fact]
    public void A_small_model_is_recommended_on_a_small_card_because_cost_is_what_the_monthly_volume_costs()
    {
        // One replica carries the site's volume on any card, so the monthly cost is the rental: a 3B model's list has room for a 32 GB card.
        var (top, _) = Recommender.RankSetups(Model("llama-3-2-3b"), Data.Gpus, Assumptions);
        top.Take(6).ShouldContain(r => Units.MemoryBytes(r.Setup.Gpu) <= 32 * Units.Gb);

        // A setup too slow for the volume pays for as many replicas as it needs.
        var hours = Assumptions.HoursPerMonth;
        var outputPerMonth = Assumptions.MonthlyTokens * (1 - Assumptions.MonthlyInputShare);
        var justEnough = outputPerMonth / (3600 * hours * Assumptions.Utilization);
        CostEstimator.MonthlyAtVolume(2.0, 1, justEnough, Assumptions).ShouldBe(2.0 * hours, 1e-6);
        CostEstimator.MonthlyAtVolume(2.0, 1, justEnough / 2.5, Assumptions).ShouldBe(3 * 2.0 * hours, 1e-6);
    }
}
