namespace Reports.Site.Building;

public sealed record BuildResult(int Pages, TimeSpan Elapsed, IReadOnlyList<string> Warnings)
{
    /// <summary>Pages rendered this time; the others were unchanged and carried over.</summary>
    public int Rendered { get; init; }

    /// <summary>Each stage that ran, in order, with its wall time (`build --stats` prints them).</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];
}

/// <summary>One build stage's wall time.</summary>
public sealed record StageTime(string Stage, TimeSpan Elapsed);
