using Reports.Site.Deriving;
using Reports.Specs.Catalog;
using System.Globalization;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>Side-by-side comparison of two related models, ending in a verdict computed from the data.</summary>
public static class ComparePage
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Page Build(SiteModel site, ModelData a, ModelData b)
        => new("compare/" + SiteModel.CompareSlug(a, b) + "/index.html", "pages/compare.html", a.Name + " vs " + b.Name,
            a.Name + " vs " + b.Name + ": architecture, benchmarks, memory, minimum hardware, speed on the same GPUs and cost, side by side with sources.",
            () => Values(site, a, b), Inputs(site, a, b).Fingerprint);

    /// <summary>
    /// What the page reads: both models; every accelerator, provider, benchmark and engine (minimum hardware, speed on the
    /// reference GPU, best setups, prices, scores measured the same way); site.yaml and the calibration.
    /// </summary>
    private static PageInputs Inputs(SiteModel site, ModelData a, ModelData b)
        => new PageInputs(site).Entity(a).Entity(b).AllGpus().AllProviders().AllBenchmarks().AllEngines().SiteSettings().Calibration();

    private static ComparePageModel Values(SiteModel site, ModelData a, ModelData b)
    {
        var path = "compare/" + SiteModel.CompareSlug(a, b) + "/index.html";
        var root = SitePaths.RelativeRoot(path);
        var s = site.Assumptions;
        var gpu = site.ReferenceGpu;

        var archA = CompareCard.Architecture(a);
        var archB = CompareCard.Architecture(b);
        var archRows = archA.Select((r, i) => new CompareRow(r.Label, r.Value, archB[i].Value)).ToList();

        var scoresA = ScoreEstimator.Standings(a.Id, site.Catalog.ScoreTable).ToDictionary(x => x.Benchmark.Id);
        var scoresB = ScoreEstimator.Standings(b.Id, site.Catalog.ScoreTable).ToDictionary(x => x.Benchmark.Id);
        // Only scores measured the same way are compared: a delta across settings measures the setting.
        var shared = scoresA.Keys.Intersect(scoresB.Keys).Where(k => ScoreSetting.Comparable(scoresA[k].Score, scoresB[k].Score)).OrderBy(k => k.Value, StringComparer.Ordinal).ToList();
        var benchRows = site.Catalog.Benchmarks.Where(x => scoresA.ContainsKey(x.Id) || scoresB.ContainsKey(x.Id)).Select(x => new CompareBenchmarkRow(
            x,
            scoresA.TryGetValue(x.Id, out var sa) ? sa.Score.Value.ToString("0.#", Inv) : "n/a",
            scoresB.TryGetValue(x.Id, out var sb) ? sb.Score.Value.ToString("0.#", Inv) : "n/a",
            sa?.Score.Setting ?? "",
            sb?.Score.Setting ?? "",
            sa is null || sb is null ? ""
                : ScoreSetting.Comparable(sa.Score, sb.Score) ? (sb.Score.Value - sa.Score.Value).ToString("+0.#;-0.#;0", Inv)
                : "not comparable")).ToList();

        var memoryRows = Recommender.Candidates.Select(p => new CompareMemoryRow(
            Units.Name(p).ToUpperInvariant(),
            Format.Est(MemoryEstimator.Weights(a, p, s), root),
            Format.Est(MemoryEstimator.Weights(b, p, s), root),
            CompareCard.MinText(a, gpu, p, s),
            CompareCard.MinText(b, gpu, p, s))).ToList();

        // Shared hardware: the reference GPU at FP8 and the larger of the two minimum counts.
        SetupReport? speedA = null, speedB = null;
        if (gpu is not null && CompareCard.MinFp8(a, gpu, s) is { } ma && CompareCard.MinFp8(b, gpu, s) is { } mb
            && CompareCard.SpeedOn(a, gpu, Math.Max(ma, mb), s) is { } ra && CompareCard.SpeedOn(b, gpu, Math.Max(ma, mb), s) is { } rb)
        {
            (speedA, speedB) = (ra, rb);
        }

        var priceA = site.Standing(a.Id).Lowest;
        var priceB = site.Standing(b.Id).Lowest;
        var recA = site.BestRecommendation(a.Id);
        var recB = site.BestRecommendation(b.Id);
        return new ComparePageModel(
            a,
            b,
            archRows,
            benchRows,
            memoryRows,
            gpu,
            speedA is null || speedB is null ? null : new CompareSpeed(
                speedA.Setup.Count + " x " + gpu!.Name + ", FP8",
                Format.Est(speedA.Speed?.DecodeTokensPerSecond, root),
                Format.Est(speedB.Speed?.DecodeTokensPerSecond, root),
                Format.Est(speedA.Speed?.TtftMs, root),
                Format.Est(speedB.Speed?.TtftMs, root)),
            new CompareCost(
                CompareCard.ApiText(priceA),
                CompareCard.ApiText(priceB),
                recA is null ? Html.Empty : Format.Est(recA.CostPerMillionTokens, root),
                recB is null ? Html.Empty : Format.Est(recB.CostPerMillionTokens, root),
                recA is null ? "none" : SetupLabels.Describe(recA.Setup),
                recB is null ? "none" : SetupLabels.Describe(recB.Setup),
                BreakEvenCell(site, recA, priceA, root),
                BreakEvenCell(site, recB, priceB, root)),
            Verdict(site, a, b, shared, scoresA, scoresB, speedA, speedB, priceA, priceB));
    }

    /// <summary>The volume above which the best setup beats the model's lowest current API price, or why it never does.</summary>
    private static Html BreakEvenCell(SiteModel site, Recommendation? rec, ListedPrice? price, string root)
    {
        if (rec is null || price is null)
        {
            return new Html("<span class=\"na\">n/a</span>");
        }

        var b = BreakEven.Of(rec, price.Provider.Name, price.Price, SiteModel.SourceUrl(price.Provider.Sources, price.Price.Src), site.Assumptions);
        return b is null ? new Html("<span class=\"na\">n/a</span>")
            : b.TokensPerMonth is { } t ? new Html("above " + Format.Est(t, root).Value + " a month")
            : new Html("<span class=\"na\">never (" + System.Net.WebUtility.HtmlEncode(Format.Usd(b.FullLoadUsdPerMillion)) + " /M at full load)</span>");
    }

    private static IReadOnlyList<string> Verdict(
        SiteModel site, ModelData a, ModelData b, IReadOnlyList<BenchmarkId> shared,
        IReadOnlyDictionary<BenchmarkId, BenchmarkStanding> sa, IReadOnlyDictionary<BenchmarkId, BenchmarkStanding> sb,
        SetupReport? speedA, SetupReport? speedB,
        ListedPrice? priceA, ListedPrice? priceB)
    {
        var s = site.Assumptions;
        var lines = new List<string>();
        if (shared.Count > 0)
        {
            var aWins = shared.Count(id => Better(sa[id], sb[id]));
            var bWins = shared.Count(id => Better(sb[id], sa[id]));
            lines.Add(aWins == bWins
                ? $"Quality: on the {shared.Count} benchmark{(shared.Count == 1 ? "" : "s")} both have published scores for in the same setting, each leads on {aWins}."
                : $"Quality: {(aWins > bWins ? a.Name : b.Name)} scores higher on {Math.Max(aWins, bWins)} of the {shared.Count} benchmark{(shared.Count == 1 ? "" : "s")} both have published scores for in the same setting.");
        }
        else
        {
            lines.Add("Quality: no benchmark has published scores for both in the same setting (shots, base or instruct), so this page does not rank them.");
        }

        var wa = MemoryEstimator.Weights(a, Precision.Fp8, s).Value;
        var wb = MemoryEstimator.Weights(b, Precision.Fp8, s).Value;
        lines.Add($"Memory: at FP8 {(wa <= wb ? a.Name : b.Name)} needs {Format.Gb(Math.Min(wa, wb))} of weights against {Format.Gb(Math.Max(wa, wb))}.");
        if (speedA?.Speed is { } x && speedB?.Speed is { } y)
        {
            var faster = x.DecodeTokensPerSecond.Value >= y.DecodeTokensPerSecond.Value ? (a, x, y) : (b, y, x);
            lines.Add($"Speed: on {speedA.Setup.Count} x {speedA.Setup.Gpu.Name} at FP8, {faster.Item1.Name} decodes {faster.Item2.DecodeTokensPerSecond.Value / faster.Item3.DecodeTokensPerSecond.Value:0.0}x as fast for one user.");
        }

        if (priceA is not null && priceB is not null)
        {
            var blendA = priceA.Blended;
            var blendB = priceB.Blended;
            lines.Add($"API cost: the lowest current price for {(blendA <= blendB ? a.Name : b.Name)} is {Format.Usd(Math.Min(blendA, blendB))} per million blended tokens against {Format.Usd(Math.Max(blendA, blendB))}.");
        }

        return lines;
    }

    private static bool Better(BenchmarkStanding x, BenchmarkStanding y)
        => x.Benchmark.HigherIsBetter ? x.Score.Value > y.Score.Value : x.Score.Value < y.Score.Value;
}
