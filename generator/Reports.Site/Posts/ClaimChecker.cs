using System.Globalization;
using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>Tolerances for claims, read from site.yaml's claim_tolerance_* assumptions.</summary>
public sealed record ClaimTolerances(double Sourced, double Derived, double Estimated, double Approximate)
{
    public static ClaimTolerances From(SiteData site)
    {
        double V(string id) => site.Assumptions.FirstOrDefault(a => a.Id == id)?.Value
                               ?? throw new InvalidOperationException("site.yaml lacks the assumption '" + id + "' that post claims need.");
        return new ClaimTolerances(V("claim_tolerance_sourced"), V("claim_tolerance_derived"), V("claim_tolerance_estimated"), V("claim_tolerance_approximate"));
    }

    public double For(FactKind kind, bool approximate)
    {
        var tolerance = kind switch
        {
            FactKind.Count => 0,
            FactKind.Sourced => Sourced,
            FactKind.Derived => Derived,
            _ => Estimated,
        };
        return approximate ? Math.Max(tolerance, Approximate) : tolerance;
    }
}

public static class ClaimChecker
{
    /// <summary>Null when the claim holds; otherwise what is wrong, saying what the post says and what the data says.</summary>
    public static string? Check(string model, string fact, ClaimValue claim, FactValue truth, ClaimTolerances tolerances)
    {
        var tolerance = tolerances.For(truth.Kind, claim.Approximate);
        var best = claim.Candidates.OrderBy(c => Math.Abs(c - truth.Value)).First();
        var error = truth.Value == 0 ? Math.Abs(best) : Math.Abs(best - truth.Value) / Math.Abs(truth.Value);
        if (error <= tolerance + 1e-12)
        {
            return null;
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "the post says {0} {1} is '{2}', but the catalog says {3} ({4}); that is {5:0.#}% off, and the tolerance for a {6} value{7} is {8:0.#}%.",
            model,
            fact,
            claim.Text,
            truth.Display,
            truth.Origin,
            error * 100,
            truth.Kind.ToString().ToLowerInvariant(),
            claim.Approximate ? " written with ~" : "",
            tolerance * 100);
    }
}
