using Reports.Site.Deriving;
using Reports.Specs.Estimators;

namespace Reports.Site.Building;

/// <summary>
/// Derive: the site model (recommendations, related models, comparison pairs; each page's own estimates are derived
/// as it renders, so memory does not hold them all) and the gates every published estimate must pass. An impossible
/// number (a TTFT under the per-request floor, an ITL under the per-step floor, a throughput over the compute
/// ceiling) fails the build here, located at the data that produced it, before any page is written.
/// </summary>
public static class DeriveStage
{
    public static void Check(SiteModel site, BuildOptions options)
    {
        var gates = SpeedGates.Check(site.Catalog.Data, site.Assumptions, options.ContentRoot);
        if (gates.Count > 0)
        {
            throw new BuildFailedException(gates.Select(d => d.ToMsBuildString()).ToList());
        }
    }
}
