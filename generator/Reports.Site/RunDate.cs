using Reports.Specs.Content;

namespace Reports.Site;

/// <summary>
/// The day a run-time load checks staleness against: the one place the app reads the clock. The compiled
/// catalog gets its day from MSBuild's ReportsToday instead, so the source generator never reads it.
/// </summary>
public static class RunDate
{
    public static ContentDate Today()
    {
        var now = DateTime.UtcNow;
        return new ContentDate(now.Year, now.Month, now.Day);
    }
}
