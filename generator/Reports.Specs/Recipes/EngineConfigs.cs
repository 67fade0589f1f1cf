using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Specs.Recipes;

/// <summary>
/// One engine's way to run a recommended setup: its support for the model, the command (or why there is
/// none), and the estimates for that engine's own plan, so the numbers beside a command are the command's.
/// </summary>
public sealed record EngineConfig(EngineSupport Support, LaunchOption Launch, Recommendation? Estimate)
{
    public EngineData Engine => Support.Engine;
}

/// <summary>The "Use this config" answers for a recommended setup, one per engine that runs on its accelerator.</summary>
public static class EngineConfigs
{
    public static IReadOnlyList<EngineConfig> For(Recommendation recommended, IReadOnlyList<EngineSupport> support, Assumptions assumptions)
    {
        var setup = recommended.Setup;
        var result = new List<EngineConfig>();
        foreach (var s in support.OrderBy(s => LaunchCommands.Serving(s.Engine) ?? ServingEngine.Other))
        {
            // An engine whose whole list leaves the model out, or that does not run on this hardware, is not offered.
            if (s.Status == EngineSupportStatus.NotListed || LaunchCommands.Serving(s.Engine) is not { } serving || !LaunchCommands.RunsOn(s.Engine, setup.Gpu))
            {
                continue;
            }

            // llama.cpp runs GGUF files only: without one at the setup's precision it is not an option, not a gap.
            if (serving == ServingEngine.Llamacpp && !Checkpoints.HasGguf(setup.Model, setup.Precision))
            {
                continue;
            }

            var plan = LaunchCommands.PlanFor(setup, serving);
            if (s.Status == EngineSupportStatus.NotChecked)
            {
                result.Add(new EngineConfig(s, LaunchOption.None(s.Engine, plan, "whether " + s.Engine.Name + " loads " + setup.Model.Name + " was not checked: its model list in the catalog is partial or the model's config class is not recorded."), null));
                continue;
            }

            var launch = LaunchCommands.For(plan, s.Engine, assumptions);
            var estimate = launch.Command is null ? null
                : plan == setup ? recommended
                : Recommender.Detail(new RankedSetup(plan, recommended.Score, recommended.SpeedPart, recommended.CostPart, recommended.HeadroomPart), assumptions);
            result.Add(new EngineConfig(s, launch, estimate));
        }

        return result;
    }
}
