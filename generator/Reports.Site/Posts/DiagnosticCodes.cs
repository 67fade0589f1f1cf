namespace Reports.Site.Posts;

/// <summary>Post diagnostics: RPT2xxx.</summary>
public static class DiagnosticCodes
{
    public const string FrontMatter = Specs.Content.DiagnosticIds.PostFrontMatter;
    public const string UnknownModel = Specs.Content.DiagnosticIds.PostUnknownModel;
    public const string UnknownFact = Specs.Content.DiagnosticIds.PostUnknownFact;
    public const string UnknownGpu = Specs.Content.DiagnosticIds.PostUnknownGpu;
    public const string UnknownProvider = Specs.Content.DiagnosticIds.PostUnknownProvider;
    public const string UnknownBenchmark = Specs.Content.DiagnosticIds.PostUnknownBenchmark;
    public const string ClaimOutOfTolerance = Specs.Content.DiagnosticIds.ClaimOutOfTolerance;
    public const string BadClaimValue = Specs.Content.DiagnosticIds.BadClaimValue;
    public const string ClaimNotApplicable = Specs.Content.DiagnosticIds.ClaimNotApplicable;
    public const string TemplateError = Specs.Content.DiagnosticIds.PostTemplateError;
    public const string UnsafeLink = Specs.Content.DiagnosticIds.UnsafeLink;
    public const string DuplicateSlug = Specs.Content.DiagnosticIds.DuplicateSlug;
    public const string UnsafeMarkup = Specs.Content.DiagnosticIds.UnsafeMarkup;
    public const string MisplacedDataTag = Specs.Content.DiagnosticIds.MisplacedDataTag;
    public const string TooDeep = Specs.Content.DiagnosticIds.TooDeep;
    public const string NoRecipe = Specs.Content.DiagnosticIds.NoRecipe;
}
