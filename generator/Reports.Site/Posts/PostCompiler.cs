using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Reports.Site.Pages;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using SourceSpan = Scriban.Parsing.SourceSpan;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reports.Site.Posts;

/// <summary>A post's front matter.</summary>
public sealed record PostMeta(string Title, ContentDate Date, string Summary, IReadOnlyList<ModelData> Models, IReadOnlyList<string> Tags, bool Draft, bool AllowHtml);

/// <summary>A compiled post: its metadata and its body as HTML, every claim in it checked.</summary>
public sealed record Post(string Path, string Slug, PostMeta Meta, string BodyHtml, int ClaimCount);

/// <summary>
/// Front matter + Scriban (data tags and claims) + Markdig. Every problem is collected with the post's
/// file, line and column; a post with any error is not published and fails the build.
/// </summary>
public sealed class PostCompiler
{
    private static readonly string[] Keys = ["title", "date", "summary", "models", "tags", "draft", "allow_html"];
    private static readonly MarkdownPipeline Safe = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private static readonly MarkdownPipeline WithHtml = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private static readonly Regex TokenPattern = new("zzrpt([0-9]+)zz", RegexOptions.CultureInvariant);

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

        var blocks = new List<string>();
        var claims = 0;
        var bodyText = RenderBody(path, body, bodyLine, meta?.AllowHtml ?? false, blocks, Error, () => claims++, cancellationToken);
        if (meta is null || bodyText is null || diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        var pipeline = meta.AllowHtml ? WithHtml : Safe;
        var document = Markdown.Parse(bodyText, pipeline);
        CheckLinks(document, bodyLine, Error);
        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        var html = document.ToHtml(pipeline);
        html = TokenPattern.Replace(html.Replace("<p>zzrpt", "zzrpt", StringComparison.Ordinal), m => blocks[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);
        html = Regex.Replace(html, "(?<=</table>|</div>)</p>", "");
        return (new Post(path, slug, meta, html, claims), diagnostics);
    }

    private PostMeta? ParseFrontMatter(string yaml, Action<string, int, int, string> error)
    {
        var problems = new List<ContentDiagnostic>();
        var root = Specs.Content.Loading.ContentFile.ParseMapping("front matter", yaml, problems);
        foreach (var problem in problems)
        {
            error(DiagnosticCodes.FrontMatter, problem.Line + 1, problem.Column, "front matter: " + problem.Message);
        }

        if (root is null)
        {
            if (problems.Count == 0)
            {
                error(DiagnosticCodes.FrontMatter, 2, 1, "the front matter must be a YAML mapping.");
            }

            return null;
        }

        // Line numbers of the front matter start one line below the opening '---'.
        int Line(YamlNode node) => (int)node.Start.Line + 1;
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(name))
            {
                error(DiagnosticCodes.FrontMatter, Line(key), (int)key.Start.Column, "unknown front matter key '" + name + "'." + Specs.Content.Loading.Suggest.DidYouMean(name, Keys) + " Known keys: " + string.Join(", ", Keys) + ".");
                continue;
            }

            values[name] = value;
        }

        string? Text(string key, bool required)
        {
            if (values.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { Length: > 0 } v })
            {
                return v;
            }

            if (required)
            {
                error(DiagnosticCodes.FrontMatter, values.TryGetValue(key, out var n) ? Line(n) : 2, 1, "front matter needs '" + key + "'.");
            }

            return null;
        }

        List<(string Value, YamlNode Node)> List(string key)
        {
            if (!values.TryGetValue(key, out var node))
            {
                return [];
            }

            if (node is YamlSequenceNode sequence)
            {
                return sequence.Children.OfType<YamlScalarNode>().Select(s => (s.Value ?? "", (YamlNode)s)).ToList();
            }

            error(DiagnosticCodes.FrontMatter, Line(node), (int)node.Start.Column, "'" + key + "' must be a list, like [a, b].");
            return [];
        }

        bool Flag(string key)
        {
            var value = Text(key, required: false);
            if (value is null or "false")
            {
                return false;
            }

            if (value == "true")
            {
                return true;
            }

            error(DiagnosticCodes.FrontMatter, Line(values[key]), (int)values[key].Start.Column, "'" + key + "' must be true or false.");
            return false;
        }

        var title = Text("title", required: true);
        var dateText = Text("date", required: true);
        var summary = Text("summary", required: true);
        ContentDate date = default;
        if (dateText is not null && !ContentDate.TryParse(dateText, out date))
        {
            error(DiagnosticCodes.FrontMatter, Line(values["date"]), (int)values["date"].Start.Column, "date '" + dateText + "' must be written YYYY-MM-DD.");
        }

        var models = new List<ModelData>();
        foreach (var (id, node) in List("models"))
        {
            if (_site.Catalog.TryGetModel(id, out var model))
            {
                models.Add(model);
            }
            else
            {
                error(DiagnosticCodes.UnknownModel, Line(node), (int)node.Start.Column, "front matter names model '" + id + "', which is not in the catalog." + Specs.Content.Loading.Suggest.DidYouMean(id, _site.Catalog.Models.Select(m => m.Id.Value)));
            }
        }

        var tags = new List<string>();
        foreach (var (tag, node) in List("tags"))
        {
            if (Specs.Content.Loading.Slug.IsValid(tag))
            {
                tags.Add(tag);
            }
            else
            {
                error(DiagnosticCodes.FrontMatter, Line(node), (int)node.Start.Column, "tag '" + tag + "' is not a valid slug (" + Specs.Content.Loading.Slug.Rule + ").");
            }
        }

        var draft = Flag("draft");
        var allowHtml = Flag("allow_html");
        return title is null || summary is null || dateText is null ? null : new PostMeta(title, date, summary, models, tags, draft, allowHtml);
    }

    private string? RenderBody(
        string path, string body, int bodyLine, bool allowHtml, List<string> blocks,
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

        string Token(string html)
        {
            blocks.Add(html);
            return "zzrpt" + (blocks.Count - 1).ToString(CultureInfo.InvariantCulture) + "zz";
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

        Define("spec", 2, (_, args) => Token(tags.Spec(Str(args[0]), Str(args[1]))));
        Define("claim", 3, (span, args) =>
        {
            countClaim();
            return Token(tags.Claim(Str(args[0]), Str(args[1]), Str(args[2]), _tolerances));
        });
        Define("compare_table", 2, (_, args) => "\n\n" + Token(tags.CompareTable(Str(args[0]), Str(args[1]))) + "\n\n");
        Define("benchmark_table", 1, (_, args) => "\n\n" + Token(tags.BenchmarkTable(Strs(args[0]))) + "\n\n");
        Define("memory_table", 1, (_, args) => "\n\n" + Token(tags.MemoryTable(Str(args[0]))) + "\n\n");
        Define("speed_table", 2, (_, args) => "\n\n" + Token(tags.SpeedTable(Strs(args[0]), Str(args[1]))) + "\n\n");
        Define("cost_table", 1, (_, args) => "\n\n" + Token(tags.CostTable(Strs(args[0]))) + "\n\n");

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

    /// <summary>Links may go to http(s), mailto or this site; javascript:, data: and the like are refused.</summary>
    private static void CheckLinks(MarkdownDocument document, int bodyLine, Action<string, int, int, string> error)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            var url = (link.Url ?? "").Trim();
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            var slash = url.IndexOfAny(['/', '?', '#']);
            var hasScheme = colon > 0 && (slash < 0 || colon < slash);
            var scheme = hasScheme ? url[..colon].ToLowerInvariant() : "";
            if (hasScheme && scheme is not ("http" or "https" or "mailto"))
            {
                error(DiagnosticCodes.UnsafeLink, link.Line + bodyLine, link.Column + 1, "link to '" + Truncate(url) + "' uses the scheme '" + scheme + ":'; posts may link to http, https, mailto or pages of this site.");
            }
        }
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..57] + "...";

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
