using Reports.Site.Review;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Building;

/// <summary>
/// The numbers a published build shows, for <c>diff</c>: its facts manifest when the build wrote one (<c>build --facts</c>), and
/// otherwise read off the pages its build record lists, as the manifest would have been. A publish does not pay for a review
/// nobody may run, and any two builds of this generator can still be compared.
/// </summary>
public static class PublishedFacts
{
    public static IReadOnlyList<PageFacts> Read(string outputRoot, CancellationToken cancellationToken = default)
    {
        if (File.Exists(Path.Combine(outputRoot, FactsManifest.Folder, FactsManifest.FileName)))
        {
            return FactsManifest.Read(outputRoot);
        }

        if (BuildState.Read(outputRoot) is not { } state)
        {
            throw new FileNotFoundException("no facts manifest and no build record in " + outputRoot + " (expected " + BuildState.RelativePath + "): is it a build of this generator?", Path.Combine(outputRoot, BuildState.RelativePath));
        }

        var root = Path.GetFullPath(outputRoot);
        var record = Path.Combine(outputRoot, BuildState.RelativePath);
        var pages = state.Pages.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var page in pages)
        {
            // The record is a file in the folder like any other: a page it names must be inside the folder, and there.
            var file = Path.GetFullPath(Path.Combine(root, page));
            if (ContentPaths.RelativeTo(root, file) is null || !file.EndsWith(".html", StringComparison.Ordinal))
            {
                throw new InvalidDataException(record + ": the build record names a page outside the output, " + TextRules.Shorten(page) + "; rebuild that output.");
            }

            if (!File.Exists(file))
            {
                throw new InvalidDataException(record + ": the page " + TextRules.Shorten(page) + " it lists is missing; rebuild that output.");
            }
        }

        try
        {
            return pages.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(page => FactsManifest.Extract(page, File.ReadAllText(Path.Combine(root, page)))).ToList();
        }
        catch (AggregateException exception) when (exception.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerExceptions[0]);
            throw;
        }
    }
}
