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

            // Standing is among the scores measured the same way: a base 5-shot score does not outrank an instruct 0-shot one.
            var peers = entry.Groups[ScoreSetting.Group(mine.Setting)];
            var me = entry.Benchmark.HigherIsBetter ? mine.Value : -mine.Value;
            var atOrBelow = UpperBound(peers, me);
            var better = peers.Length - atOrBelow;
            standings.Add(new BenchmarkStanding(entry.Benchmark, mine, 100.0 * atOrBelow / peers.Length, better + 1, peers.Length));
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
    /// Mean percentile over the benchmarks a model has scores for, each percentile among the models scored
    /// in the same setting. A score no other model shares a setting with ranks nothing and is left out, as
    /// are missing scores (never counted as zero), so the result says how many benchmarks it rests on.
    /// </summary>
    public static Estimate? Composite(ModelId model, ScoreTable table)
    {
        var standings = Standings(model, table).Where(s => s.Of >= 2).ToList();
        var benchmarks = table.Entries;
        if (standings.Count == 0)
        {
            return null;
        }

        return new Estimate("Composite quality percentile", standings.Average(s => s.Percentile), "percentile", "score.composite",
            standings.Select(s => new EstimateInput(s.Benchmark.Name + " percentile", s.Percentile, "percentile", "formula: score.percentile")).ToList(),
            [$"Based on {standings.Count} of {benchmarks.Count} benchmarks; each percentile is among the models scored in the same setting (shots and base or instruct)."],
            Tier.Estimated);
    }
}

/// <summary>Each benchmark's scores indexed: the first score per model, and the values of each setting group sorted, direction-adjusted.</summary>
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

            var groups = b.Scores.GroupBy(s => ScoreSetting.Group(s.Setting), StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g =>
                {
                    var sorted = g.Select(s => b.HigherIsBetter ? s.Value : -s.Value).ToArray();
                    Array.Sort(sorted);
                    return sorted;
                },
                StringComparer.Ordinal);
            return new ScoreTableEntry(b, first, groups);
        }).ToList();
    }

    public IReadOnlyList<ScoreTableEntry> Entries { get; }
}

public sealed record ScoreTableEntry(BenchmarkData Benchmark, IReadOnlyDictionary<ModelId, ScoreData> First, IReadOnlyDictionary<string, double[]> Groups);
