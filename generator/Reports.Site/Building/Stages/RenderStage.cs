using System.Collections.Concurrent;
using Reports.Site.Pages;
using Reports.Site.Posts;
using Reports.Site.Publishing;
using Reports.Site.Rendering;
using Reports.Specs.Catalog;
using Reports.Specs.Content;

namespace Reports.Site.Building;

/// <summary>
/// Render: each page that changed, through its template and the layout, into the staging folder, with its social
/// card and, for `diff`, its facts. Pages render in parallel and each is written as soon as it renders: memory holds
/// one page per core, not the whole site. A post's body renders with its page, its claims checked against the derived
/// numbers; drafts are checked the same way and not written. A page that prints an impossible number, a template
/// error, or a post that fails (every post's problems, located) fails the build.
/// </summary>
public static class RenderStage
{
    public static void Run(Deriving.SiteModel site, LoadedInputs inputs, BuildPlan plan, StagedOutput staged, Review.FactsSpool facts, BuildOptions options, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentBag<TemplateException>();
        var postProblems = new ConcurrentBag<ContentDiagnostic>();
        try
        {
            Parallel.ForEach(
                plan.ToRender,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                page =>
                {
                    try
                    {
                        var (html, model) = RenderPage(inputs.Templates, site.Catalog, page, inputs.BaseUrl, cancellationToken);
                        if (PublishedNumbers.Problem(page.OutputPath, html) is { } problem)
                        {
                            throw new BuildFailedException([problem]);
                        }

                        staged.WriteText(page.OutputPath, html);
                        if (page.DataPath is { } dataPath)
                        {
                            staged.WriteText(dataPath, ((IPageData)model).DataText);
                        }

                        if (page.Card is { } card)
                        {
                            using var image = staged.OpenWrite(page.CardPath);
                            image.Write(OgImage.Render(card(), site.Catalog.Site.Title));
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
                    catch (PostRenderException exception)
                    {
                        Add(postProblems, exception.Diagnostics);
                    }
                });
        }
        catch (AggregateException exception)
        {
            // A write failed on a worker: surface the failure itself, as a sequential build would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }

        // Drafts are not published, but a draft that misstates a number is caught before it is.
        var renderer = new PostRenderer(site);
        foreach (var draft in inputs.Posts.Drafts)
        {
            Add(postProblems, renderer.Check(draft, cancellationToken));
        }

        if (!errors.IsEmpty || !postProblems.IsEmpty)
        {
            // One template mistake usually fails many pages the same way: report each distinct error once.
            throw new BuildFailedException(ContentDiagnostic.InFileOrder(postProblems)
                .Select(d => d.ToMsBuildString())
                .Concat(errors.Select(e => e.Message).Distinct().Order(StringComparer.Ordinal))
                .ToList());
        }
    }

    private static void Add(ConcurrentBag<ContentDiagnostic> bag, IEnumerable<ContentDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            bag.Add(diagnostic);
        }
    }

    /// <summary>The page's HTML, and the values it was rendered from (a page with a data file writes it from them).</summary>
    private static (string Html, object Model) RenderPage(TemplateSet templates, Catalog catalog, Page page, string baseUrl, CancellationToken cancellationToken)
    {
        var layout = LayoutModel.For(page, catalog.Site, baseUrl, catalog.Data.Calibration is { HeldOut.Count: > 0 });
        var model = page.Model;
        var body = templates.Render(page.Template, [model, layout], cancellationToken);
        return (templates.Render("layouts/base.html", [model, layout with { Content = new Html(body) }], cancellationToken), model);
    }
}
