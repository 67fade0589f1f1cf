using System.Text.RegularExpressions;

namespace Reports.Specs.Content.Loading;

/// <summary>The one rule for ids, file names and URL segments.</summary>
public static class Slug
{
    private static readonly Regex Pattern = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    public const string Rule = "[a-z0-9]+(-[a-z0-9]+)*";

    public static bool IsValid(string value) => value.Length <= 100 && Pattern.IsMatch(value);
}
