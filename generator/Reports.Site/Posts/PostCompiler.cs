using System.Globalization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Posts;

/// <summary>
/// Front matter, then Markdown with data tags (<see cref="DataTagExtension"/>): parsed, each tag evaluated and its
/// claims checked, then rendered. Every problem is collected with the post's file, line and column; a post with any
/// error is not published and fails the build.
/// </summary>
public sealed partial class PostCompiler
{
    private readonly SiteModel _site;
    private readonly ClaimTolerances _tolerances;

    public PostCompiler(SiteModel site)
    {
        _site = site;
        _tolerances = ClaimTolerances.From(site.Catalog.Site);
    }

    public (Post? Post, IReadOnlyList<ContentDiagnostic> Diagnostics) Compile(string path, string text, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<ContentDiagnostic>();
        void Error(string id, int line, int column, string message)
            => diagnostics.Add(new ContentDiagnostic(id, DiagnosticSeverity.Error, path, Math.Max(1, line), Math.Max(1, column), message));

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var invalid = text.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (invalid >= 0)
        {
            // Invalid UTF-8 decodes to U+FFFD: say where, rather than publish the replacement character.
            var line = 1 + text.AsSpan(0, invalid).Count('\n');
            Error(DiagnosticCodes.FrontMatter, line, invalid - text.LastIndexOf('\n', Math.Max(0, invalid - 1)), "the post is not valid UTF-8 here (or holds U+FFFD): save it as UTF-8.");
            return (null, diagnostics);
        }

        var slug = Path.GetFileNameWithoutExtension(path);
        if (!Specs.Content.Loading.Slug.IsValid(slug))
        {
            Error(DiagnosticCodes.FrontMatter, 1, 1, "post file name '" + slug + "' is not a valid slug (" + Specs.Content.Loading.Slug.Rule + ").");
        }

        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            Error(DiagnosticCodes.FrontMatter, 1, 1, "a post starts with front matter between '---' lines (title, date, summary, models, tags).");
            return (null, diagnostics);
        }

        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            Error(DiagnosticCodes.FrontMatter, 1, 1, "the front matter is not closed by a '---' line.");
            return (null, diagnostics);
        }

        var frontMatter = text[4..(end + 1)];
        var body = text[(end + 5)..];
        var bodyLine = frontMatter.Count(c => c == '\n') + 3;
        var meta = ParseFrontMatter(frontMatter, Error);
        cancellationToken.ThrowIfCancellationRequested();

        // Markdig refuses input nested deeper than it can parse or render; the post is the place to fix it.
        void Unreadable(Exception exception)
            => Error(DiagnosticCodes.TooDeep, bodyLine, 1, "the post's Markdown cannot be read: " + exception.Message + " Nest block quotes, lists and brackets less deeply.");

        // The body is read even when the front matter failed, so one build reports the mistakes of both.
        var pipeline = meta?.AllowHtml == true ? PostMarkdown.WithHtml : PostMarkdown.Safe;
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(body, pipeline);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            Unreadable(exception);
            return (null, diagnostics);
        }

        var claims = 0;
        var rendered = EvaluateTags(document, body, bodyLine, Error, () => claims++, cancellationToken);
        CheckDocument(document, body, bodyLine, Error);
        if (meta is null || diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        // The author's markup is guarded as written, every tag still empty; the tags' own HTML is the site's.
        string html;
        try
        {
            foreach (var problem in MarkupGuard.Problems(document.ToHtml(pipeline), meta.AllowHtml))
            {
                Error(DiagnosticCodes.UnsafeMarkup, bodyLine, 1, problem + ".");
            }

            foreach (var (tag, tagHtml) in rendered)
            {
                tag.Html = tagHtml;
            }

            html = diagnostics.Count > 0 ? "" : document.ToHtml(pipeline);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            Unreadable(exception);
            return (null, diagnostics);
        }

        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        return (new Post(path, slug, meta, html, claims), diagnostics);
    }

    private PostMeta? ParseFrontMatter(string yaml, Action<string, int, int, string> error)
    {
        // Front matter lines start one below the opening '---'.
        var problems = new List<ContentDiagnostic>();
        var root = Specs.Content.Loading.ContentFile.ParseMapping("front matter", yaml, problems);
        IReadOnlyDictionary<string, Specs.Content.Loading.Position> positions = new Dictionary<string, Specs.Content.Loading.Position>();
        var bound = root is null ? null : Specs.Content.Loading.ContentFile.Bind<PostFrontMatter>("front matter", root, problems, out positions);
        foreach (var problem in problems)
        {
            error(DiagnosticCodes.FrontMatter, problem.Line + 1, problem.Column, "front matter: " + problem.Message);
        }

        if (root is null && problems.Count == 0)
        {
            error(DiagnosticCodes.FrontMatter, 2, 1, "the front matter must be a YAML mapping.");
        }

        if (bound is null)
        {
            return null;
        }

        (int Line, int Column) At(string key) => positions.TryGetValue(key, out var at) ? (at.Line + 1, at.Column) : (2, 1);
        // A title or summary the binder accepted may still be empty; one it refused (a control character) is reported already.
        foreach (var key in new[] { "title", "summary" })
        {
            if (positions.ContainsKey(key) && (key == "title" ? bound.Title : bound.Summary).Length == 0 && !problems.Any(p => p.Line + 1 == At(key).Line))
            {
                error(DiagnosticCodes.FrontMatter, At(key).Line, At(key).Column, "front matter needs '" + key + "' to say something.");
            }
        }

        var models = new List<ModelData>();
        for (var i = 0; i < bound.Models.Count; i++)
        {
            var id = bound.Models[i];
            if (_site.Catalog.TryGetModel(id, out var model))
            {
                models.Add(model);
            }
            else
            {
                var (line, column) = At("models[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                error(DiagnosticCodes.UnknownModel, line, column, "front matter names model '" + id + "', which is not in the catalog." + Specs.Content.Loading.Suggest.DidYouMean(id, _site.Catalog.Models.Select(m => m.Id.Value)));
            }
        }

        for (var i = 0; i < bound.Tags.Count; i++)
        {
            if (!Specs.Content.Loading.Slug.IsValid(bound.Tags[i]))
            {
                var (line, column) = At("tags[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                error(DiagnosticCodes.FrontMatter, line, column, "tag '" + bound.Tags[i] + "' is not a valid slug (" + Specs.Content.Loading.Slug.Rule + ").");
            }
        }

        return problems.Count > 0 ? null : new PostMeta(bound.Title, bound.Date, bound.Summary, models, bound.Tags.ToList(), bound.Draft, bound.AllowHtml);
    }

    /// <summary>
    /// Evaluates every data tag the parser found, in document order, and gives a table tag alone in its paragraph that
    /// paragraph's place. Returns each tag's HTML; a tag that fails, or stands where its HTML would break the markup,
    /// is an error at its name.
    /// </summary>
    private List<(DataTagInline Tag, string Html)> EvaluateTags(MarkdownDocument document, string body, int bodyLine, Action<string, int, int, string> error, Action countClaim, CancellationToken cancellationToken)
    {
        var tags = new DataTags(_site, "../../");
        var definitions = new Dictionary<string, (int Arity, bool Block, Func<IReadOnlyList<object>, string> Render)>(StringComparer.Ordinal)
        {
            ["spec"] = (2, false, a => tags.Spec(Str(a[0]), Str(a[1]))),
            ["claim"] = (3, false, a =>
            {
                countClaim();
                return tags.Claim(Str(a[0]), Str(a[1]), Str(a[2]), _tolerances);
            }),
            ["compare_table"] = (2, true, a => tags.CompareTable(Str(a[0]), Str(a[1]))),
            ["benchmark_table"] = (1, true, a => tags.BenchmarkTable(Strs(a[0]))),
            ["memory_table"] = (1, true, a => tags.MemoryTable(Str(a[0]))),
            ["speed_table"] = (2, true, a => tags.SpeedTable(Strs(a[0]), Str(a[1]))),
            ["cost_table"] = (1, true, a => tags.CostTable(Strs(a[0]))),
            ["recipe"] = (5, true, a => tags.Recipe(Str(a[0]), Str(a[1]), Str(a[2]), Str(a[3]), Str(a[4]))),
        };

        var rendered = new List<(DataTagInline, string)>();
        foreach (var tag in document.Descendants<DataTagInline>().ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            void Fail(string id, string message) => error(id, tag.Line + bodyLine, tag.NameColumn + 1, message);
            if (tag.Call is not { } call)
            {
                Fail(DiagnosticCodes.TemplateError, "data tag: " + tag.Error);
                continue;
            }

            if (!definitions.TryGetValue(call.Name, out var definition))
            {
                Fail(DiagnosticCodes.TemplateError, "unknown data tag '" + call.Name + "'." + Suggest.DidYouMean(call.Name, definitions.Keys) + " Data tags: " + string.Join(", ", definitions.Keys) + ".");
                continue;
            }

            if (call.Arguments.Count != definition.Arity)
            {
                Fail(DiagnosticCodes.TemplateError, "'" + call.Name + "' takes " + definition.Arity + " argument" + (definition.Arity == 1 ? "" : "s") + ", not " + call.Arguments.Count + ".");
                continue;
            }

            // The tag's own value first: a tag that cannot be evaluated says why, wherever it stands.
            string html;
            try
            {
                html = definition.Render(call.Arguments);
            }
            catch (DataTagException exception)
            {
                Fail(exception.Id, exception.Message);
                continue;
            }

            var lineStart = body.LastIndexOf('\n', Math.Max(0, tag.Span.Start - 1)) + 1;
            if (LinkTargetOpen().IsMatch(body.AsSpan(lineStart, tag.Span.Start - lineStart)))
            {
                Fail(DiagnosticCodes.MisplacedDataTag, "'" + call.Name + "' cannot be used inside a link target; put it in the text.");
                continue;
            }

            if (Enclosing<LinkInline>(tag) is not null)
            {
                Fail(DiagnosticCodes.MisplacedDataTag, "'" + call.Name + "' cannot be used inside a link's text: it renders a link of its own.");
                continue;
            }

            if (definition.Block && !TakeParagraph(tag))
            {
                Fail(DiagnosticCodes.MisplacedDataTag, "'" + call.Name + "' renders a table: put it on a line of its own, with a blank line before and after.");
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

    /// <summary>
    /// Every URL an element can carry is checked against <see cref="UrlPolicy"/> (links, images, autolinks, reference
    /// definitions), and a data tag written where Markdown keeps text as it is (code, a link target or title, raw HTML)
    /// is an error: it would show as its source, not its value.
    /// </summary>
    private static void CheckDocument(MarkdownDocument document, string body, int bodyLine, Action<string, int, int, string> error)
    {
        void Url(MarkdownObject at, string? url)
        {
            if (url is not null && !UrlPolicy.IsAllowed(url, out var scheme))
            {
                error(DiagnosticCodes.UnsafeLink, at.Line + bodyLine, at.Column + 1, "link to '" + TextRules.Shorten(url) + "' uses the scheme '" + scheme + ":'; posts may link to " + UrlPolicy.Allowed + ".");
            }
        }

        void Misplaced(MarkdownObject at, string? text, string where)
        {
            foreach (var tag in WrittenTags(text))
            {
                error(DiagnosticCodes.MisplacedDataTag, at.Line + bodyLine, at.Column + 1, "'" + tag + "' cannot be used " + where + "; put it in the text.");
            }
        }

        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case LinkInline link:
                    Url(link, link.Url);

                    // A bare URL ends at the first space, so "https://x/{{ spec ..." keeps only "{{" of the tag: read the name from the source.
                    Misplaced(link, link.Url?.EndsWith("{{", StringComparison.Ordinal) == true ? LineFrom(body, link.Span.Start) : link.Url, "inside a link target");
                    Misplaced(link, link.Title, "inside a link title");
                    break;
                case AutolinkInline autolink:
                    Url(autolink, autolink.IsEmail ? null : autolink.Url);
                    Misplaced(autolink, autolink.Url, "inside a link target");
                    break;
                case LinkReferenceDefinition definition:
                    Url(definition, definition.Url);
                    Misplaced(definition, definition.Url, "inside a link target");
                    Misplaced(definition, definition.Title, "inside a link title");
                    break;
                case CodeInline code:
                    Misplaced(code, code.Content, "inside code");
                    break;
                case HtmlInline inline:
                    Misplaced(inline, inline.Tag, "inside raw HTML");
                    break;
                case LeafBlock { Lines.Count: > 0 } leaf when leaf is CodeBlock or HtmlBlock:
                    Misplaced(leaf, leaf.Lines.ToString(), leaf is CodeBlock ? "inside code" : "inside raw HTML");
                    break;
            }
        }
    }

    /// <summary>The source from <paramref name="start"/> to the end of its line.</summary>
    private static string LineFrom(string body, int start)
    {
        var end = body.IndexOf('\n', start);
        return body[start..(end < 0 ? body.Length : end)];
    }

    /// <summary>The names of the data tags written in a piece of text Markdown keeps as it is.</summary>
    private static IEnumerable<string> WrittenTags(string? text)
        => text is null || !text.Contains("{{", StringComparison.Ordinal)
            ? []
            : WrittenTag().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>Text that ends inside a link's destination, "[x](https://example.org/": a tag here was meant to be part of the URL.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\]\([^)\s]*$")]
    private static partial System.Text.RegularExpressions.Regex LinkTargetOpen();

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*([a-z_]+)")]
    private static partial System.Text.RegularExpressions.Regex WrittenTag();

    /// <summary>An argument <see cref="DataTagSyntax"/> read as one string (a quoted string or a number).</summary>
    private static string Str(object value)
        => value as string ?? throw new DataTagException(DiagnosticCodes.TemplateError, "a list stands where this data tag takes one quoted string.");

    /// <summary>An argument read as a list of strings; one string is a list of one.</summary>
    private static IReadOnlyList<string> Strs(object value) => value as IReadOnlyList<string> ?? [Str(value)];
}

public sealed class DataTagException(string id, string message) : Exception(message)
{
    public string Id { get; } = id;
}
