namespace Reports.Site.Building;

/// <param name="TemplatesRoot">The templates folder (layouts/, pages/, partials/, assets/).</param>
/// <param name="OutputRoot">Where the site is published; replaced only by a successful build.</param>
/// <param name="BaseUrl">Overrides site.yaml's base_url for canonical links (previews).</param>
public sealed record BuildOptions(string TemplatesRoot, string OutputRoot, string? BaseUrl = null);

public sealed record BuildResult(int Pages, TimeSpan Elapsed, IReadOnlyList<string> Warnings);
