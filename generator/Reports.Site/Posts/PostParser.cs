using System.Globalization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Posts;

/// <summary>
/// The Load stage's part of a post: front matter bound and checked against the catalog's ids, the Markdown parsed,
/// every data tag's syntax, name and argument count checked, and every URL and every tag written where Markdown keeps
/// text as it is. Nothing here reads a derived number: tags are evaluated, and claims checked, by <see cref="PostRenderer"/>.
/// </summary>
public sealed partial class PostParser(Specs.Catalog.Catalog catalog)
{
    public ParsedPost Parse(string path, string text, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<ContentDiagnostic>();
        void Error(string id, int line, int column, string message)
            => diagnostics.Add(new ContentDiagnostic(id, DiagnosticSeverity.Error, path, Math.Max(1, line), Math.Max(1, column), message));
        ParsedPost Failed() => new(path, null, null, 1, false, false, diagnostics);

        var sourceHash = Review.FactsManifest.Hash(text);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var invalid = text.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (invalid >= 0)
        {
            // Invalid UTF-8 decodes to U+FFFD: say where, rather than publish the replacement character.
            var line = 1 + text.AsSpan(0, invalid).Count('\n');
            Error(DiagnosticCodes.FrontMatter, line, invalid - text.LastIndexOf('\n', Math.Max(0, invalid - 1)), "the post is not valid UTF-8 here (or holds U+FFFD): save it as UTF-8.");
            return Failed();
        }

        var slug = Path.GetFileNameWithoutExtension(path);
        if (!Slug.IsValid(slug))
        {
            Error(DiagnosticCodes.FrontMatter, 1, 1, "post file name '" + slug + "' is not a valid slug (" + Slug.Rule + ").");
        }

        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            Error(DiagnosticCodes.FrontMatter, 1, 1, "a post starts with front matter between '---' lines (title, date, summary, models, tags).");
            return Failed();
        }

        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            Error(DiagnosticCodes.FrontMatter, 1, 1, "the front matter is not closed by a '---' line.");
            return Failed();
        }

        var frontMatter = text[4..(end + 1)];
        var body = text[(end + 5)..];
        var bodyLine = frontMatter.Count(c => c == '\n') + 3;
        var meta = ParseFrontMatter(frontMatter, Error);
        var allowHtml = meta?.AllowHtml == true;
        cancellationToken.ThrowIfCancellationRequested();

        // The body is read even when the front matter failed, so one build reports the mistakes of both.
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(body, PostMarkdown.For(allowHtml));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            Error(DiagnosticCodes.TooDeep, bodyLine, 1, PostMarkdown.Unreadable(exception));
            return new ParsedPost(path, null, body, bodyLine, allowHtml, false, diagnostics);
        }

        var claims = CheckTags(document, bodyLine, Error);
        CheckDocument(document, body, bodyLine, Error);
        var post = meta is null || diagnostics.Count > 0 ? null : new Post(path, slug, meta, body, bodyLine, claims, sourceHash);
        return new ParsedPost(path, post, body, bodyLine, allowHtml, true, diagnostics);
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
            if (catalog.TryGetModel(id, out var model))
            {
                models.Add(model);
            }
            else
            {
                var (line, column) = At("models[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                error(DiagnosticCodes.UnknownModel, line, column, "front matter names model '" + id + "', which is not in the catalog." + Specs.Content.Loading.Suggest.DidYouMean(id, catalog.Models.Select(m => m.Id.Value)));
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
    /// Every data tag the parser found, in document order: one that cannot be read, names no data tag or has the wrong
    /// number of arguments is an error at its name. Returns the number of claims.
    /// </summary>
    private static int CheckTags(MarkdownDocument document, int bodyLine, Action<string, int, int, string> error)
    {
        var claims = 0;
        foreach (var tag in document.Descendants<DataTagInline>())
        {
            void Fail(string message) => error(DiagnosticCodes.TemplateError, tag.Line + bodyLine, tag.NameColumn + 1, message);
            if (tag.Call is not { } call)
            {
                Fail("data tag: " + tag.Error);
            }
            else if (!DataTagDefinition.All.TryGetValue(call.Name, out var definition))
            {
                Fail("unknown data tag '" + call.Name + "'." + Suggest.DidYouMean(call.Name, DataTagDefinition.All.Keys) + " Data tags: " + string.Join(", ", DataTagDefinition.All.Keys) + ".");
            }
            else if (call.Arguments.Count != definition.Arity)
            {
                Fail("'" + call.Name + "' takes " + definition.Arity + " argument" + (definition.Arity == 1 ? "" : "s") + ", not " + call.Arguments.Count + ".");
            }
            else if (call.Name == DataTagDefinition.ClaimTag)
            {
                claims++;
            }
        }

        return claims;
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

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{\s*([a-z_]+)")]
    private static partial System.Text.RegularExpressions.Regex WrittenTag();
}
