using System.Net;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Reports.Site.Rendering;

/// <summary>
/// Scriban does not escape by default. Every expression result reaches the output through
/// <see cref="Write(SourceSpan, object)"/>, while the template's own literal text does not, so
/// encoding here makes escaping the default and <see cref="Html"/> the one explicit way around it.
/// </summary>
internal sealed class EscapingTemplateContext : TemplateContext
{
    private MemberAccessors? _accessors;
    private System.Collections.Concurrent.ConcurrentDictionary<string, Template>? _partials;

    private EscapingTemplateContext(ScriptObject? builtins)
        : base(builtins)
    {
    }

    /// <summary>A context for one render: strict variables, loop and recursion limits, invariant culture.</summary>
    /// <param name="builtins">Scriban's built-in functions shared by every render, or null for a copy of its own.</param>
    /// <param name="partials">Partials parsed once and shared by every render, by path, or null to parse them per render.</param>
    public static EscapingTemplateContext Create(
        int loopLimit,
        int recursiveLimit,
        ITemplateLoader? loader,
        CancellationToken cancellationToken,
        MemberAccessors? accessors = null,
        ScriptObject? builtins = null,
        System.Collections.Concurrent.ConcurrentDictionary<string, Template>? partials = null)
    {
        var context = new EscapingTemplateContext(builtins)
        {
            _accessors = accessors,
            _partials = partials,
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = loopLimit,
            RecursiveLimit = recursiveLimit,
            // No cut-off: a page is written whole or not at all (Scriban's limit truncated long pages silently).
            LimitToString = 0,
            TemplateLoader = loader,
            CancellationToken = cancellationToken,
        };
        context.PushCulture(System.Globalization.CultureInfo.InvariantCulture);
        return context;
    }

    /// <summary>A partial's parsed template: once per path for every render sharing the cache; a partial that fails to load or parse is not kept, so each include reports it.</summary>
    protected override Template CreateTemplate(string templatePath, Scriban.Syntax.ScriptNode? callerContext)
        => _partials is null ? base.CreateTemplate(templatePath, callerContext) : _partials.GetOrAdd(templatePath, path => base.CreateTemplate(path, callerContext));

    protected override IObjectAccessor GetMemberAccessorImpl(object target)
        => _accessors?.For(target) ?? base.GetMemberAccessorImpl(target)!;

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is Html html)
        {
            Write(html.Value);
            return this;
        }

        var text = ObjectToString(textAsObject);
        if (!string.IsNullOrEmpty(text))
        {
            WriteEncoded(text);
        }

        return this;
    }

    /// <summary>The characters <see cref="WebUtility.HtmlEncode(string)"/> rewrites: markup's five, Latin-1's upper half and surrogates.</summary>
    private static readonly System.Buffers.SearchValues<char> Encoded = System.Buffers.SearchValues.Create(
        "<>\"'&" + new string([.. Enumerable.Range(160, 96).Select(c => (char)c)]) + new string([.. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]));

    /// <summary>
    /// Writes the text as <see cref="WebUtility.HtmlEncode(string)"/> encodes it, straight into the output: runs that need no
    /// encoding are written as slices of the text, so a page's values are never copied into a second, encoded string.
    /// </summary>
    private void WriteEncoded(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var next = text.AsSpan(start).IndexOfAny(Encoded);
            if (next < 0)
            {
                break;
            }

            var at = start + next;
            if (at > start)
            {
                Write(text, start, at - start);
            }

            var ch = text[at];
            if (char.IsSurrogate(ch))
            {
                // Pairs become one numeric reference and lone halves U+FFFD: the framework's rule, for the rare rest of the text.
                Write(WebUtility.HtmlEncode(text[at..]));
                return;
            }

            Write(ch switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '&' => "&amp;",
                _ => "&#" + ((int)ch).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";",
            });
            start = at + 1;
        }

        if (start == 0)
        {
            Write(text);
        }
        else if (start < text.Length)
        {
            Write(text, start, text.Length - start);
        }
    }
}
