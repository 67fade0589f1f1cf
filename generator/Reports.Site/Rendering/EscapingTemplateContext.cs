using System.Net;
using Scriban;
using Scriban.Parsing;

namespace Reports.Site.Rendering;

/// <summary>
/// Scriban does not escape by default. Every expression result reaches the output through
/// <see cref="Write(SourceSpan, object)"/>, while the template's own literal text does not, so
/// encoding here makes escaping the default and <see cref="Html"/> the one explicit way around it.
/// </summary>
internal sealed class EscapingTemplateContext : TemplateContext
{
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
