using System.Text.Json;
using System.Text.RegularExpressions;

namespace Reports.Site.Building;

/// <summary>
/// What the previous build rendered from what: each page's input fingerprint (its data, templates and
/// partials, the generator's own build). A rebuild renders only pages whose fingerprint changed.
/// </summary>
public sealed record BuildState(string Generator, IReadOnlyDictionary<string, string> Pages)
{
    /// <summary>The inputs of the JSON API (catalog, base URL, generator): unchanged means the files are too.</summary>
    public string Api { get; init; } = "";

    /// <summary>Everything the site is made from (every page's inputs, the API's, posts, assets): unchanged means nothing to publish.</summary>
    public string Site { get; init; } = "";

    public const string FileName = "build.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Identifies this generator build: any code change renders everything again.</summary>
    public static string CurrentGenerator { get; } = typeof(BuildState).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static BuildState? Read(string outputRoot)
    {
        var path = Path.Combine(outputRoot, Review.FactsManifest.Folder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<BuildState>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable state only costs a full render
        }
    }

    public string Write() => JsonSerializer.Serialize(this with { Pages = new SortedDictionary<string, string>(Pages.ToDictionary(), StringComparer.Ordinal) }, Json) + "\n";
}

/// <summary>Hashes of templates with everything they include: the layout and the partials, recursively.</summary>
public sealed class TemplateFingerprints(string root)
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
        var path = Path.Combine(root, name);
        if (texts.ContainsKey(name) || !File.Exists(path))
        {
            return;
        }

        var text = File.ReadAllText(path);
        texts[name] = text;
        foreach (Match match in Include.Matches(text))
        {
            Collect("partials/" + match.Groups[1].Value, texts);
        }
    }
}
