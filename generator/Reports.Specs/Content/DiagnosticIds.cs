using System.Globalization;

namespace Reports.Specs.Content;

/// <summary>
/// Every diagnostic id the project reports, in one registry: content (RPT0xxx, also the source generator's),
/// the build (RPT1xxx), posts (RPT2xxx) and `check` (RPT3xxx). Ids are stable: tests and docs refer to them.
/// </summary>
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

    // The build (RPT1xxx): templates and the numbers pages print.
    public const string TemplateFailure = "RPT1001";
    public const string NonFiniteNumber = "RPT1004";

    // Posts (RPT2xxx): front matter, claims, data tags and the Markdown allow-list.
    public const string PostFrontMatter = "RPT2001";
    public const string PostUnknownModel = "RPT2002";
    public const string PostUnknownFact = "RPT2003";
    public const string PostUnknownGpu = "RPT2004";
    public const string PostUnknownProvider = "RPT2005";
    public const string PostUnknownBenchmark = "RPT2006";
    public const string ClaimOutOfTolerance = "RPT2007";
    public const string BadClaimValue = "RPT2008";
    public const string ClaimNotApplicable = "RPT2009";
    public const string PostTemplateError = "RPT2010";
    public const string UnsafeLink = "RPT2011";
    public const string DuplicateSlug = "RPT2012";
    public const string UnsafeMarkup = "RPT2013";
    public const string MisplacedDataTag = "RPT2014";
    public const string TooDeep = "RPT2015";
    public const string NoRecipe = "RPT2016";

    // `check` on a built site (RPT3xxx).
    public const string BrokenLink = "RPT3001";
    public const string BrokenAnchor = "RPT3002";
    public const string MissingMeta = "RPT3003";
    public const string HeadingCount = "RPT3004";
    public const string MissingAlternative = "RPT3005";
    public const string BadJson = "RPT3006";
    public const string SitemapMismatch = "RPT3007";
    public const string MalformedDocument = "RPT3008";

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
        (TemplateFailure, "Template error", DiagnosticSeverity.Error),
        (NonFiniteNumber, "A number that is not finite", DiagnosticSeverity.Error),
        (PostFrontMatter, "Post front matter problem", DiagnosticSeverity.Error),
        (PostUnknownModel, "Post names an unknown model", DiagnosticSeverity.Error),
        (PostUnknownFact, "Post names an unknown fact", DiagnosticSeverity.Error),
        (PostUnknownGpu, "Post names an unknown accelerator", DiagnosticSeverity.Error),
        (PostUnknownProvider, "Post names an unknown provider", DiagnosticSeverity.Error),
        (PostUnknownBenchmark, "Post names an unknown benchmark or score", DiagnosticSeverity.Error),
        (ClaimOutOfTolerance, "Claim differs from the data", DiagnosticSeverity.Error),
        (BadClaimValue, "Claim value that does not parse", DiagnosticSeverity.Error),
        (ClaimNotApplicable, "Claim the data cannot answer", DiagnosticSeverity.Error),
        (PostTemplateError, "Post body template error", DiagnosticSeverity.Error),
        (UnsafeLink, "Link with a scheme outside the allow-list", DiagnosticSeverity.Error),
        (DuplicateSlug, "Two posts with one slug", DiagnosticSeverity.Error),
        (UnsafeMarkup, "Markup outside the allow-list", DiagnosticSeverity.Error),
        (MisplacedDataTag, "Data tag in the wrong place", DiagnosticSeverity.Error),
        (TooDeep, "Post nested too deeply", DiagnosticSeverity.Error),
        (NoRecipe, "No launch recipe for the data tag", DiagnosticSeverity.Error),
        (BrokenLink, "Broken link", DiagnosticSeverity.Error),
        (BrokenAnchor, "Broken anchor", DiagnosticSeverity.Error),
        (MissingMeta, "Missing page metadata", DiagnosticSeverity.Error),
        (HeadingCount, "Not exactly one h1", DiagnosticSeverity.Error),
        (MissingAlternative, "Image or chart without a text alternative", DiagnosticSeverity.Error),
        (BadJson, "JSON that does not parse", DiagnosticSeverity.Error),
        (SitemapMismatch, "Sitemap and pages disagree", DiagnosticSeverity.Error),
        (MalformedDocument, "Malformed HTML document", DiagnosticSeverity.Error),
    };
}
