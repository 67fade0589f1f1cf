namespace Reports.Site.Building;

public sealed record BuildResult(int Pages, TimeSpan Elapsed, IReadOnlyList<string> Warnings)
{
    /// <summary>Pages rendered this time; the others were unchanged and carried over.</summary>
    public int Rendered { get; init; }
}
