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

/// <summary>Every diagnostic the content can produce. Ids are stable: tests and docs refer to them.</summary>
public static class DiagnosticIds
{
    public const string YamlSyntax = "RPT0001";
    public const string UnknownKey = "RPT0002";
    public const string MissingField = "RPT0003";
    public const string WrongType = "RPT0004";
    public const string ImpossibleValue = "RPT0005";
    public const string InconsistentArchitecture = "RPT0006";
    public const string DuplicateId = "RPT0007";
    public const string IdMismatch = "RPT0008";
    public const string BadSlug = "RPT0009";
    public const string UnknownReference = "RPT0010";
    public const string MissingSource = "RPT0011";
    public const string MissingDate = "RPT0012";
    public const string StaleData = "RPT0013";
    public const string SiteSettings = "RPT0014";
    public const string UnexpectedFile = "RPT0015";
    public const string ImpossibleEstimate = "RPT0016";
    public const string HeldOutAccuracy = "RPT0017";
    public const string Placeholder = "RPT0018";

    /// <summary>Id, title and default severity, for the generator's descriptors and the docs.</summary>
    public static readonly (string Id, string Title, DiagnosticSeverity Severity)[] All =
    {
        (YamlSyntax, "YAML syntax error", DiagnosticSeverity.Error),
        (UnknownKey, "Unknown key", DiagnosticSeverity.Error),
        (MissingField, "Missing required field", DiagnosticSeverity.Error),
        (WrongType, "Wrong type", DiagnosticSeverity.Error),
        (ImpossibleValue, "Impossible value", DiagnosticSeverity.Error),
        (InconsistentArchitecture, "Inconsistent architecture", DiagnosticSeverity.Error),
        (DuplicateId, "Duplicate id", DiagnosticSeverity.Error),
        (IdMismatch, "Id does not match file name", DiagnosticSeverity.Error),
        (BadSlug, "Id is not a valid slug", DiagnosticSeverity.Error),
        (UnknownReference, "Reference to an unknown id", DiagnosticSeverity.Error),
        (MissingSource, "Fact without a source", DiagnosticSeverity.Error),
        (MissingDate, "Price without a date", DiagnosticSeverity.Error),
        (StaleData, "Stale data", DiagnosticSeverity.Warning),
        (SiteSettings, "Site settings problem", DiagnosticSeverity.Error),
        (UnexpectedFile, "File in an unexpected place", DiagnosticSeverity.Error),
        (ImpossibleEstimate, "Estimate no deployment can reach", DiagnosticSeverity.Error),
        (HeldOutAccuracy, "Held-out accuracy worse than site.yaml allows", DiagnosticSeverity.Error),
        (Placeholder, "Placeholder left for the author", DiagnosticSeverity.Error),
    };
}
