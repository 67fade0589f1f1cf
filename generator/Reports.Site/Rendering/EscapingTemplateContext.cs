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

    /// <summary>A context for one render: strict variables, loop and recursion limits, invariant culture.</summary>
    public static EscapingTemplateContext Create(int loopLimit, int recursiveLimit, ITemplateLoader? loader, CancellationToken cancellationToken, MemberAccessors? accessors = null)
    {
        var context = new EscapingTemplateContext
        {
            _accessors = accessors,
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
            Write(WebUtility.HtmlEncode(text));
        }

        return this;
    }
}
