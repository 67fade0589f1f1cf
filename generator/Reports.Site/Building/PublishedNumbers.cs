using System.Text.RegularExpressions;

namespace Reports.Site.Building;

/// <summary>
/// The last guard before a file is written: a number that is not finite (NaN, infinity) means an
/// estimate divided by zero somewhere upstream, and no reader may see it as a figure.
/// </summary>
public static class PublishedNumbers
{
    private static readonly Regex NonFinite = new(@"(?<![\p{L}\p{N}_])(-?(NaN|Infinity|∞))x?(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant); // literal alternatives with one-character lookarounds: linear, no backtracking to bound

    // Names that contain the words and are not numbers: AMD's interconnect.
    private static readonly Regex ProperNames = new(@"Infinity Fabric", RegexOptions.CultureInvariant);

    /// <summary>The error for a file that shows a non-finite number, or null when every number is finite.</summary>
    public static string? Problem(string outputPath, string text)
    {
        var match = NonFinite.Match(ProperNames.Replace(text, m => new string('x', m.Length)));
        if (!match.Success)
        {
            return null;
        }

        var line = 1 + text.AsSpan(0, match.Index).Count('\n');
        return outputPath + "(" + line + "): error " + Specs.Content.DiagnosticIds.NonFiniteNumber + ": the page would show '" + match.Groups[1].Value + "', a number that is not finite; an estimate divided by zero or overflowed. Check the assumptions and data it is computed from.";
    }
}
