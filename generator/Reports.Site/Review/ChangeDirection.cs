namespace Reports.Site.Review;

/// <summary>Whether a number's change is good or bad news for a reader, where the number says which way is better.</summary>
public enum Verdict
{
    /// <summary>No direction is known (a parameter count, a memory size, a date): the change is shown, not judged.</summary>
    Neutral,
    Better,
    Worse,
}

/// <summary>
/// Which way is better for a number on a page, from its unit and where it stands: speeds up, latencies
/// and prices down, errors towards zero. Anything else is neutral: a larger memory figure is neither.
/// </summary>
public static class ChangeDirection
{
    public static Verdict Judge(FactChange change)
    {
        if (change.Old is not { } old || change.New is not { } now || old.Unit != now.Unit || old.Value == now.Value)
        {
            return Verdict.Neutral;
        }

        return Judge(now.Unit, change.Key, old.Value, now.Value);
    }

    public static Verdict Judge(string unit, string key, double old, double now)
    {
        if (IsError(unit, key))
        {
            return Math.Abs(now) < Math.Abs(old) ? Verdict.Better : Math.Abs(now) > Math.Abs(old) ? Verdict.Worse : Verdict.Neutral;
        }

        var higherIsBetter = unit.EndsWith("tok/s", StringComparison.Ordinal) || unit.EndsWith("t/s", StringComparison.Ordinal) ? true
            : unit is "ms" or "s" || unit.StartsWith('$') ? false
            : (bool?)null;
        return higherIsBetter switch
        {
            true => now > old ? Verdict.Better : Verdict.Worse,
            false => now < old ? Verdict.Better : Verdict.Worse,
            null => Verdict.Neutral,
        };
    }

    /// <summary>An error or bias in percent (the methodology page's tables, the held-out calibration figures): nearer zero is better.</summary>
    private static bool IsError(string unit, string key)
        => unit == "%" && (Contains(key, "error") || Contains(key, "median") || Contains(key, "p90") || Contains(key, "bias") || Contains(key, "worst"));

    private static bool Contains(string key, string word) => key.Contains(word, StringComparison.OrdinalIgnoreCase);
}
