using Reports.Site.Deriving;
using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>
/// A post from text to HTML in one call: <see cref="PostParser"/> (front matter, Markdown, tag syntax, URLs) then
/// <see cref="PostRenderer"/> (tags evaluated, claims checked, markup guarded, HTML). A build runs the two in its Load
/// and Render stages; this is for tools and tests that want every problem of one post at once.
/// </summary>
public sealed class PostCompiler(SiteModel site)
{
    private readonly PostParser _parser = new(site.Catalog);
    private readonly PostRenderer _renderer = new(site);

    /// <summary>The post and its HTML, or null and every problem found in it (the body's are reported even when the front matter failed).</summary>
    public (CompiledPost? Post, IReadOnlyList<ContentDiagnostic> Diagnostics) Compile(string path, string text, CancellationToken cancellationToken = default)
    {
        var parsed = _parser.Parse(path, text, cancellationToken);
        if (parsed is not { Body: { } body, BodyRead: true })
        {
            return (null, parsed.Diagnostics);
        }

        var diagnostics = parsed.Diagnostics.ToList();
        var html = _renderer.RenderBody(path, body, parsed.BodyLine, parsed.AllowHtml, evaluateOnly: parsed.Post is null, diagnostics, cancellationToken);
        // In the order they stand in the file, as the build lists them.
        var inFileOrder = diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return parsed.Post is { } post && html is not null ? (new CompiledPost(post, html), inFileOrder) : (null, inFileOrder);
    }
}
