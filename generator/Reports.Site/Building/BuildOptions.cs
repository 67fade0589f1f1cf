namespace Reports.Site.Building;

/// <param name="ContentRoot">The content tree; posts are read from its posts/ folder at build time.</param>
/// <param name="TemplatesRoot">The templates folder (layouts/, pages/, partials/, assets/).</param>
/// <param name="OutputRoot">Where the site is published; replaced only by a successful build.</param>
/// <param name="BaseUrl">Overrides site.yaml's base_url for canonical links (previews).</param>
public sealed record BuildOptions(string ContentRoot, string TemplatesRoot, string OutputRoot, string? BaseUrl = null)
{
    /// <summary>
    /// Also write the facts manifest (every number on every page) into the output. Off by default: `diff` reads the pages
    /// themselves when a build has none (<see cref="PublishedFacts"/>), so only a build kept for many comparisons gains by it.
    /// </summary>
    public bool WriteFacts { get; init; }

    /// <summary>The full-text indexer run on the staged site (Pagefind), or null for the title search alone.</summary>
    public Publishing.FullTextIndex? Search { get; init; }

    /// <summary>Called before each file is written; tests inject failures through it.</summary>
    public Action<string>? BeforeWrite { get; init; }
}

