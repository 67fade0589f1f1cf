using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Tests;

public sealed class ScoreAndRelatedTests
{
    private static BenchmarkData Benchmark(bool higherIsBetter, params (string Model, double Value)[] scores) => new()
    {
        Id = new BenchmarkId("b"), Name = "B", Unit = "%", Max = 100, HigherIsBetter = higherIsBetter,
        Scores = new EquatableArray<ScoreData>(scores.Select(s => new ScoreData { Model = new ModelId(s.Model), Value = s.Value, Src = "x" }).ToArray()),
    };

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public void Indexed_standings_count_exactly_what_a_scan_of_every_score_counts(bool higherIsBetter, int seed)
    {
        var random = new Random(seed);
        // Few distinct values so ties are common; a model may appear twice (its first score counts).
        var scores = Enumerable.Range(0, 300).Select(_ => ("m" + random.Next(200), (double)random.Next(20))).ToArray();
        var b = Benchmark(higherIsBetter, scores);
        var table = new ScoreTable([b]);

        foreach (var model in scores.Select(s => s.Item1).Distinct())
        {
            var mine = scores.First(s => s.Item1 == model).Item2;
            var values = scores.Select(s => higherIsBetter ? s.Item2 : -s.Item2).ToList();
            var me = higherIsBetter ? mine : -mine;
            var standing = ScoreEstimator.Standings(new ModelId(model), table).Single();

            standing.Score.Value.ShouldBe(mine);
            standing.Percentile.ShouldBe(100.0 * values.Count(v => v <= me) / values.Count);
            standing.Rank.ShouldBe(values.Count(v => v > me) + 1);
            standing.Of.ShouldBe(300);
        }

        ScoreEstimator.Standings(new ModelId("nobody"), table).ShouldBeEmpty();
    }

    [Fact]
    public void Percentile_is_the_share_of_scored_models_beaten_or_tied()
    {
        var b = Benchmark(true, ("a", 50), ("b", 70), ("c", 90), ("d", 70));
        var standing = ScoreEstimator.Standings(new ModelId("b"), [b]).Single();

        standing.Percentile.ShouldBe(75);
        standing.Rank.ShouldBe(2);
        ScoreEstimator.Standings(new ModelId("c"), [b]).Single().Percentile.ShouldBe(100);
    }

    [Fact]
    public void Lower_is_better_benchmarks_invert_the_order()
        => ScoreEstimator.Standings(new ModelId("a"), [Benchmark(false, ("a", 1), ("b", 2))]).Single().Percentile.ShouldBe(100);

    [Fact]
    public void Composite_averages_only_the_benchmarks_a_model_has_and_says_how_many()
    {
        var b1 = Benchmark(true, ("a", 90), ("b", 10));
        var b2 = Benchmark(true, ("b", 10), ("c", 20));
        var composite = ScoreEstimator.Composite(new ModelId("a"), [b1, b2])!;

        composite.Value.ShouldBe(100);
        composite.Assumptions.Single().ShouldStartWith("Based on 1 of 2 benchmarks");
        ScoreEstimator.Composite(new ModelId("zzz"), [b1, b2]).ShouldBeNull();
    }

    [Fact]
    public void Related_models_come_from_the_family_first_and_record_the_rule()
    {
        var models = Reports.Specs.CompiledCatalog.Data.Models;
        var llama70 = models.Single(m => m.Id.Value == "llama-3-1-70b");
        var related = RelatedModels.For(llama70, models);

        related.Take(2).Select(r => r.Model.Id.Value).ShouldBe(["llama-3-1-405b", "llama-3-1-8b"], ignoreOrder: true);
        related.Take(2).ShouldAllBe(r => r.Rule == RelatedModels.SameFamily);
        related.Where(r => r.Rule == RelatedModels.SameVendorSimilarSize).Select(r => r.Model.Vendor).ShouldAllBe(v => v == "Meta");
        related.Select(r => r.Model.Id).ShouldNotContain(llama70.Id);
    }

    [Fact]
    public void Similar_models_are_other_vendors_of_about_the_same_size_and_never_repeat_the_related_list()
    {
        var models = Reports.Specs.CompiledCatalog.Data.Models;
        var index = new RelatedModels.Candidates(models);
        foreach (var model in models)
        {
            var related = RelatedModels.For(model, index);
            var similar = RelatedModels.Alternatives(model, index, related);

            similar.Select(s => s.Model.Id).Intersect(related.Select(r => r.Model.Id)).ShouldBeEmpty(model.Id.Value);
            similar.ShouldAllBe(s => s.Model.Vendor != model.Vendor && s.Model.Id != model.Id);
            similar.ShouldAllBe(s => s.Model.Params.Total.Value <= 2 * model.Params.Total.Value && s.Model.Params.Total.Value >= model.Params.Total.Value / 2);
        }

        // Llama 3.1 8B's alternatives are the 7-9B models of other vendors, closest in size first.
        var llama8 = models.Single(m => m.Id.Value == "llama-3-1-8b");
        RelatedModels.Alternatives(llama8, index, RelatedModels.For(llama8, index)).Count.ShouldBe(6);
    }
}
