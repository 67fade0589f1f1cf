using Reports.Specs;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

/// <summary>The throughput-latency frontier, the choice under a latency target, and break-even with an API.</summary>
public sealed class FrontierTests
{
    private static readonly CatalogData Data = CompiledCatalog.Data;
    private static readonly Assumptions Assumptions = Assumptions.From(Data);

    private static ModelData Model(string id) => Data.Models.Single(m => m.Id.Value == id);

    private static GpuData Gpu(string id) => Data.Gpus.Single(g => g.Id.Value == id);

    private static LatencyTargetData Target(double ttft, double itl) => new() { Id = "t", Label = "T", TtftMs = ttft, ItlMs = itl, Why = "test" };

    [Theory]
    [InlineData("llama-3-3-70b", "h100-sxm", 2, Precision.Fp8)]
    [InlineData("qwen3-30b-a3b", "h100-sxm", 1, Precision.Bf16)]
    [InlineData("gpt-oss-120b", "mi300x", 1, Precision.Mxfp4)]
    public void More_users_never_speed_each_user_up_nor_slow_the_gpu_down(string model, string gpu, int count, Precision precision)
    {
        var curve = Frontier.Curve(new Setup(Model(model), Gpu(gpu), count, precision, 8192, 1), Assumptions);

        curve.Points.Count.ShouldBeGreaterThan(3);
        curve.Points.Select(p => p.Concurrency).ShouldBe(Frontier.Concurrencies.Take(curve.Points.Count));
        for (var i = 1; i < curve.Points.Count; i++)
        {
            curve.Points[i].ItlMs.ShouldBeGreaterThanOrEqualTo(curve.Points[i - 1].ItlMs);
            curve.Points[i].ThroughputPerGpu.ShouldBeGreaterThanOrEqualTo(curve.Points[i - 1].ThroughputPerGpu * 0.999);
        }

        // The per-GPU figure is the aggregate over the plan's GPUs, and its cost follows the rental rule.
        var last = curve.Points[^1];
        last.ThroughputPerGpu.ShouldBe(last.ThroughputTokensPerSecond / count, 1e-9);
        last.UsdPerMillion!.Value.ShouldBe(CostEstimator.PerMillionTokens(CostEstimator.Rental(Gpu(gpu), Assumptions)!.Point.UsdPerHour, count, last.ThroughputTokensPerSecond, Assumptions.Utilization), 1e-9);
    }

    [Fact]
    public void The_choice_under_a_target_meets_it_and_no_plan_on_that_accelerator_meets_it_for_less()
    {
        var model = Model("llama-3-3-70b");
        var target = Assumptions.LatencyTargets.Single(t => t.Id == "chat");
        var choices = Frontier.Cheapest(model, Data.Gpus, target, Assumptions);

        choices.Count.ShouldBeGreaterThan(5);
        choices.Select(c => c.Point.UsdPerMillion).ShouldBeInOrder();
        foreach (var choice in choices)
        {
            choice.Point.Meets(target).ShouldBeTrue();
            var every = Frontier.Plans(model, choice.Plan.Gpu, Assumptions).SelectMany(p => Frontier.Curve(p, Assumptions).Points).Where(p => p.Meets(target));
            every.Min(p => p.UsdPerMillion).ShouldBe(choice.Point.UsdPerMillion);
        }
    }

    [Fact]
    public void A_stricter_target_never_costs_less_on_the_same_accelerator()
    {
        var model = Model("qwen3-30b-a3b");
        var loose = Frontier.Cheapest(model, Data.Gpus, Target(2000, 50), Assumptions).ToDictionary(c => c.Plan.Gpu.Id);
        var strict = Frontier.Cheapest(model, Data.Gpus, Target(500, 15), Assumptions);

        strict.Count.ShouldBeLessThanOrEqualTo(loose.Count);
        foreach (var s in strict)
        {
            s.Point.UsdPerMillion!.Value.ShouldBeGreaterThanOrEqualTo(loose[s.Plan.Gpu.Id].Point.UsdPerMillion!.Value);
        }

        Frontier.Cheapest(model, Data.Gpus, Target(5, 0.5), Assumptions).ShouldBeEmpty("no engine starts a reply in 5 ms");
    }

    [Fact]
    public void Break_even_is_where_the_api_bill_reaches_the_rent_and_none_when_full_load_costs_more()
    {
        var model = Model("llama-3-1-8b");
        var (top, _) = Recommender.Rank(model, Data.Gpus, Assumptions);
        var plan = top[0];
        var cheap = new PriceData { Model = model.Id, Input = 0.01, Output = 0.02, Date = new ContentDate(2026, 10, 1), Src = "x" };
        var dear = cheap with { Input = 50, Output = 100 };

        var pricey = BreakEven.Of(plan, "P", dear, "https://example.org/", Assumptions)!;
        var blended = CostEstimator.Blended(dear, Assumptions.MonthlyInputShare);
        (pricey.TokensPerMonth!.Value * blended / 1e6).ShouldBe(pricey.MonthlyCost.Value, 1e-6);
        pricey.TokensPerMonth.Value.ShouldBeLessThanOrEqualTo(pricey.CapacityTokensPerMonth.Value);

        var bargain = BreakEven.Of(plan, "P", cheap, "https://example.org/", Assumptions)!;
        bargain.TokensPerMonth.ShouldBeNull();
        bargain.FullLoadUsdPerMillion.ShouldBeGreaterThan(CostEstimator.Blended(cheap, Assumptions.MonthlyInputShare));
    }
}
