using System.Text.RegularExpressions;

namespace Reports.Site.Pages;

/// <summary>
/// How readers type a model or accelerator name that its page does not spell: "llama3" and "llama31" for
/// Llama 3.1, "qwen3" for Qwen3 30B-A3B, "h100" for the H100 SXM5. Both searches (the header's title search
/// and the full-text index) match these, so a compact name finds the page.
/// </summary>
public static partial class SearchTerms
{
    public static IReadOnlyList<string> Aliases(string id, string name)
    {
        var aliases = new SortedSet<string>(StringComparer.Ordinal) { id, id.Replace("-", "", StringComparison.Ordinal) };
        var words = Words().Matches(name.ToLowerInvariant()).Select(m => m.Value).ToList();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            // A word followed by a version ("llama" "3.1", "gemma" "3"): the joined forms readers type.
            if (char.IsLetter(words[i][0]) && char.IsDigit(words[i + 1][0]))
            {
                var version = words[i + 1];
                aliases.Add(words[i] + version);
                aliases.Add(words[i] + version.Replace(".", "", StringComparison.Ordinal));
                aliases.Add(words[i] + version.Split('.')[0]);
            }
        }

        return aliases.ToList();
    }

    [GeneratedRegex(@"[a-z]+|[0-9]+(\.[0-9]+)*[a-z]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();
}
