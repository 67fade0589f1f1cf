using System.Text.Json;
using Reports.Site.Deriving;
using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>
/// Compiled posts kept beside a build. A post whose text, catalog and generator build are all
/// unchanged compiles to the same page and the same verdict on its claims, so a rebuild reuses it.
/// </summary>
public static class PostCache
{
    public const string FileName = "posts.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Key(SiteModel site, string path, string text)
        => Review.FactsManifest.Hash(GeneratorVersion.Current + "|" + site.CatalogFingerprint + "|" + path + "|" + text);

    public static IReadOnlyDictionary<string, Post> Read(string outputRoot, SiteModel site)
    {
        var file = Path.Combine(outputRoot, Review.FactsManifest.Folder, FileName);
        try
        {
            if (!File.Exists(file))
            {
                return new Dictionary<string, Post>();
            }

            var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(file), Json) ?? [];
            var posts = new Dictionary<string, Post>(StringComparer.Ordinal);
            foreach (var e in entries)
            {
                if (e is null || e.Key is null || e.Path is null || e.Slug is null || e.Title is null || e.Date is null || e.Summary is null
                    || e.Models is null || e.Tags is null || e.BodyHtml is null || e.Models.Any(m => m is null) || e.Tags.Any(t => t is null))
                {
                    continue; // a damaged entry: that post compiles again
                }

                var models = e.Models.Select(id => site.Catalog.TryGetModel(id, out var m) ? m : null).ToList();
                if (models.Any(m => m is null) || !ContentDate.TryParse(e.Date, out var date))
                {
                    continue;
                }

                posts[e.Key] = new Post(e.Path, e.Slug, new PostMeta(e.Title, date, e.Summary, models!, e.Tags, e.Draft, e.AllowHtml), e.BodyHtml, e.ClaimCount);
            }

            return posts;
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new Dictionary<string, Post>(); // an unreadable cache costs a recompile, nothing else
        }
    }

    public static string Write(IEnumerable<(string Key, Post Post)> posts)
        => JsonSerializer.Serialize(
            posts.OrderBy(p => p.Post.Path, StringComparer.Ordinal).Select(p => new Entry(
                p.Key, p.Post.Path, p.Post.Slug, p.Post.Meta.Title, p.Post.Meta.Date.ToString(), p.Post.Meta.Summary,
                p.Post.Meta.Models.Select(m => m.Id.Value).ToList(), p.Post.Meta.Tags.ToList(), p.Post.Meta.Draft, p.Post.Meta.AllowHtml,
                p.Post.BodyHtml, p.Post.ClaimCount)).ToList(),
            Json) + "\n";

    private sealed record Entry(
        string Key, string Path, string Slug, string Title, string Date, string Summary, List<string> Models,
        List<string> Tags, bool Draft, bool AllowHtml, string BodyHtml, int ClaimCount);
}
