using Reports.Site.Deriving;
using Reports.Site.Posts;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Building;

/// <summary>
/// Derive: the site model (recommendations, related models, comparison pairs; each page's own estimates are derived
/// as it renders, so memory does not hold them all) and the gates every published estimate must pass. An impossible
/// number (a TTFT under the per-request floor, an ITL under the per-step floor, a throughput over the compute
/// ceiling) fails the build here, located at the data that produced it, before any page is written. So does a post
/// the Load stage could not read; then every post's tags are evaluated and claims checked here, so one build lists
/// every post's mistakes (when all posts read, their claims are checked as they render).
/// </summary>
public static class DeriveStage
{
    public static void Check(SiteModel site, LoadedInputs inputs, BuildOptions options, CancellationToken cancellationToken)
    {
        var gates = SpeedGates.Check(site.Catalog.Data, site.Assumptions, options.ContentRoot);
        var posts = inputs.Posts.Diagnostics.Any(d => d.IsError)
            ? ContentDiagnostic.InFileOrder(new PostRenderer(site).Problems(inputs.Posts, cancellationToken).Where(d => d.IsError))
            : [];
        if (gates.Count > 0 || posts.Count > 0)
        {
            throw new BuildFailedException(gates.Concat(posts).Select(d => d.ToMsBuildString()).ToList());
        }
    }
}
