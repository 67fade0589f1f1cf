using System.Collections.Concurrent;
using Reports.Site.Pages;
using Reports.Site.Publishing;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;

namespace Reports.Site.Building;

/// <summary>
/// Render: each page that changed, through its template and the layout, into the staging folder, with its social
/// card and, for `diff`, its facts. Pages render in parallel and each is written as soon as it renders: memory holds
/// one page per core, not the whole site. A page that prints an impossible number, or a template error, fails the build.
/// </summary>
public static class RenderStage
{
    public static void Run(Catalog catalog, LoadedInputs inputs, BuildPlan plan, StagedOutput staged, Review.FactsSpool facts, BuildOptions options, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentBag<TemplateException>();
        try
        {
            Parallel.ForEach(
                plan.ToRender,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                page =>
                {
                    try
                    {
                        var html = RenderPage(inputs.Templates, catalog, page, inputs.BaseUrl, cancellationToken);
                        if (PublishedNumbers.Problem(page.OutputPath, html) is { } problem)
                        {
                            throw new BuildFailedException([problem]);
                        }

                        staged.WriteText(page.OutputPath, html);
                        if (page.Card is { } card)
                        {
                            using var image = staged.OpenWrite(page.CardPath);
                            image.Write(OgImage.Render(card(), catalog.Site.Title));
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
}
