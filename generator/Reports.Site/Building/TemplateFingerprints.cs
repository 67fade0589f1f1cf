using System.Text.RegularExpressions;

namespace Reports.Site.Building;

/// <summary>Hashes of templates with everything they include: the layout and the partials, recursively.</summary>
public sealed class TemplateFingerprints(Rendering.TemplateSet templates)
{
    private static readonly Regex Include = new("include\\s+[\"']([^\"']+)[\"']", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public string For(string template)
    {
        lock (_cache)
        {
            if (!_cache.TryGetValue(template, out var hash))
            {
                var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
                Collect("layouts/base.html", texts);
                Collect(template, texts);
                _cache[template] = hash = Review.FactsManifest.Hash(string.Join("\n", texts.Select(t => t.Key + "\n" + t.Value)));
            }

            return hash;
        }
    }

    private void Collect(string name, SortedDictionary<string, string> texts)
    {
        // Read by the template set's own rules: a name outside the folder, a FIFO or bad UTF-8 is never
        // read here; rendering reports it at its include.
        if (texts.ContainsKey(name) || templates.TextForFingerprint(name) is not { } text)
        {
            return;
        }

        texts[name] = text;
        foreach (Match match in Include.Matches(text))
        {
            Collect("partials/" + match.Groups[1].Value, texts);
        }
    }
}
