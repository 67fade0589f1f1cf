namespace Reports.Specs.Estimators;

/// <summary>One replica serving a request shape: the step the decode runs at, the prefill of a new request, and what they add up to.</summary>
public sealed record ServingPoint(
    double Batch,
    StepLoad DecodeLoad,
    StepTime DecodeStep,
    double DraftSeconds,
    double ItlSeconds,
    StepTime? PrefillStep,
    int PrefillChunks,
    double PrefillSeconds,
    double? TtftSeconds,
    double ThroughputTokensPerSecond,
    string Limit);
