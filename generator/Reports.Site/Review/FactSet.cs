using System.Globalization;

namespace Reports.Site.Review;

/// <summary>
/// The facts of one page as they are found, each under a key no other fact of the page holds.
/// A key says where a number stands; two numbers in the same place (rows without a heading, two
/// rows or columns with the same heading, a repeated term) are told apart by position, so each
/// is compared with its own counterpart and none is dropped.
/// </summary>
public sealed class FactSet
{
    private readonly Dictionary<string, Fact> _facts = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="text"/> under <paramref name="key"/> if it reads as a number; a taken key gets " #2", " #3", … in document order.</summary>
    public void Add(string key, string text)
    {
        if (FactsManifest.Parse(text) is not { } parsed)
        {
            return;
        }

        var unique = key;
        for (var n = 2; _facts.ContainsKey(unique); n++)
        {
            unique = key + " #" + n.ToString(CultureInfo.InvariantCulture);
        }

        _facts[unique] = new Fact(unique, parsed.Value, parsed.Unit, text);
    }

    public IReadOnlyList<Fact> Sorted() => _facts.Values.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// "section[row heading].column heading"; a row without a heading is named by its position among the
    /// table's body rows ("row 3"), a column without one by its index ("col2").
    /// </summary>
    public static string CellKey(string tablePrefix, string rowHeader, int rowPosition, IReadOnlyList<string> columnHeaders, int column)
    {
        var row = rowHeader.Length > 0 ? rowHeader : "row " + rowPosition.ToString(CultureInfo.InvariantCulture);
        var heading = column < columnHeaders.Count && columnHeaders[column].Length > 0 ? columnHeaders[column] : "col" + column.ToString(CultureInfo.InvariantCulture);
        return tablePrefix + "[" + row + "]." + heading;
    }
}
