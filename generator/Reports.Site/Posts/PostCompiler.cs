using System.Globalization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using SourceSpan = Scriban.Parsing.SourceSpan;
using YamlDotNet.RepresentationModel;

namespace Reports.Site.Posts;

/// <summary>
/// Front matter + Scriban (data tags and claims) + Markdig. Every problem is collected with the post's
/// file, line and column; a post with any error is not published and fails the build.
/// </summary>
public sealed class PostCompiler
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

        RefuseReservedCharacters(body, bodyLine, Error);
        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        var blocks = new DataTagBlocks();
        var claims = 0;
        var bodyText = RenderBody(path, body, bodyLine, blocks, Error, () => claims++, cancellationToken);
        if (meta is null || bodyText is null || diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        var pipeline = meta.AllowHtml ? PostMarkdown.WithHtml : PostMarkdown.Safe;
        string html;
        try
        {
            var document = Markdown.Parse(bodyText, pipeline);
            CheckDocument(document, blocks, bodyLine, Error);
            html = diagnostics.Count > 0 ? "" : document.ToHtml(pipeline);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            // Markdig refuses input nested deeper than it can parse; the post is the place to fix it.
            Error(DiagnosticCodes.TooDeep, bodyLine, 1, "the post's Markdown cannot be read: " + exception.Message + " Nest block quotes, lists and brackets less deeply.");
            return (null, diagnostics);
        }

        foreach (var problem in diagnostics.Count > 0 ? [] : MarkupGuard.Problems(html, meta.AllowHtml))
        {
            Error(DiagnosticCodes.UnsafeMarkup, bodyLine, 1, problem + ".");
        }

        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        html = blocks.Splice(html);
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

    private string? RenderBody(
        string path, string body, int bodyLine, DataTagBlocks blocks,
        Action<string, int, int, string> error, Action countClaim, CancellationToken cancellationToken)
    {
        var template = Template.Parse(body, path);
        if (template.HasErrors)
        {
            foreach (var message in template.Messages.Where(m => m.Type == ParserMessageType.Error))
            {
                error(DiagnosticCodes.TemplateError, message.Span.Start.Line + bodyLine, message.Span.Start.Column + 1, "template error: " + message.Message);
            }

            return null;
        }

        var tags = new DataTags(_site, "../../");
        var functions = new ScriptObject();
        void Define(string name, int arity, Func<SourceSpan, object?[], string> body)
            => functions.SetValue(name, new PostFunction(name, arity, (span, args) =>
            {
                try
                {
                    return new Html(body(span, args));
                }
                catch (DataTagException exception)
                {
                    error(exception.Id, span.Start.Line + bodyLine, span.Start.Column + 1, exception.Message);
                    return new Html("");
                }
            }), readOnly: true);

        Define("spec", 2, (_, args) => blocks.Inline("spec", tags.Spec(Str(args[0]), Str(args[1]))));
        Define("claim", 3, (span, args) =>
        {
            countClaim();
            return blocks.Inline("claim", tags.Claim(Str(args[0]), Str(args[1]), Str(args[2]), _tolerances));
        });
        Define("compare_table", 2, (_, args) => blocks.Block("compare_table", tags.CompareTable(Str(args[0]), Str(args[1]))));
        Define("benchmark_table", 1, (_, args) => blocks.Block("benchmark_table", tags.BenchmarkTable(Strs(args[0]))));
        Define("memory_table", 1, (_, args) => blocks.Block("memory_table", tags.MemoryTable(Str(args[0]))));
        Define("speed_table", 2, (_, args) => blocks.Block("speed_table", tags.SpeedTable(Strs(args[0]), Str(args[1]))));
        Define("cost_table", 1, (_, args) => blocks.Block("cost_table", tags.CostTable(Strs(args[0]))));
        Define("recipe", 5, (_, args) => blocks.Block("recipe", tags.Recipe(Str(args[0]), Str(args[1]), Str(args[2]), Str(args[3]), Str(args[4]))));

        var context = EscapingTemplateContext.Create(loopLimit: 10_000, recursiveLimit: 32, loader: null, cancellationToken);
        context.PushGlobal(functions);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException exception)
        {
            error(DiagnosticCodes.TemplateError, exception.Span.Start.Line + bodyLine, exception.Span.Start.Column + 1, "template error: " + exception.OriginalMessage);
            return null;
        }
    }

    /// <summary>The placeholder characters belong to data tags; an author's text may not contain them.</summary>
    private static void RefuseReservedCharacters(string body, int bodyLine, Action<string, int, int, string> error)
    {
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var column = lines[i].AsSpan().IndexOfAny(DataTagBlocks.Open, DataTagBlocks.Close);
            if (column >= 0)
            {
                error(DiagnosticCodes.UnsafeMarkup, bodyLine + i, column + 1, "the post contains the private-use character U+" + ((int)lines[i][column]).ToString("X4", CultureInfo.InvariantCulture) + ", which posts may not use; delete it.");
            }
        }
    }

    /// <summary>
    /// Every URL an element can carry is checked against <see cref="UrlPolicy"/> (links, images, autolinks,
    /// reference definitions), and data tags stay where their HTML is valid: in text, never inside a link,
    /// code or raw HTML, and a table tag alone in its paragraph.
    /// </summary>
    private static void CheckDocument(MarkdownDocument document, DataTagBlocks blocks, int bodyLine, Action<string, int, int, string> error)
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
            foreach (var (tag, _) in blocks.In(text))
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
                    Misplaced(link, link.Url, "inside a link target");
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
                case LiteralInline literal:
                    CheckPlacement(literal, blocks, bodyLine, error);
                    break;
            }
        }
    }

    private static void CheckPlacement(LiteralInline literal, DataTagBlocks blocks, int bodyLine, Action<string, int, int, string> error)
    {
        foreach (var (tag, isBlock) in blocks.In(literal.Content.ToString()))
        {
            var insideLink = false;
            for (var parent = literal.Parent; parent is not null; parent = parent.Parent)
            {
                insideLink |= parent is LinkInline;
            }

            var root = literal.Parent;
            var alone = root is { Parent: null, ParentBlock: ParagraphBlock }
                && root.All(sibling => sibling == literal || sibling is LineBreakInline || (sibling is LiteralInline l && l.Content.IsEmptyOrWhitespace()))
                && DataTagBlocks.IsOnePlaceholder(literal.Content.ToString());
            if (insideLink)
            {
                error(DiagnosticCodes.MisplacedDataTag, literal.Line + bodyLine, literal.Column + 1, "'" + tag + "' cannot be used inside a link's text: it renders a link of its own.");
            }
            else if (isBlock && !alone)
            {
                error(DiagnosticCodes.MisplacedDataTag, literal.Line + bodyLine, literal.Column + 1, "'" + tag + "' renders a table: put it on a line of its own, with a blank line before and after.");
            }
        }
    }

    private static string Str(object? value) => value switch
    {
        null => "",
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static IReadOnlyList<string> Strs(object? value) => value switch
    {
        string s => [s],
        IEnumerable<object?> items => items.Select(Str).ToList(),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(Str).ToList(),
        _ => [Str(value)],
    };

    /// <summary>A data tag as a Scriban function that knows where in the post it was called.</summary>
    private sealed class PostFunction(string name, int arity, Func<SourceSpan, object?[], object?> invoke) : IScriptCustomFunction
    {
        public int RequiredParameterCount => arity;

        public int ParameterCount => arity;

        public ScriptVarParamKind VarParamKind => ScriptVarParamKind.None;

        public Type ReturnType => typeof(Html);

        public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "arg" + index);

        public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        {
            var span = callerContext?.Span ?? context.CurrentSpan;
            if (arguments.Count != arity)
            {
                throw new ScriptRuntimeException(span, "'" + name + "' takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + arguments.Count + ".");
            }

            return invoke(span, arguments.ToArray());
        }

        public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
            => new(Invoke(context, callerContext, arguments, blockStatement));
    }
}

/// <summary>A data tag that cannot be rendered: an unknown id, or a claim that disagrees with the catalog.</summary>
public sealed class DataTagException(string id, string message) : Exception(message)
{
    public string Id { get; } = id;
}
