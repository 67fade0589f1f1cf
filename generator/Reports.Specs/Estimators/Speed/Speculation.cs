using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>Speculative decoding: <see cref="DraftTokens"/> drafted per step, <see cref="AcceptanceLength"/> tokens accepted per step on average (the verified token included).</summary>
public sealed record Speculation(SpeculationMethod Method, int DraftTokens, double AcceptanceLength)
{
    /// <summary>Mean tokens per step when each draft token is accepted with probability <paramref name="rate"/> and the first rejection ends the run.</summary>
    public static double AcceptanceFromRate(int draftTokens, double rate)
        => rate >= 1 ? draftTokens + 1 : (1 - Math.Pow(rate, draftTokens + 1)) / (1 - rate);
}
