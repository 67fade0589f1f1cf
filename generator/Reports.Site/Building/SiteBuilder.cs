using System.Diagnostics;
using Reports.Site.Deriving;
using Reports.Site.Publishing;
using Reports.Specs.Catalog;

namespace Reports.Site.Building;

/// <summary>
/// A build, as its stages: Load (templates, posts, assets) -> Derive (the site model, and the gates on every
/// published estimate) -> Plan (pages and what each is made from; nothing to do when nothing changed) -> Render
/// (changed pages into a staging folder) -> Write (everything else, then the staging folder replaces the output).
/// </summary>
public static class SiteBuilder
{
    public static BuildResult Build(Catalog catalog, BuildOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var site = new SiteModel(catalog);
        var derived = clock.Elapsed;
        var result = Build(site, options, cancellationToken);
        return result with { Elapsed = result.Elapsed + derived, Stages = [new StageTime("Site model", derived), .. result.Stages] };
    }

    /// <summary>Builds from an already derived site model (the preview server reuses it when only templates or posts changed).</summary>
    public static BuildResult Build(SiteModel site, BuildOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var stages = new List<StageTime>();
        T Timed<T>(string stage, Func<T> run)
        {
            var start = clock.Elapsed;
            var value = run();
            stages.Add(new StageTime(stage, clock.Elapsed - start));
            return value;
        }

        void Run(string stage, Action run) => Timed(stage, () =>
        {
            run();
            return 0;
        });

        var inputs = Timed("Load", () => LoadStage.Run(site, options, cancellationToken));
        Run("Derive", () => DeriveStage.Check(site, inputs, options, cancellationToken));
        var plan = Timed("Plan", () => PlanStage.Run(site, inputs, options));
        if (plan.UpToDate)
        {
            return new BuildResult(plan.Pages.Count, clock.Elapsed, []) { Rendered = 0, Stages = stages };
        }

        using var staged = StagedOutput.Begin(options.OutputRoot, BuildState.RelativePath, options.BeforeWrite);

        // The facts spool lives beside the staging folder, never inside the output.
        using var facts = new Review.FactsSpool(staged.StagingRoot + ".facts");
        Run("Render", () => RenderStage.Run(site, inputs, plan, staged, facts, options, cancellationToken));
        Run("Write", () => WriteStage.Run(site, inputs, plan, staged, facts, options, cancellationToken));
        return new BuildResult(plan.Pages.Count, clock.Elapsed, []) { Rendered = plan.ToRender.Count, Stages = stages };
    }
}
