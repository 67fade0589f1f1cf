using System;
using System.Globalization;

namespace Reports.Specs.Content;

/// <summary>A calendar day written YYYY-MM-DD in content. netstandard2.0 has no DateOnly.</summary>
public readonly record struct ContentDate(int Year, int Month, int Day) : IComparable<ContentDate>
{
    public static bool TryParse(string text, out ContentDate date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        date = new ContentDate(parsed.Year, parsed.Month, parsed.Day);
        return true;
    }

    /// <summary>Days since 0001-01-01; 0 for the default value, which a missing date leaves behind.</summary>
    public int DayNumber => Year < 1 || Month < 1 || Day < 1 ? 0 : (int)(new DateTime(Year, Month, Day) - new DateTime(1, 1, 1)).TotalDays;

    public bool IsSet => Year > 0;

    public int CompareTo(ContentDate other) => DayNumber.CompareTo(other.DayNumber);

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0:0000}-{1:00}-{2:00}", Year, Month, Day);
}
