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
        var layout = LayoutModel.For(page, catalog.Site, baseUrl, catalog.Data.Calibration is { HeldOut.Count: > 0 });
        var model = page.Model;
        var body = templates.Render(page.Template, [model, layout], cancellationToken);
        return templates.Render("layouts/base.html", [model, layout with { Content = new Html(body) }], cancellationToken);
    }
}
