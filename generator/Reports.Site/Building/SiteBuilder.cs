using System.Collections.Concurrent;
using System.Diagnostics;
using Reports.Site.Deriving;
using Reports.Site.Pages;
using Reports.Site.Publishing;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;

namespace Reports.Site.Building;

/// <summary>Catalog + templates -> rendered pages in a staging folder -> swapped in as the output.</summary>
public static class SiteBuilder
{
    public static BuildResult Build(Catalog catalog, BuildOptions options, CancellationToken cancellationToken = default)
        => Build(new SiteModel(catalog), options, cancellationToken);

    /// <summary>Builds from an already derived site model (the preview server reuses it when only templates or posts changed).</summary>
    public static BuildResult Build(SiteModel site, BuildOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var catalog = site.Catalog;
        var templates = new TemplateSet(options.TemplatesRoot);
        var baseUrl = (options.BaseUrl ?? catalog.Site.BaseUrl).TrimEnd('/') + "/";
        var posts = Posts.PostSet.Load(site, options.ContentRoot, Posts.PostCache.Read(options.OutputRoot, site), cancellationToken);
        if (posts.Diagnostics.Any(d => d.IsError))
        {
            throw new BuildFailedException(posts.Diagnostics.Where(d => d.IsError)
                .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
                .Select(d => d.ToMsBuildString()).ToList());
        }

        var gates = Reports.Specs.Estimators.SpeedGates.Check(catalog.Data, site.Assumptions, options.ContentRoot);
        if (gates.Count > 0)
        {
            throw new BuildFailedException(gates.Select(d => d.ToMsBuildString()).ToList());
        }

        var pages = PagePlanner.Plan(site, posts, baseUrl);
        var previous = BuildState.Read(options.OutputRoot);
        var templateHashes = new TemplateFingerprints(templates);
        var everything = site.CatalogFingerprint + "|" + Review.FactsManifest.Hash(string.Join("|", posts.Published.Concat(posts.Drafts).Select(p => p.Path + p.Meta + p.BodyHtml)));
        var fingerprints = pages.ToDictionary(
            p => p.OutputPath,
            p => Review.FactsManifest.Hash(BuildState.CurrentGenerator + "|" + baseUrl + "|" + templateHashes.For(p.Template) + "|" + (p.DataFingerprint.Length > 0 ? p.DataFingerprint : everything)),
            StringComparer.Ordinal);

        var assets = AssetFiles(templates.Root);
        var apiFingerprint = Review.FactsManifest.Hash(BuildState.CurrentGenerator + "|" + baseUrl + "|" + site.CatalogFingerprint);
        var siteFingerprint = Review.FactsManifest.Hash(string.Join("\n", fingerprints.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + " " + f.Value))
            + "|" + apiFingerprint + "|" + everything + "|" + AssetsFingerprint(assets) + "|" + options.WriteFacts + "|" + (options.Search is null ? "" : Publishing.FullTextIndex.Folder));
        if (previous is { } last && last.Generator == BuildState.CurrentGenerator && last.Site == siteFingerprint && OutputIntact(options.OutputRoot, last, assets, pages, options.WriteFacts, options.Search is not null))
        {
            // Nothing the site is made from changed and every file is in place: the output stays as it is,
            // untouched (the README command run twice costs a fingerprint check, not a re-publish).
            return new BuildResult(pages.Count, clock.Elapsed, Array.Empty<string>()) { Rendered = 0 };
        }

        using var staged = StagedOutput.Begin(options.OutputRoot, BuildState.RelativePath, options.BeforeWrite);
        var previousFacts = options.WriteFacts && previous is not null ? ReadFacts(options.OutputRoot) : [];

        // A page whose inputs did not change is not rendered again: its file from the previous build is
        // linked into the new one (same bytes, same file), and its facts are carried over.
        bool Unchanged(Page page)
            => previous is { } state && state.Generator == BuildState.CurrentGenerator
               && state.Pages.TryGetValue(page.OutputPath, out var before) && before == fingerprints[page.OutputPath]
               && state.StillWritten(options.OutputRoot, page.OutputPath)
               && (page.Card is null || state.StillWritten(options.OutputRoot, page.CardPath))
               && (!options.WriteFacts || previousFacts.ContainsKey(page.OutputPath));
        var toRender = pages.Where(p => !Unchanged(p)).ToList();

        // Each page is written, and its facts spooled, as soon as it renders: memory holds one page per
        // core, not the whole site. The spool lives beside the staging folder, never inside the output.
        using var facts = new Review.FactsSpool(staged.StagingRoot + ".facts");
        var errors = new ConcurrentBag<TemplateException>();
        try
        {
            Parallel.ForEach(
                toRender,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                page =>
                {
                    try
                    {
                        var html = RenderPage(templates, catalog, page, baseUrl, cancellationToken);
                        if (PublishedNumbers.Problem(page.OutputPath, html) is { } problem)
                        {
                            throw new BuildFailedException([problem]);
                        }

                        staged.WriteText(page.OutputPath, html);
                        if (page.Card is { } card)
                        {
                            using var image = staged.OpenWrite(page.CardPath);
                            image.Write(Rendering.OgImage.Render(card(), catalog.Site.Title));
                        }

                        if (options.WriteFacts)
                        {
                            facts.Add(Review.FactsManifest.Extract(page.OutputPath, html));
                        }
                    }
                    catch (TemplateException exception)
                    {
                        errors.Add(exception);
                    }
                });
        }
        catch (AggregateException exception)
        {
            // A write failed on a worker: surface the failure itself, as a sequential build would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }

        if (!errors.IsEmpty)
        {
            // One template mistake usually fails many pages the same way: report each distinct error once.
            throw new BuildFailedException(errors.Select(e => e.Message).Distinct().Order(StringComparer.Ordinal).ToList());
        }

        var renderedPaths = toRender.Select(p => p.OutputPath).ToHashSet(StringComparer.Ordinal);
        foreach (var page in pages.Where(p => !renderedPaths.Contains(p.OutputPath)))
        {
            staged.LinkFrom(Path.Combine(options.OutputRoot, page.OutputPath), page.OutputPath);
            if (page.Card is not null)
            {
                staged.LinkFrom(Path.Combine(options.OutputRoot, page.CardPath), page.CardPath);
            }
        }

        if (options.Search is { } search)
        {
            // Every page is in the staging folder now, rendered or carried over: the index covers the whole site.
            var scratch = staged.StagingRoot + ".pagefind";
            try
            {
                foreach (var (relativePath, file) in search.Build(staged.StagingRoot, scratch, cancellationToken))
                {
                    staged.CopyFile(file, relativePath);
                }
            }
            finally
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
        }

        staged.WriteText(Review.FactsManifest.Folder + "/" + Posts.PostCache.FileName, Posts.PostCache.Write(posts.Keyed));
        var factsPath = Review.FactsManifest.Folder + "/" + Review.FactsManifest.FileName;
        if (options.WriteFacts && toRender.Count == 0 && previousFacts.Count == pages.Count && previous!.StillWritten(options.OutputRoot, factsPath))
        {
            staged.LinkFrom(Path.Combine(options.OutputRoot, factsPath), factsPath);
        }
        else if (options.WriteFacts)
        {
            using var manifest = staged.OpenWrite(factsPath);
            facts.WriteManifest(manifest, pages.Select(p => p.OutputPath), path => previousFacts[path]);
        }

        if (options.WriteFacts)
        {
            // What this build was made from, so `diff` can open with the data that changed.
            staged.WriteText(Review.FactsManifest.Folder + "/" + Review.InputsManifest.FileName, Review.InputsManifest.Write(Review.InputsManifest.Extract(options.ContentRoot, options.TemplatesRoot, cancellationToken)));
        }

        var previousApi = Path.Combine(options.OutputRoot, "api");
        if (previous?.Api == apiFingerprint && Directory.Exists(previousApi))
        {
            foreach (var file in Directory.EnumerateFiles(previousApi, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                staged.LinkFrom(file, "api/" + Path.GetRelativePath(previousApi, file).Replace('\\', '/'));
            }
        }
        else
        {
            WriteApi(staged, Api.SiteApi.Files(site, baseUrl));
        }

        foreach (var (path, text) in MachineReadable.Files(pages, baseUrl))
        {
            staged.WriteText(path, text);
        }

        staged.WriteText("feed.xml", Pages.PostPages.Feed(site, posts, baseUrl));

        foreach (var (file, outputPath) in assets)
        {
            staged.CopyFile(file, outputPath);
        }

        // Written last, so that it lists every other file of this build.
        staged.WriteText(BuildState.RelativePath, new BuildState(BuildState.CurrentGenerator, fingerprints) { Api = apiFingerprint, Site = siteFingerprint, Files = staged.WrittenSizes() }.Write());
        staged.Commit(previous?.Files);
        return new BuildResult(pages.Count, clock.Elapsed, Array.Empty<string>()) { Rendered = toRender.Count };
    }

    private static string RenderPage(TemplateSet templates, Catalog catalog, Page page, string baseUrl, CancellationToken cancellationToken)
    {
        var model = new Dictionary<string, object?>(page.Model, StringComparer.Ordinal)
        {
            ["site"] = catalog.Site,
            ["page_title"] = page.Title,
            ["page_kind"] = page.Kind,
            ["og_image"] = page.Card is null ? "" : baseUrl + page.CardPath,
            ["page_vendor"] = page.Vendor,
            ["page_aliases"] = string.Join(" ", page.Aliases),
            ["page_description"] = page.Description,
            ["page_url"] = page.UrlPath,
            ["canonical_url"] = baseUrl + page.UrlPath.TrimStart('/'),
            // The 404 page is served at any missing URL, so its links must not be relative.
            ["root"] = page.OutputPath == "404.html" ? SitePaths.RootPath(baseUrl) : SitePaths.RelativeRoot(page.OutputPath),
            // Speeds carry an error band only when the held-out table exists; the note explaining "±" follows it.
            ["error_bands"] = catalog.Data.Calibration is { HeldOut.Count: > 0 },
        };
        var body = templates.Render(page.Template, model, cancellationToken);
        model["content"] = new Html(body);
        return templates.Render("layouts/base.html", model, cancellationToken);
    }

    /// <summary>The JSON writer refuses NaN and infinity; that is a build error naming the file, not a stack trace.</summary>
    internal static void WriteApi(StagedOutput staged, IEnumerable<(string Path, string Json)> files)
    {
        var last = "the first API file";
        using var file = files.GetEnumerator();
        while (true)
        {
            try
            {
                if (!file.MoveNext())
                {
                    return;
                }
            }
            catch (ArgumentException exception)
            {
                throw new BuildFailedException(["api: error " + Specs.Content.DiagnosticIds.NonFiniteNumber + ": the JSON file after " + last + " cannot be written: " + exception.Message + " A number is not finite; check the data and assumptions it is computed from."]);
            }

            last = file.Current.Path;
            staged.WriteText(file.Current.Path, file.Current.Json);
        }
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

    /// <summary>The templates' asset files, in order: (full path, path in the output). Listed once per build.</summary>
    private static IReadOnlyList<(string File, string OutputPath)> AssetFiles(string templatesRoot)
    {
        var assets = Path.Combine(templatesRoot, "assets");
        return !Directory.Exists(assets)
            ? []
            : Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(file => (file, "assets/" + Path.GetRelativePath(assets, file).Replace('\\', '/')))
                .ToList();
    }

    /// <summary>The assets' names and bytes: a changed stylesheet must republish even when no page changed.</summary>
    private static string AssetsFingerprint(IReadOnlyList<(string File, string OutputPath)> assets)
        => assets.Count == 0 ? "" : Review.FactsManifest.Hash(string.Join("|", assets
            .Select(a => a.OutputPath + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(new FileInfo(a.File).Length == 0 ? [] : File.ReadAllBytes(a.File))))));

    /// <summary>Every file a build writes is still there (nobody deleted part of the output since).</summary>
    private static bool OutputIntact(string outputRoot, BuildState previous, IReadOnlyList<(string File, string OutputPath)> assets, IReadOnlyList<Page> pages, bool withFacts, bool withSearch)
        => (previous.Files ?? new Dictionary<string, long>()).Keys.All(path => previous.StillWritten(outputRoot, path))
           && pages.All(p => File.Exists(Path.Combine(outputRoot, p.OutputPath)) && (p.Card is null || File.Exists(Path.Combine(outputRoot, p.CardPath))))
           && assets.All(a => File.Exists(Path.Combine(outputRoot, a.OutputPath)))
           && File.Exists(Path.Combine(outputRoot, "sitemap.xml"))
           && File.Exists(Path.Combine(outputRoot, "feed.xml"))
           && Directory.Exists(Path.Combine(outputRoot, "api"))
           && (!withSearch || File.Exists(Path.Combine(outputRoot, Publishing.FullTextIndex.Folder, "pagefind.js")))
           && (!withFacts || (File.Exists(Path.Combine(outputRoot, Review.FactsManifest.Folder, Review.FactsManifest.FileName))
                              && File.Exists(Path.Combine(outputRoot, Review.FactsManifest.Folder, Review.InputsManifest.FileName))));
}
