using Reports.Site.Pages;
using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>All posts of a content tree, compiled; errors from every post, not only the first.</summary>
public sealed record PostSet(IReadOnlyList<Post> Published, IReadOnlyList<Post> Drafts, IReadOnlyList<ContentDiagnostic> Diagnostics)
{
    public static readonly PostSet Empty = new([], [], []);

    public static PostSet Load(SiteModel site, string contentRoot, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(contentRoot, "posts");
        if (!Directory.Exists(folder))
        {
            return Empty;
        }

        var compiler = new PostCompiler(site);
        var results = Directory.EnumerateFiles(folder, "*.md", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(path => site.CompilePost(compiler, path, File.ReadAllText(path), cancellationToken))
            .ToList();
        var posts = results.Select(r => r.Post).OfType<Post>().ToList();
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        foreach (var duplicate in posts.GroupBy(p => p.Slug).Where(g => g.Count() > 1))
        {
            diagnostics.Add(new ContentDiagnostic(DiagnosticCodes.DuplicateSlug, DiagnosticSeverity.Error, duplicate.Last().Path, 1, 1, "another post already has the slug '" + duplicate.Key + "'."));
        }

        static IReadOnlyList<Post> Newest(IEnumerable<Post> posts)
            => posts.OrderByDescending(p => p.Meta.Date).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();

        return new PostSet(Newest(posts.Where(p => !p.Meta.Draft)), Newest(posts.Where(p => p.Meta.Draft)), diagnostics);
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
