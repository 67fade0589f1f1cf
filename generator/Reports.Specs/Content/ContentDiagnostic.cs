using System.Globalization;

namespace Reports.Specs.Content;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// A problem found in content, as a value: the generator turns it into a Roslyn diagnostic,
/// the run-time loader prints it in the MSBuild format. Line and column are 1-based.
/// </summary>
public sealed record ContentDiagnostic(
    string Id,
    DiagnosticSeverity Severity,
    string Path,
    int Line,
    int Column,
    string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The MSBuild/VS format editors and CI annotate: <c>file(line,col): error RPT0001: message</c>.</summary>
    public string ToMsBuildString()
        => string.Format(
            CultureInfo.InvariantCulture,
            "{0}({1},{2}): {3} {4}: {5}",
            Path,
            Line,
            Column,
            Severity == DiagnosticSeverity.Error ? "error" : "warning",
            Id,
            Message);

    public override string ToString() => ToMsBuildString();
}

