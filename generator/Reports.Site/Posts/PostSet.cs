using Reports.Site.Deriving;
using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>All posts of a content tree, compiled; errors from every post, not only the first.</summary>
public sealed record PostSet(IReadOnlyList<Post> Published, IReadOnlyList<Post> Drafts, IReadOnlyList<ContentDiagnostic> Diagnostics)
{
    public static readonly PostSet Empty = new([], [], []);

    /// <summary>Each compiled post with its cache key, for the next build.</summary>
    public IReadOnlyList<(string Key, Post Post)> Keyed { get; init; } = [];

    /// <param name="cached">Posts compiled by the previous build (<see cref="PostCache"/>), reused when their key still matches.</param>
    public static PostSet Load(SiteModel site, string contentRoot, IReadOnlyDictionary<string, Post> cached, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(contentRoot, "posts");
        if (File.Exists(folder))
        {
            return Empty with { Diagnostics = [new ContentDiagnostic(DiagnosticCodes.FrontMatter, DiagnosticSeverity.Error, folder, 1, 1, "posts is a file; posts are Markdown files in a folder named posts.")] };
        }

        if (!Directory.Exists(folder))
        {
            return Empty;
        }

        var compiler = new PostCompiler(site);
        var everything = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.Hidden };
        var misnamed = Directory.EnumerateFiles(folder, "*.m*d*", everything)
            .Where(path => Path.GetExtension(path) is var e && e != ".md" && (e.Equals(".md", StringComparison.OrdinalIgnoreCase) || e.Equals(".markdown", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .Select(path => new ContentDiagnostic(DiagnosticCodes.FrontMatter, DiagnosticSeverity.Error, path, 1, 1, "posts end in '.md' (lower case); rename " + Path.GetFileName(path) + " to " + Path.GetFileNameWithoutExtension(path) + ".md, or it is not published."))
            .ToList();
        var results = Directory.EnumerateFiles(folder, "*.md", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(path =>
            {
                if (Specs.Loading.ContentDirectory.Unreadable(path) is { } problem)
                {
                    return (Key: "", Post: (Post?)null, Diagnostics: (IReadOnlyList<ContentDiagnostic>)[new ContentDiagnostic(DiagnosticCodes.FrontMatter, DiagnosticSeverity.Error, path, 1, 1, problem)]);
                }

                // Invalid UTF-8 becomes U+FFFD, which the compiler reports at its line.
                var text = Specs.Loading.ContentDirectory.ReadText(path);
                var key = PostCache.Key(site, path, text);
                var result = cached.TryGetValue(key, out var post) ? (post, []) : compiler.Compile(path, text, cancellationToken);
                return (Key: key, result.Post, result.Diagnostics);
            })
            .ToList();
        var posts = results.Select(r => r.Post).OfType<Post>().ToList();
        var diagnostics = misnamed.Concat(results.SelectMany(r => r.Diagnostics)).ToList();
        foreach (var duplicate in posts.GroupBy(p => p.Slug).Where(g => g.Count() > 1))
        {
            diagnostics.Add(new ContentDiagnostic(DiagnosticCodes.DuplicateSlug, DiagnosticSeverity.Error, duplicate.Last().Path, 1, 1, "another post already has the slug '" + duplicate.Key + "'."));
        }

        static IReadOnlyList<Post> Newest(IEnumerable<Post> posts)
            => posts.OrderByDescending(p => p.Meta.Date).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();

        return new PostSet(Newest(posts.Where(p => !p.Meta.Draft)), Newest(posts.Where(p => p.Meta.Draft)), diagnostics)
        {
            Keyed = results.Where(r => r.Post is not null).Select(r => (r.Key, r.Post!)).ToList(),
        };
    }

    /// <summary>Posts about a model, newest first.</summary>
    public IReadOnlyList<Post> About(ModelId model) => Published.Where(p => p.Meta.Models.Any(m => m.Id == model)).ToList();

    /// <summary>Related posts: most shared models first, then most shared tags.</summary>
    public IReadOnlyList<Post> RelatedTo(Post post, int max = 3)
        => Published.Where(p => p.Slug != post.Slug)
            .Select(p => (Post: p, Models: p.Meta.Models.Count(m => post.Meta.Models.Any(x => x.Id == m.Id)), Tags: p.Meta.Tags.Intersect(post.Meta.Tags).Count()))
            .Where(x => x.Models + x.Tags > 0)
            .OrderByDescending(x => x.Models).ThenByDescending(x => x.Tags).ThenBy(x => x.Post.Slug, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Post)
            .ToList();
}
