using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Reports.Site.Deriving;
using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>
/// The Render stage's part of a post: its Markdown parsed again (a rendered document is changed in place, so a parse
/// is never shared), every data tag evaluated against the derived numbers and each claim checked, the author's markup
/// guarded as written, then the HTML. A post that fails says so at its file, line and column.
/// </summary>
public sealed partial class PostRenderer(SiteModel site)
{
    private readonly ClaimTolerances _tolerances = ClaimTolerances.From(site.Catalog.Site);

    /// <summary>The post's body as HTML; a tag that fails or a claim the catalog refutes throws <see cref="PostRenderException"/>.</summary>
    public string Render(Post post, CancellationToken cancellationToken = default)
    {
        var (html, diagnostics) = Compile(post, cancellationToken);
        return html ?? throw new PostRenderException(diagnostics);
    }

    /// <summary>What rendering the post finds wrong; empty when it would publish (drafts are checked this way).</summary>
    public IReadOnlyList<ContentDiagnostic> Check(Post post, CancellationToken cancellationToken = default) => Compile(post, cancellationToken).Diagnostics;

    private (string? Html, List<ContentDiagnostic> Diagnostics) Compile(Post post, CancellationToken cancellationToken)
    {
        var diagnostics = new List<ContentDiagnostic>();
        return (RenderBody(post.Path, post.Body, post.BodyLine, post.Meta.AllowHtml, evaluateOnly: false, diagnostics, cancellationToken), diagnostics);
    }

    /// <summary>
    /// Every problem of every post, when some could not be read: the others' bodies are rendered and the rejected
    /// posts' tags evaluated, so the author sees each mistake in one build rather than one post per build.
    /// </summary>
    public IReadOnlyList<ContentDiagnostic> Problems(PostSet posts, CancellationToken cancellationToken)
    {
        var diagnostics = new List<ContentDiagnostic>(posts.Diagnostics);
        foreach (var post in posts.Published.Concat(posts.Drafts))
        {
            diagnostics.AddRange(Check(post, cancellationToken));
        }

        foreach (var rejected in posts.Rejected)
        {
            if (rejected is { Body: { } body, BodyRead: true })
            {
                RenderBody(rejected.Path, body, rejected.BodyLine, rejected.AllowHtml, evaluateOnly: true, diagnostics, cancellationToken);
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// Evaluates the body's tags, adding each problem to <paramref name="diagnostics"/>, and renders it when nothing is
    /// wrong, there or before. <paramref name="evaluateOnly"/>: the post cannot be published (its front matter failed),
    /// but its tags are still checked so one run reports every mistake.
    /// </summary>
    internal string? RenderBody(string path, string body, int bodyLine, bool allowHtml, bool evaluateOnly, List<ContentDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        void Error(string id, int line, int column, string message)
            => diagnostics.Add(new ContentDiagnostic(id, DiagnosticSeverity.Error, path, Math.Max(1, line), Math.Max(1, column), message));

        // Markdig refuses input nested deeper than it can parse or render; the parser reported it, and so does a direct call.
        void Unreadable(Exception exception) => Error(DiagnosticCodes.TooDeep, bodyLine, 1, PostMarkdown.Unreadable(exception));
        var pipeline = PostMarkdown.For(allowHtml);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(body, pipeline);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            Unreadable(exception);
            return null;
        }

        var rendered = EvaluateTags(document, body, bodyLine, Error, cancellationToken);
        if (evaluateOnly || diagnostics.Count > 0)
        {
            return null;
        }

        try
        {
            // The author's markup is guarded as written, every tag still empty; the tags' own HTML is the site's.
            foreach (var problem in MarkupGuard.Problems(document.ToHtml(pipeline), allowHtml))
            {
                Error(DiagnosticCodes.UnsafeMarkup, bodyLine, 1, problem + ".");
            }

            if (diagnostics.Count > 0)
            {
                return null;
            }

            foreach (var (tag, tagHtml) in rendered)
            {
                tag.Html = tagHtml;
            }

            return document.ToHtml(pipeline);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            Unreadable(exception);
            return null;
        }
    }

    /// <summary>
    /// Evaluates every well-formed data tag, in document order (the parser reported the others), and gives a table tag
    /// alone in its paragraph that paragraph's place. Returns each tag's HTML; a tag that fails, or stands where its HTML
    /// would break the markup, is an error at its name.
    /// </summary>
    private List<(DataTagInline Tag, string Html)> EvaluateTags(MarkdownDocument document, string body, int bodyLine, Action<string, int, int, string> error, CancellationToken cancellationToken)
    {
        var tags = new DataTags(site, "../../");
        var rendered = new List<(DataTagInline, string)>();
        foreach (var tag in document.Descendants<DataTagInline>().ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DataTagDefinition.For(tag) is not { } definition)
            {
                continue;
            }

            var name = definition.Name;
            void Fail(string id, string message) => error(id, tag.Line + bodyLine, tag.NameColumn + 1, message);

            // The tag's own value first: a tag that cannot be evaluated says why, wherever it stands.
            string html;
            try
            {
                html = definition.Render(tags, _tolerances, tag.Call!.Arguments);
            }
            catch (DataTagException exception)
            {
                Fail(exception.Id, exception.Message);
                continue;
            }

            var lineStart = body.LastIndexOf('\n', Math.Max(0, tag.Span.Start - 1)) + 1;
            if (LinkTargetOpen().IsMatch(body.AsSpan(lineStart, tag.Span.Start - lineStart)))
            {
                Fail(DiagnosticCodes.MisplacedDataTag, "'" + name + "' cannot be used inside a link target; put it in the text.");
                continue;
            }

            if (Enclosing<LinkInline>(tag) is not null)
            {
                Fail(DiagnosticCodes.MisplacedDataTag, "'" + name + "' cannot be used inside a link's text: it renders a link of its own.");
                continue;
            }

            if (definition.Block && !TakeParagraph(tag))
            {
                Fail(DiagnosticCodes.MisplacedDataTag, "'" + name + "' renders a table: put it on a line of its own, with a blank line before and after.");
                continue;
            }

            rendered.Add((tag, html));
        }

        return rendered;
    }

    private static T? Enclosing<T>(Inline inline)
        where T : Inline
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>A block tag alone in its paragraph takes the paragraph's place; anywhere else it cannot stand.</summary>
    private static bool TakeParagraph(DataTagInline tag)
    {
        if (tag.Parent is not { Parent: null, ParentBlock: ParagraphBlock paragraph } root
            || !root.All(sibling => sibling == tag || sibling is LineBreakInline || (sibling is LiteralInline l && l.Content.IsEmptyOrWhitespace()))
            || paragraph.Parent is not { } container)
        {
            return false;
        }

        var index = container.IndexOf(paragraph);
        container.RemoveAt(index);
        container.Insert(index, new DataTagBlock(tag) { Line = paragraph.Line, Column = paragraph.Column, Span = paragraph.Span });
        return true;
    }

    /// <summary>Text that ends inside a link's destination, "[x](https://example.org/": a tag here was meant to be part of the URL.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\]\([^)\s]*$")]
    private static partial System.Text.RegularExpressions.Regex LinkTargetOpen();
}
