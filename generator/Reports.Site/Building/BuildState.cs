using System.Text.Json;

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

    /// <summary>Every file the build wrote, with its size: a file deleted, truncated or added by hand is seen.
    /// Null in a record written before the list existed.</summary>
    public IReadOnlyDictionary<string, long>? Files { get; init; }

    public const string FileName = "build.json";

    /// <summary>Where the record lives in the output; its presence marks a folder this generator published.</summary>
    public const string RelativePath = Review.FactsManifest.Folder + "/" + FileName;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Identifies this generator build: any code change renders everything again.</summary>
    public static string CurrentGenerator => GeneratorVersion.Current;

    public static BuildState? Read(string outputRoot)
    {
        var path = Path.Combine(outputRoot, Review.FactsManifest.Folder, FileName);
        try
        {
            var state = File.Exists(path) ? JsonSerializer.Deserialize<BuildState>(File.ReadAllText(path), Json) : null;

            // A damaged record (null fields, null entries) only costs a full render, never a crash.
            return state is { Generator: not null, Pages: not null } && state.Pages.Values.All(v => v is not null)
                ? state with { Api = state.Api ?? "", Site = state.Site ?? "" }
                : null;
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    public string Write() => JsonSerializer.Serialize(this with
    {
        Pages = new SortedDictionary<string, string>(Pages.ToDictionary(), StringComparer.Ordinal),
        Files = Files is null ? null : new SortedDictionary<string, long>(Files.ToDictionary(), StringComparer.Ordinal),
    }, Json) + "\n";

    /// <summary>The file is where this build left it, at the size it wrote (not deleted, not truncated).</summary>
    public bool StillWritten(string outputRoot, string relativePath)
    {
        var file = new FileInfo(Path.Combine(outputRoot, relativePath));
        return file.Exists && (Files is null || (Files.TryGetValue(relativePath, out var size) && size == file.Length));
    }
}

