using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Where a model stands on each benchmark among the catalog models with a score on it.</summary>
public sealed record BenchmarkStanding(BenchmarkData Benchmark, ScoreData Score, double Percentile, int Rank, int Of);

public static class ScoreEstimator
{
    /// <summary>Percentile: the share of scored models this one beats or ties (100 = best), direction-aware.</summary>
    public static IReadOnlyList<BenchmarkStanding> Standings(ModelId model, IReadOnlyList<BenchmarkData> benchmarks)
        => Standings(model, new ScoreTable(benchmarks));

    /// <summary>As above, from scores indexed once per catalog (a binary search per benchmark, not a scan).</summary>
    public static IReadOnlyList<BenchmarkStanding> Standings(ModelId model, ScoreTable table)
    {
        var standings = new List<BenchmarkStanding>();
        foreach (var entry in table.Entries)
        {
            if (!entry.First.TryGetValue(model, out var mine))
            {
                continue;
            }

            var me = entry.Benchmark.HigherIsBetter ? mine.Value : -mine.Value;
            var atOrBelow = UpperBound(entry.Sorted, me);
            var better = entry.Sorted.Length - atOrBelow;
            standings.Add(new BenchmarkStanding(entry.Benchmark, mine, 100.0 * atOrBelow / entry.Sorted.Length, better + 1, entry.Sorted.Length));
        }

        return standings;
    }

    /// <summary>How many values are at or below <paramref name="value"/> in an ascending array.</summary>
    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public static Estimate? Composite(ModelId model, IReadOnlyList<BenchmarkData> benchmarks) => Composite(model, new ScoreTable(benchmarks));

    /// <summary>
    /// Mean percentile over the benchmarks a model has scores for. Missing scores are left out rather
    /// than counted as zero, so the result says how many benchmarks it rests on.
    /// </summary>
    public static Estimate? Composite(ModelId model, ScoreTable table)
    {
        var standings = Standings(model, table);
        var benchmarks = table.Entries;
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

/// <summary>Each benchmark's scores indexed: the first score per model and all values sorted, direction-adjusted.</summary>
public sealed class ScoreTable
{
    public ScoreTable(IReadOnlyList<BenchmarkData> benchmarks)
    {
        Entries = benchmarks.Select(b =>
        {
            var first = new Dictionary<ModelId, ScoreData>();
            foreach (var score in b.Scores)
            {
                first.TryAdd(score.Model, score);
            }

            var sorted = b.Scores.Select(s => b.HigherIsBetter ? s.Value : -s.Value).ToArray();
            Array.Sort(sorted);
            return new ScoreTableEntry(b, first, sorted);
        }).ToList();
    }

    public IReadOnlyList<ScoreTableEntry> Entries { get; }
}

public sealed record ScoreTableEntry(BenchmarkData Benchmark, IReadOnlyDictionary<ModelId, ScoreData> First, double[] Sorted);
