using System.Collections.Concurrent;
using System.Diagnostics;
using Reports.Site.Publishing;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;

namespace Reports.Site.Building;

/// <summary>Catalog + templates -> rendered pages in a staging folder -> swapped in as the output.</summary>
public static class SiteBuilder
{
    public static BuildResult Build(Catalog catalog, BuildOptions options, CancellationToken cancellationToken = default)
        => Build(new Pages.SiteModel(catalog), options, cancellationToken);

    /// <summary>Builds from an already derived site model (the preview server reuses it when only templates or posts changed).</summary>
    public static BuildResult Build(Pages.SiteModel site, BuildOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var catalog = site.Catalog;
        var templates = new TemplateSet(options.TemplatesRoot);
        var baseUrl = (options.BaseUrl ?? catalog.Site.BaseUrl).TrimEnd('/') + "/";
        var posts = Posts.PostSet.Load(site, options.ContentRoot, cancellationToken);
        if (posts.Diagnostics.Any(d => d.IsError))
        {
            throw new BuildFailedException(posts.Diagnostics.Where(d => d.IsError)
                .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
                .Select(d => d.ToMsBuildString()).ToList());
        }

        var pages = site.Plan(posts, baseUrl);

        using var staged = StagedOutput.Begin(options.OutputRoot, options.BeforeWrite);
        var rendered = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var errors = new ConcurrentBag<TemplateException>();
        Parallel.ForEach(
            pages,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            page =>
            {
                try
                {
                    rendered[page.OutputPath] = RenderPage(templates, catalog, page, baseUrl, cancellationToken);
                }
                catch (TemplateException exception)
                {
                    errors.Add(exception);
                }
            });

        if (!errors.IsEmpty)
        {
            // One template mistake usually fails many pages the same way: report each distinct error once.
            throw new BuildFailedException(errors.Select(e => e.Message).Distinct().Order(StringComparer.Ordinal).ToList());
        }

        foreach (var page in pages)
        {
            staged.WriteText(page.OutputPath, rendered[page.OutputPath]);
        }

        // The numbers each page shows, for `diff`; beside the pages, not one of them.
        if (options.WriteFacts)
        {
            var facts = pages.AsParallel().WithCancellation(cancellationToken)
                .Select(p => Review.FactsManifest.Extract(p.OutputPath, rendered[p.OutputPath]))
                .ToList();
            staged.WriteText(Review.FactsManifest.Folder + "/" + Review.FactsManifest.FileName, Review.FactsManifest.Write(facts));
        }

        foreach (var (path, json) in site.ApiFiles(baseUrl))
        {
            staged.WriteText(path, json);
        }

        foreach (var (path, text) in MachineReadable.Files(pages, baseUrl))
        {
            staged.WriteText(path, text);
        }

        staged.WriteText("feed.xml", Pages.PostPages.Feed(site, posts, baseUrl));

        CopyAssets(templates.Root, staged);
        staged.Commit();
        return new BuildResult(pages.Count, clock.Elapsed, Array.Empty<string>());
    }

    private static string RenderPage(TemplateSet templates, Catalog catalog, Page page, string baseUrl, CancellationToken cancellationToken)
    {
        var model = new Dictionary<string, object?>(page.Model, StringComparer.Ordinal)
        {
            ["site"] = catalog.Site,
            ["page_title"] = page.Title,
            ["page_description"] = page.Description,
            ["page_url"] = page.UrlPath,
            ["canonical_url"] = baseUrl + page.UrlPath.TrimStart('/'),
            // The 404 page is served at any missing URL, so its links must not be relative.
            ["root"] = page.OutputPath == "404.html" ? RootPath(baseUrl) : RelativeRoot(page.OutputPath),
        };
        var body = templates.Render(page.Template, model, cancellationToken);
        model["content"] = new Html(body);
        return templates.Render("layouts/base.html", model, cancellationToken);
    }

    /// <summary>The path part of the base URL ("https://host/sub/" -> "/sub/"): same host, any depth.</summary>
    public static string RootPath(string baseUrl)
        => Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "/";

    /// <summary>"models/x/index.html" -> "../../": links work from file:// and any base path.</summary>
    public static string RelativeRoot(string outputPath)
    {
        var depth = outputPath.Count(c => c == '/');
        return depth == 0 ? "./" : string.Concat(Enumerable.Repeat("../", depth));
    }

    private static void CopyAssets(string templatesRoot, StagedOutput staged)
    {
        var assets = Path.Combine(templatesRoot, "assets");
        if (!Directory.Exists(assets))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            staged.CopyFile(file, "assets/" + Path.GetRelativePath(assets, file).Replace('\\', '/'));
        }
    }
}
