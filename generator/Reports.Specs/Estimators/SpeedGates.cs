using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>
/// Numbers a reader who has run the model would know are impossible, as build errors instead of pages:
/// an ITL or TTFT under the floors in site.yaml or under the step's own fixed costs, throughput above what
/// the GPUs' dense peak allows, and a held-out accuracy worse than site.yaml's thresholds.
/// </summary>
public static class SpeedGates
{
    public const string MinItl = "gate_min_itl_ms";
    public const string MinTtft = "gate_min_ttft_ms";
    public const string MaxMedianError = "gate_max_heldout_median_error";
    public const string MaxBias = "gate_max_heldout_bias";

    /// <summary>Every headline setup (each model on each accelerator, at its smallest fitting count per precision) through every gate.</summary>
    public static IReadOnlyList<ContentDiagnostic> Check(CatalogData catalog, Assumptions assumptions, string contentRoot)
    {
        var root = contentRoot.Replace('\\', '/').TrimEnd('/');

        // Models are checked in parallel (every model on every accelerator is most of a build's serial time) and reported in catalog order.
        var problems = catalog.Models.AsParallel().AsOrdered().SelectMany(model => ModelProblems(model, catalog, assumptions, root)).ToList();

        if (catalog.Calibration?.HeldOut.FirstOrDefault(h => h.Category == Calibration.All) is { } all)
        {
            var path = root + "/" + CalibrationFile.FileName;
            if (Threshold(catalog.Site, MaxMedianError) is { } median && all.Median > median)
            {
                problems.Add(new ContentDiagnostic(DiagnosticIds.HeldOutAccuracy, DiagnosticSeverity.Error, path, 1, 1,
                    $"held-out median absolute error {all.Median:P1} is above site.yaml {MaxMedianError} {median:P1}: the change makes the estimates worse on measurements they were not fitted on."));
            }

            if (Threshold(catalog.Site, MaxBias) is { } bias && Math.Abs(all.Bias) > bias)
            {
                problems.Add(new ContentDiagnostic(DiagnosticIds.HeldOutAccuracy, DiagnosticSeverity.Error, path, 1, 1,
                    $"held-out bias {all.Bias:+0.0%;-0.0%} is beyond site.yaml {MaxBias} ±{bias:P1}."));
            }
        }

        return problems;
    }

    /// <summary>One model's headline setups through the gates: each accelerator at its smallest fitting count per precision.</summary>
    private static List<ContentDiagnostic> ModelProblems(ModelData model, CatalogData catalog, Assumptions assumptions, string root)
    {
        var problems = new List<ContentDiagnostic>();
        var mix = assumptions.PrimaryMix;
        foreach (var gpu in catalog.Gpus)
        {
            foreach (var precision in Recommender.PrecisionsFor(model))
            {
                if (FitEstimator.MinGpus(model, gpu, precision, assumptions.FitContextTokens, 1, assumptions) is not { } min)
                {
                    continue;
                }

                var setup = new Setup(model, gpu, min.Count, precision, assumptions.FitContextTokens, 1);
                foreach (var problem in Problems(setup, SpeedEstimator.Estimate(setup, SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, assumptions), catalog.Site, assumptions))
                {
                    problems.Add(new ContentDiagnostic(DiagnosticIds.ImpossibleEstimate, DiagnosticSeverity.Error, root + "/data/models/" + model.Id.Value + ".yaml", 1, 1, problem));
                }
            }
        }

        return problems;
    }

    /// <summary>What is impossible about one setup's speeds; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(Setup setup, SpeedResult speed, SiteData site, Assumptions assumptions)
    {
        var name = $"{setup.Model.Name} on {setup.Count} x {setup.Gpu.Name} at {Units.Name(setup.Precision)}";
        var floor = assumptions.Speed.For(setup.Engine).FixedSeconds(setup.Model.Architecture.Layers) * 1000 / (setup.Speculative?.AcceptanceLength ?? 1);
        if (Threshold(site, MinItl) is { } minItl && speed.ItlMs.Value < Math.Max(minItl, floor) - 1e-9)
        {
            yield return $"{name}: ITL {speed.ItlMs.Value:0.###} ms is under the floor of {Math.Max(minItl, floor):0.###} ms (site.yaml {MinItl}, or the step's fixed costs).";
        }

        if (speed.TtftMs is { } ttft && Threshold(site, MinTtft) is { } minTtft && ttft.Value < minTtft)
        {
            yield return $"{name}: TTFT {ttft.Value:0.###} ms is under site.yaml {MinTtft} ({minTtft} ms).";
        }

        if (Units.DensePeak(setup) is { } peak)
        {
            var ceiling = setup.Count * peak.FlopsPerSecond / (2 * MemoryEstimator.ActiveParameters(setup.Model));
            if (speed.ThroughputTokensPerSecond.Value > ceiling)
            {
                yield return $"{name}: {speed.ThroughputTokensPerSecond.Value:#,0} output tokens/s needs more than the GPUs' dense peak ({ceiling:#,0} tokens/s at 100%).";
            }
        }
    }

    private static double? Threshold(SiteData site, string id) => site.Assumptions.FirstOrDefault(a => a.Id == id)?.Value;
}
