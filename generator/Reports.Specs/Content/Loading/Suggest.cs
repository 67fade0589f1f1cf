using System;
using System.Collections.Generic;
using System.Linq;

namespace Reports.Specs.Content.Loading;

/// <summary>"Did you mean" for mistyped keys and ids.</summary>
public static class Suggest
{
    /// <summary>Longer than any key or id; a suggestion for it would cost O(length x candidates) and help nobody.</summary>
    public const int MaxSuggestLength = 128;

    public static IReadOnlyList<string> Closest(string value, IEnumerable<string> candidates, int max = 3)
    {
        if (value.Length > MaxSuggestLength)
        {
            return Array.Empty<string>();
        }

        var limit = Math.Max(2, value.Length / 3);
        return candidates
            .Select(c => (Candidate: c, Distance: Distance(value, c)))
            .Where(x => x.Distance <= limit || x.Candidate.StartsWith(value, StringComparison.Ordinal) || value.StartsWith(x.Candidate, StringComparison.Ordinal))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Candidate)
            .ToList();
    }

    public static string DidYouMean(string value, IEnumerable<string> candidates)
    {
        var close = Closest(value, candidates);
        return close.Count == 0 ? "" : " Did you mean " + string.Join(" or ", close.Select(c => "'" + c + "'")) + "?";
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
