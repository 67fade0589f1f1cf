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
        => Build(new SiteModel(catalog), options, cancellationToken);

    /// <summary>Builds from an already derived site model (the preview server reuses it when only templates or posts changed).</summary>
    public static BuildResult Build(SiteModel site, BuildOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var inputs = LoadStage.Run(site, options, cancellationToken);
        DeriveStage.Check(site, inputs, options, cancellationToken);
        var plan = PlanStage.Run(site, inputs, options);
        if (plan.UpToDate)
        {
            return new BuildResult(plan.Pages.Count, clock.Elapsed, []) { Rendered = 0 };
        }

        using var staged = StagedOutput.Begin(options.OutputRoot, BuildState.RelativePath, options.BeforeWrite);

        // The facts spool lives beside the staging folder, never inside the output.
        using var facts = new Review.FactsSpool(staged.StagingRoot + ".facts");
        RenderStage.Run(site, inputs, plan, staged, facts, options, cancellationToken);
        WriteStage.Run(site, inputs, plan, staged, facts, options, cancellationToken);
        return new BuildResult(plan.Pages.Count, clock.Elapsed, []) { Rendered = plan.ToRender.Count };
    }
}
