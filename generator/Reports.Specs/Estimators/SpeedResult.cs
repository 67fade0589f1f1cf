namespace Reports.Specs.Estimators;

/// <summary>Speed of one setup for one request shape. Null estimates could not be made (the reason is in <see cref="Notes"/>).</summary>
public sealed record SpeedResult(
    int Batch,
    Estimate DecodeTokensPerSecond,
    Estimate ItlMs,
    Estimate? TtftMs,
    Estimate ThroughputTokensPerSecond,
    IReadOnlyList<string> Notes);
