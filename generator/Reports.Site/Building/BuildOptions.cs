namespace Reports.Site.Building;

/// <param name="ContentRoot">The content tree; posts are read from its posts/ folder at build time.</param>
/// <param name="TemplatesRoot">The templates folder (layouts/, pages/, partials/, assets/).</param>
/// <param name="OutputRoot">Where the site is published; replaced only by a successful build.</param>
/// <param name="BaseUrl">Overrides site.yaml's base_url for canonical links (previews).</param>
public sealed record BuildOptions(string ContentRoot, string TemplatesRoot, string OutputRoot, string? BaseUrl = null);

public sealed record BuildResult(int Pages, TimeSpan Elapsed, IReadOnlyList<string> Warnings);
