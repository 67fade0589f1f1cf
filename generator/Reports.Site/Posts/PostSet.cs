using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>All posts of a content tree, parsed (the Load stage; their bodies render in the Render stage); errors from every post, not only the first.</summary>
public sealed record PostSet(IReadOnlyList<Post> Published, IReadOnlyList<Post> Drafts, IReadOnlyList<ContentDiagnostic> Diagnostics)
{
    public static readonly PostSet Empty = new([], [], []);

    /// <summary>The posts that could not be read, with their bodies where found: their tags are still checked, so one build reports every mistake.</summary>
    public IReadOnlyList<ParsedPost> Rejected { get; init; } = [];

    public static PostSet Load(Specs.Catalog.Catalog catalog, string contentRoot, CancellationToken cancellationToken)
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

        var parser = new PostParser(catalog);
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
                    return new ParsedPost(path, null, null, 1, false, false, [new ContentDiagnostic(DiagnosticCodes.FrontMatter, DiagnosticSeverity.Error, path, 1, 1, problem)]);
                }

                // Invalid UTF-8 becomes U+FFFD, which the compiler reports at its line.
                return parser.Parse(path, Specs.Loading.ContentDirectory.ReadText(path), cancellationToken);
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
            Rejected = results.Where(r => r.Post is null).ToList(),
        };
    }

    /// <summary>
    /// What the posts' pages are made from: each post's path and text. Their HTML is a function of that text, the
    /// catalog and the generator, which every fingerprint holds already.
    /// </summary>
    public string Fingerprint => Review.FactsManifest.Hash(string.Join("\n", Published.Concat(Drafts).Select(p => p.Path + "|" + p.SourceHash)));

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
