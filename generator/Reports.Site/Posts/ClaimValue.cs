using System.Globalization;
using System.Text.RegularExpressions;

namespace Reports.Site.Posts;

/// <summary>An author's number as written ("~220 GB", "128K", "$2.40", "88.6%"), parsed.</summary>
/// <param name="Candidates">Every value the text can mean: "128K" is 128,000 or 131,072.</param>
/// <param name="Approximate">Written with "~": the tolerance widens.</param>
public sealed record ClaimValue(string Text, IReadOnlyList<double> Candidates, bool Approximate, string? Unit)
{
    private static readonly Regex Pattern = new(
        @"^(?<approx>~|≈|about\s+)?\s*(?<dollar>\$)?\s*(?<number>[0-9][0-9,]*(\.[0-9]+)?|\.[0-9]+)\s*(?<suffix>[KMBT])?\s*(?<unit>GB|GiB|TB|TiB|MB|MiB|KB|KiB|B|%|tok/s|tokens/s|tokens|ms)?\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking);

    private static readonly Regex Thousands = new(@"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>A written number is short; anything longer is a mistake, refused before any pattern runs.</summary>
    public const int MaxLength = 40;

    /// <summary>Parses a claim value, or returns null with the reason it cannot be read.</summary>
    public static ClaimValue? TryParse(string text, out string? error)
    {
        error = null;
        if (text.Length > MaxLength)
        {
            error = "the claimed value is " + text.Length + " characters long; write the number alone, at most " + MaxLength + " characters, like 810 GB";
            return null;
        }

        var match = Pattern.Match(text.Trim());
        if (!match.Success)
        {
            error = "cannot read '" + text + "' as a number: write it like 405B, 128K, 131,072, 810 GB, ~220 GB, $2.40 or 88.6%";
            return null;
        }

        var digits = match.Groups["number"].Value;
        if (digits.Contains(',') && !Thousands.IsMatch(digits))
        {
            error = "'" + text + "' has misplaced thousands separators";
            return null;
        }

        var number = double.Parse(digits.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var suffix = match.Groups["suffix"].Value.ToUpperInvariant();
        var unit = match.Groups["unit"].Success && match.Groups["unit"].Value.Length > 0 ? match.Groups["unit"].Value : null;
        var candidates = suffix switch
        {
            // K in a context length may mean 1,000 or 1,024 tokens: accept either reading.
            "K" => new[] { number * 1e3, number * 1024 },
            "M" => new[] { number * 1e6, number * 1024 * 1024 },
            "B" => new[] { number * 1e9 },
            "T" => new[] { number * 1e12 },
            _ => new[] { number },
        };
        var scale = unit?.ToUpperInvariant() switch
        {
            "GB" => 1e9,
            "GIB" => 1024.0 * 1024 * 1024,
            "TB" => 1e12,
            "TIB" => 1024.0 * 1024 * 1024 * 1024,
            "MB" => 1e6,
            "MIB" => 1024.0 * 1024,
            "KB" => 1e3,
            "KIB" => 1024.0,
            _ => 1.0,
        };
        return new ClaimValue(text, candidates.Select(c => c * scale).Distinct().ToList(), match.Groups["approx"].Success, match.Groups["dollar"].Success ? "$" : unit);
    }
}
