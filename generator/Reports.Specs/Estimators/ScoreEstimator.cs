using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Where a model stands on each benchmark among the catalog models with a score on it.</summary>
public sealed record BenchmarkStanding(BenchmarkData Benchmark, ScoreData Score, double Percentile, int Rank, int Of);

public static class ScoreEstimator
{
    /// <summary>Percentile: the share of scored models this one beats or ties (100 = best), direction-aware.</summary>
    public static IReadOnlyList<BenchmarkStanding> Standings(ModelId model, IReadOnlyList<BenchmarkData> benchmarks)
    {
        var standings = new List<BenchmarkStanding>();
        foreach (var benchmark in benchmarks)
        {
            var mine = benchmark.Scores.FirstOrDefault(s => s.Model == model);
            if (mine is null)
            {
                continue;
            }

            var values = benchmark.Scores.Select(s => benchmark.HigherIsBetter ? s.Value : -s.Value).ToList();
            var me = benchmark.HigherIsBetter ? mine.Value : -mine.Value;
            var atOrBelow = values.Count(v => v <= me);
            var better = values.Count(v => v > me);
            standings.Add(new BenchmarkStanding(benchmark, mine, 100.0 * atOrBelow / values.Count, better + 1, values.Count));
        }

        return standings;
    }

    /// <summary>
    /// Mean percentile over the benchmarks a model has scores for. Missing scores are left out rather
    /// than counted as zero, so the result says how many benchmarks it rests on.
    /// </summary>
    public static Estimate? Composite(ModelId model, IReadOnlyList<BenchmarkData> benchmarks)
    {
        var standings = Standings(model, benchmarks);
        if (standings.Count == 0)
        {
            return null;
        }

        return new Estimate("Composite quality percentile", standings.Average(s => s.Percentile), "percentile", "score.composite",
            standings.Select(s => new EstimateInput(s.Benchmark.Name + " percentile", s.Percentile, "percentile", "formula: score.percentile")).ToList(),
            [$"Based on {standings.Count} of {benchmarks.Count} benchmarks; settings differ between vendors' published scores."],
            Tier.Estimated);
    }
}
