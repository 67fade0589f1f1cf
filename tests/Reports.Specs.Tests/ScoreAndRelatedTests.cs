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

    [Theory]
    [InlineData("5-shot, base (pretrained), macro_avg/acc_char, Meta eval", "5-shot|base")]
    [InlineData("0-shot CoT, instruct, final_em, Meta eval", "0-shot cot|instruct")]
    [InlineData("4-shot, base, maj@4, Mistral AI eval (Mixtral paper, Table 2)", "4-shot|base")]
    [InlineData("instruct (chat), pass@1, output capped at 8K tokens, DeepSeek eval", null)]
    [InlineData("", null)]
    public void A_setting_is_keyed_by_its_shots_and_variant_when_it_names_both(string setting, string? key)
        => ScoreSetting.Key(setting).ShouldBe(key);

    [Fact]
    public void Standings_and_the_composite_count_only_scores_measured_the_same_way()
    {
        // The MATH case from the catalog: an instruct 0-shot CoT score beside base 4-shot ones.
        var math = new BenchmarkData
        {
            Id = new BenchmarkId("math"), Name = "MATH", Unit = "%", Max = 100, HigherIsBetter = true,
            Scores = new EquatableArray<ScoreData>([
                new ScoreData { Model = new ModelId("a"), Value = 73.8, Src = "x", Setting = "0-shot CoT, instruct, final_em, Meta eval" },
                new ScoreData { Model = new ModelId("b"), Value = 61.2, Src = "x", Setting = "4-shot, base (pretrained), em_maj1@1, Meta eval" },
                new ScoreData { Model = new ModelId("c"), Value = 50.0, Src = "x", Setting = "4-shot, base, maj@4, Mistral AI eval" },
            ]),
        };
        var table = new ScoreTable([math]);

        var b = ScoreEstimator.Standings(new ModelId("b"), table).Single();
        (b.Rank, b.Of, b.Percentile).ShouldBe((1, 2, 100.0)); // a's instruct score does not outrank it
        ScoreSetting.Comparable(math.Scores[1], math.Scores[2]).ShouldBeTrue();
        ScoreSetting.Comparable(math.Scores[0], math.Scores[1]).ShouldBeFalse();

        // a is alone in its setting: it ranks nothing, so it has no composite rather than a 100th percentile.
        ScoreEstimator.Standings(new ModelId("a"), table).Single().Of.ShouldBe(1);
        ScoreEstimator.Composite(new ModelId("a"), table).ShouldBeNull();
        ScoreEstimator.Composite(new ModelId("c"), table)!.Value.ShouldBe(50);
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
