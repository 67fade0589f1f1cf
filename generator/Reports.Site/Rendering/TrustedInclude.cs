using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Reports.Site.Rendering;

/// <summary>
/// Scriban's <c>include</c> returns the partial's output as a string, which the escaping context would
/// encode a second time. Partials are our own templates, already escaped as they rendered, so their
/// output is trusted markup.
/// </summary>
internal sealed class TrustedInclude : IScriptCustomFunction
{
    private readonly IncludeFunction _inner = new();

    public int RequiredParameterCount => _inner.RequiredParameterCount;

    public int ParameterCount => _inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => _inner.VarParamKind;

    public Type ReturnType => typeof(Html);

    public ScriptParameterInfo GetParameterInfo(int index) => _inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new Html(_inner.Invoke(context, callerContext, arguments, blockStatement)?.ToString() ?? "");

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
        => new Html((await _inner.InvokeAsync(context, callerContext, arguments, blockStatement))?.ToString() ?? "");
}
