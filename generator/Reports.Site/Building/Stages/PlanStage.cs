using Reports.Site.Deriving;
using Reports.Site.Pages;

namespace Reports.Site.Building;

/// <summary>
/// The pages a build publishes, each with the fingerprint of what it is made from, and what the previous build
/// left that can be carried over: pages whose fingerprint did not change are linked, not rendered again.
/// </summary>
/// <param name="Previous">The previous build's record, when the output folder has one.</param>
/// <param name="PreviousFacts">The previous build's facts per page, carried over with the pages that did not change.</param>
public sealed record BuildPlan(
    IReadOnlyList<Page> Pages,
    IReadOnlyDictionary<string, string> Fingerprints,
    string ApiFingerprint,
    string SiteFingerprint,
    BuildState? Previous,
    IReadOnlyDictionary<string, Review.PageFacts> PreviousFacts,
    IReadOnlyList<Page> ToRender,
    bool UpToDate)
{
    /// <summary>The pages carried over from the previous build, in page order.</summary>
    public IEnumerable<Page> Carried
    {
        get
        {
            var rendered = ToRender.Select(p => p.OutputPath).ToHashSet(StringComparer.Ordinal);
            return Pages.Where(p => !rendered.Contains(p.OutputPath));
        }
    }
}

/// <summary>
/// Plan: which pages the catalog and posts produce (<see cref="PagePlanner"/>), the fingerprint of each page's
/// inputs (its data, its template and partials, the base URL, the generator's build), the API's and the whole
/// site's, and which pages the previous build already holds. A site whose fingerprint and files are unchanged is
/// up to date: nothing is written.
/// </summary>
public static class PlanStage
{
    public static BuildPlan Run(SiteModel site, LoadedInputs inputs, BuildOptions options)
    {
        var (posts, baseUrl) = (inputs.Posts, inputs.BaseUrl);
        var pages = PagePlanner.Plan(site, posts, baseUrl);
        var previous = BuildState.Read(options.OutputRoot);
        var templateHashes = new TemplateFingerprints(inputs.Templates);
        var everything = site.CatalogFingerprint + "|" + posts.Fingerprint;
        var fingerprints = pages.ToDictionary(
            p => p.OutputPath,
            p => Review.FactsManifest.Hash(BuildState.CurrentGenerator + "|" + baseUrl + "|" + templateHashes.For(p.Template) + "|" + (p.DataFingerprint.Length > 0 ? p.DataFingerprint : everything)),
            StringComparer.Ordinal);
        var apiFingerprint = Review.FactsManifest.Hash(BuildState.CurrentGenerator + "|" + baseUrl + "|" + site.CatalogFingerprint);
        var siteFingerprint = Review.FactsManifest.Hash(string.Join("\n", fingerprints.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + " " + f.Value))
            + "|" + apiFingerprint + "|" + everything + "|" + AssetsFingerprint(inputs.Assets) + "|" + options.WriteFacts + "|" + (options.Search is null ? "" : Publishing.FullTextIndex.Folder));

        if (previous is { } last && last.Generator == BuildState.CurrentGenerator && last.Site == siteFingerprint && OutputIntact(options.OutputRoot, last, inputs.Assets, pages, options.WriteFacts, options.Search is not null))
        {
            // Nothing the site is made from changed and every file is in place: the output stays as it is,
            // untouched (the README command run twice costs a fingerprint check, not a re-publish).
            return new BuildPlan(pages, fingerprints, apiFingerprint, siteFingerprint, previous, new Dictionary<string, Review.PageFacts>(), [], UpToDate: true);
        }

        var previousFacts = options.WriteFacts && previous is not null ? ReadFacts(options.OutputRoot) : [];

        // A page whose inputs did not change is not rendered again: its file from the previous build is
        // linked into the new one (same bytes, same file), and its facts are carried over.
        bool Unchanged(Page page)
            => previous is { } state && state.Generator == BuildState.CurrentGenerator
               && state.Pages.TryGetValue(page.OutputPath, out var before) && before == fingerprints[page.OutputPath]
               && state.StillWritten(options.OutputRoot, page.OutputPath)
               && page.FilesBeside.All(file => state.StillWritten(options.OutputRoot, file))
               && (!options.WriteFacts || previousFacts.ContainsKey(page.OutputPath));
        return new BuildPlan(pages, fingerprints, apiFingerprint, siteFingerprint, previous, previousFacts, pages.Where(p => !Unchanged(p)).ToList(), UpToDate: false);
    }

    private static Dictionary<string, Review.PageFacts> ReadFacts(string outputRoot)
    {
        // The previous manifest is a cache: a damaged one (null entries, missing fields, repeated paths)
        // costs facts extracted again, never a crash or facts carried onto the wrong page.
        try
        {
            return Review.FactsManifest.Read(outputRoot).ToDictionary(page => page.Path, StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or InvalidDataException)
        {
            return [];
        }
    }

    /// <summary>The assets' names and bytes: a changed stylesheet must republish even when no page changed.</summary>
    private static string AssetsFingerprint(IReadOnlyList<(string File, string OutputPath)> assets)
        => assets.Count == 0 ? "" : Review.FactsManifest.Hash(string.Join("|", assets
            .Select(a => a.OutputPath + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(new FileInfo(a.File).Length == 0 ? [] : File.ReadAllBytes(a.File))))));

    /// <summary>Every file a build writes is still there (nobody deleted part of the output since).</summary>
    private static bool OutputIntact(string outputRoot, BuildState previous, IReadOnlyList<(string File, string OutputPath)> assets, IReadOnlyList<Page> pages, bool withFacts, bool withSearch)
        => (previous.Files ?? new Dictionary<string, long>()).Keys.All(path => previous.StillWritten(outputRoot, path))
           && pages.All(p => p.FilesBeside.Prepend(p.OutputPath).All(file => File.Exists(Path.Combine(outputRoot, file))))
           && assets.All(a => File.Exists(Path.Combine(outputRoot, a.OutputPath)))
           && File.Exists(Path.Combine(outputRoot, "sitemap.xml"))
           && File.Exists(Path.Combine(outputRoot, "feed.xml"))
           && Directory.Exists(Path.Combine(outputRoot, "api"))
           && (!withSearch || File.Exists(Path.Combine(outputRoot, Publishing.FullTextIndex.Folder, "pagefind.js")))
           && File.Exists(Path.Combine(outputRoot, Review.FactsManifest.Folder, Review.InputsManifest.FileName))
           && (!withFacts || File.Exists(Path.Combine(outputRoot, Review.FactsManifest.Folder, Review.FactsManifest.FileName)));
}
