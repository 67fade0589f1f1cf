using System.Collections.Concurrent;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Reports.Site.Rendering;

/// <summary>
/// The templates folder: layouts/, pages/, partials/. Each template is parsed once and reused by
/// every page; each render gets a fresh context with strict variables, escaping and loop limits.
/// </summary>
public sealed class TemplateSet : ITemplateLoader
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);
    // Each file is read once per build, whoever asks first: the page parse, a partial's include (every
    // render has a fresh context, so Scriban asks again per page) or the incremental build's fingerprint.
    private readonly ConcurrentDictionary<string, (string Text, (int Line, string Message)? Problem)> _texts = new(StringComparer.Ordinal);

    // Importing the helpers reflects over their methods and builds invokers: done once, then shared
    // read-only by every render (a template's own assignments go to the per-render globals above it).
    private readonly ScriptObject _helpers = Helpers.Create();
    private readonly MemberAccessors _accessors = new();

    // Scriban's built-in functions, built once: a context builds its own copy unless given one, which every page paid for.
    // Templates only read them; their assignments go to the per-render globals.
    private readonly ScriptObject _builtins = TemplateContext.GetDefaultBuiltinObject();

    // Partials parsed once and shared by every render, as page templates are: each render's fresh context would parse them again.
    private readonly ConcurrentDictionary<string, Template> _partials = new(StringComparer.Ordinal);

    public TemplateSet(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException("templates folder not found: " + _root);
        }
    }

    public string Root => _root;

    /// <summary>Renders <paramref name="name"/> (relative to the templates root, e.g. "pages/model.html").</summary>
    public string Render(string name, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken)
        => Render(name, [model], cancellationToken);

    /// <summary>
    /// Renders <paramref name="name"/> with the members of each scope as its variables: a page's typed model and the
    /// layout's; a later scope's variable replaces an earlier one of the same name.
    /// </summary>
    public string Render(string name, IReadOnlyList<object> scopes, CancellationToken cancellationToken)
    {
        var template = Get(name);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            foreach (var pair in scope is IReadOnlyDictionary<string, object?> values ? values : _accessors.Variables(scope))
            {
                variables[pair.Key] = pair.Value;
            }
        }

        var globals = new ScriptObject();
        foreach (var pair in variables)
        {
            globals.SetValue(pair.Key, pair.Value, readOnly: true);
        }

        // Index and FAQ pages loop over the whole catalog (25,000 models: over 100,000 FAQ entries); the
        // limit only has to stop a runaway loop, which ten million iterations still does in seconds.
        var context = EscapingTemplateContext.Create(loopLimit: 10_000_000, recursiveLimit: 64, this, cancellationToken, _accessors, _builtins, _partials);
        context.PushGlobal(_helpers);
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException exception)
        {
            throw new TemplateException(PathOf(exception.Span.FileName ?? name), exception.Span.Start.Line + 1, exception.Span.Start.Column + 1, exception.OriginalMessage);
        }
    }

    public Template Get(string name) => _parsed.GetOrAdd(name, Parse);

    /// <summary>A template's text for a fingerprint, or null when it is missing, outside the folder or unreadable (rendering says why).</summary>
    public string? TextForFingerprint(string name)
    {
        try
        {
            var path = PathOf(name);
            return File.Exists(path) && _texts.GetOrAdd(path, Read) is (var text, null) ? text : null;
        }
        catch (TemplateException)
        {
            return null;
        }
    }

    private Template Parse(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new TemplateException(path, 1, 1, "template not found.");
        }

        var (text, problem) = _texts.GetOrAdd(path, Read);
        if (problem is not null)
        {
            throw new TemplateException(path, problem.Value.Line, 1, problem.Value.Message);
        }

        var template = Template.Parse(text, path);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new TemplateException(path, first.Span.Start.Line + 1, first.Span.Start.Column + 1, first.Message);
        }

        return template;
    }

    private string PathOf(string name)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(_root, name));
        if (!Inside(full))
        {
            throw new TemplateException(Path.Combine(_root, "?"), 1, 1, "template name '" + name + "' leaves the templates folder.");
        }

        return full;
    }

    private bool Inside(string fullPath) => Specs.Content.Loading.ContentPaths.RelativeTo(_root, fullPath) is { Length: > 0 };

    /// <summary>A partial is a file under partials/, by a relative name; a symbolic link must stay in the templates folder too.</summary>
    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        // Path.Combine drops the folder before a rooted name: "/etc/passwd" would be read as is.
        if (Path.IsPathRooted(templateName) || templateName.Contains('\\'))
        {
            throw new ScriptRuntimeException(callerSpan, "include names a partial by its path under partials/, like \"footer.html\"; '" + templateName + "' is not one.");
        }

        string path;
        try
        {
            path = PathOf(Path.Combine("partials", templateName));
        }
        catch (TemplateException)
        {
            throw new ScriptRuntimeException(callerSpan, "include '" + templateName + "' leaves the partials folder.");
        }

        var target = File.Exists(path) ? new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) : null;
        if (target is not null && !Inside(Path.GetFullPath(target.FullName)))
        {
            throw new ScriptRuntimeException(callerSpan, "include '" + templateName + "' is a link to " + target.FullName + ", outside the templates folder.");
        }

        return path;
    }

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
    {
        var (text, problem) = _texts.GetOrAdd(templatePath, Read);
        return problem is null ? text : throw new ScriptRuntimeException(callerSpan, "include '" + Path.GetRelativePath(_root, templatePath) + "': line " + problem.Value.Line + ": " + problem.Value.Message);
    }

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath)
        => new(((ITemplateLoader)this).Load(context, callerSpan, templatePath));

    /// <summary>
    /// A template or partial's text, read by the rules a content file is read by: a FIFO or device is
    /// never opened, a link must lead to a file, and bytes that are not UTF-8 are an error at their line,
    /// never a U+FFFD on a page.
    /// </summary>
    private static (string Text, (int Line, string Message)? Problem) Read(string path)
    {
        if (Specs.Loading.ContentDirectory.Unreadable(path) is { } why)
        {
            return ("", (1, why));
        }

        var text = Specs.Loading.ContentDirectory.ReadText(path);
        var invalid = text.IndexOf('\uFFFD', StringComparison.Ordinal);
        return invalid < 0
            ? (text, null)
            : ("", (1 + text.AsSpan(0, invalid).Count('\n'), "the template is not valid UTF-8 here (or holds U+FFFD): save it as UTF-8."));
    }
}
