namespace Reports.Site.Rendering;

/// <summary>A template problem with the template file, line and column, in the MSBuild format.</summary>
public sealed class TemplateException(string path, int line, int column, string message)
    : Exception(path + "(" + line + "," + column + "): error " + Specs.Content.DiagnosticIds.TemplateFailure + ": " + message)
{
    public string TemplatePath { get; } = path;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
