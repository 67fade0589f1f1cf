using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

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

    /// <summary>
    /// Diagnostics as an author reads them: each once, by file, line and column, ties by id and message, so the order
    /// never depends on which thread found a problem first.
    /// </summary>
    public static List<ContentDiagnostic> InFileOrder(IEnumerable<ContentDiagnostic> diagnostics)
        => diagnostics
            .Distinct()
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
}

