using System.Globalization;
using System.Text.RegularExpressions;

namespace Reports.Site.Import;

/// <summary>
/// The few things a model card (the Hugging Face README.md) states in a form a program can read without
/// guessing: the licence in its front matter and a "Number of Parameters:" line (the Qwen cards' format).
/// Everything else on a card is prose for the author to read.
/// </summary>
/// <param name="License">front matter 'license', or 'license_name' when the licence is 'other'.</param>
/// <param name="LicenseLine">The front-matter line(s) it was read from.</param>
/// <param name="Parameters">The total parameter count the card states.</param>
/// <param name="ActiveParameters">The activated count, for a card line that gives both.</param>
/// <param name="ParametersLine">The card's line, quoted in the draft so a reviewer can find it.</param>
/// <param name="ContextLine">A "Context Length:" line, shown to the author, never written as a value.</param>
public sealed partial record ModelCard(string? License, string? LicenseLine, double? Parameters, double? ActiveParameters, string? ParametersLine, string? ContextLine)
{
    public static ModelCard Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var frontMatter = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            for (var i = 1; i < lines.Length && lines[i].Trim() != "---"; i++)
            {
                // Only top-level "key: value" pairs; lists and nested maps are not needed here.
                if (TopLevelPair().Match(lines[i]) is { Success: true } pair && pair.Groups[2].Value.Length > 0)
                {
                    frontMatter[pair.Groups[1].Value] = pair.Groups[2].Value.Trim().Trim('"', '\'');
                }
            }
        }

        string? license = null, licenseLine = null;
        if (frontMatter.TryGetValue("license", out var id))
        {
            licenseLine = "license: " + id;
            license = id;
            if (id == "other" && frontMatter.TryGetValue("license_name", out var name))
            {
                license = name;
                licenseLine += ", license_name: " + name;
            }
        }

        double? total = null, active = null;
        string? parametersLine = null, contextLine = null;
        foreach (var line in lines)
        {
            var plain = line.Replace("*", "", StringComparison.Ordinal).Trim().TrimStart('-', ' ');
            if (parametersLine is null && ParametersPattern().Match(plain) is { Success: true } p)
            {
                parametersLine = plain;
                total = Count(p.Groups[1].Value, p.Groups[2].Value);
                if (ActivatedPattern().Match(plain) is { Success: true } a)
                {
                    active = Count(a.Groups[1].Value, a.Groups[2].Value);
                }
            }

            if (contextLine is null && plain.StartsWith("Context Length:", StringComparison.OrdinalIgnoreCase))
            {
                contextLine = plain;
            }
        }

        return new ModelCard(license, licenseLine, total, active, parametersLine, contextLine);
    }

    private static double Count(string number, string unit)
        => double.Parse(number, CultureInfo.InvariantCulture) * (unit.ToUpperInvariant() == "B" ? 1e9 : 1e6);

    [GeneratedRegex(@"^([a-z_]+):\s*(.*)$")]
    private static partial Regex TopLevelPair();

    // "Number of Parameters: 32.8B" or "Number of Parameters: 235B in total and 22B activated"; not the "(Non-Embedding)" line.
    [GeneratedRegex(@"^Number of Parameters:\s*([0-9]+(?:\.[0-9]+)?)\s*([BM])\b", RegexOptions.IgnoreCase)]
    private static partial Regex ParametersPattern();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)\s*([BM])\s+activated", RegexOptions.IgnoreCase)]
    private static partial Regex ActivatedPattern();
}
