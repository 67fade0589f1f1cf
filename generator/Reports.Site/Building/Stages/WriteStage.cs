using Reports.Site.Deriving;
using Reports.Site.Publishing;

namespace Reports.Site.Building;

/// <summary>
/// Write: everything beside the rendered pages, into the same staging folder, then the swap. Unchanged pages and
/// their cards and data files are linked from the previous output; the full-text index covers the whole staged site; the facts
/// and inputs manifests, the JSON API (carried over when the catalog did not change), sitemap, robots, search
/// index, feed and assets follow; the build state is written last, listing every file, and the staging folder
/// replaces the output. A failure anywhere before the swap leaves the previous output untouched.
/// </summary>
public static class WriteStage
{
    public static void Run(SiteModel site, LoadedInputs inputs, BuildPlan plan, StagedOutput staged, Review.FactsSpool facts, BuildOptions options, CancellationToken cancellationToken)
    {
        foreach (var page in plan.Carried)
        {
            foreach (var file in page.FilesBeside.Prepend(page.OutputPath))
            {
                staged.LinkFrom(Path.Combine(options.OutputRoot, file), file);
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

        WriteManifests(plan, staged, facts, options, cancellationToken);

        var previousApi = Path.Combine(options.OutputRoot, "api");
        if (plan.Previous?.Api == plan.ApiFingerprint && Directory.Exists(previousApi))
        {
            foreach (var file in Directory.EnumerateFiles(previousApi, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                staged.LinkFrom(file, "api/" + Path.GetRelativePath(previousApi, file).Replace('\\', '/'));
            }
        }
        else
        {
            WriteApi(staged, Api.SiteApi.Files(site, inputs.BaseUrl));
        }

        foreach (var (path, text) in MachineReadable.Files(plan.Pages, inputs.BaseUrl))
        {
            staged.WriteText(path, text);
        }

        staged.WriteText("feed.xml", Pages.PostPages.Feed(site, inputs.Posts, inputs.BaseUrl));

        foreach (var (file, outputPath) in inputs.Assets)
        {
            staged.CopyFile(file, outputPath);
        }

        // Written last, so that it lists every other file of this build.
        staged.WriteText(BuildState.RelativePath, new BuildState(BuildState.CurrentGenerator, plan.Fingerprints) { Api = plan.ApiFingerprint, Site = plan.SiteFingerprint, Files = staged.WrittenSizes() }.Write());
        staged.Commit(plan.Previous?.Files);
    }

    /// <summary>The inputs manifest, and with <see cref="BuildOptions.WriteFacts"/> the facts manifest (carried over whole when no page rendered), which `diff` reads.</summary>
    private static void WriteManifests(BuildPlan plan, StagedOutput staged, Review.FactsSpool facts, BuildOptions options, CancellationToken cancellationToken)
    {
        // What this build was made from, so `diff` can open with the data that changed.
        staged.WriteText(Review.FactsManifest.Folder + "/" + Review.InputsManifest.FileName, Review.InputsManifest.Write(Review.InputsManifest.Extract(options.ContentRoot, options.TemplatesRoot, cancellationToken)));
        if (!options.WriteFacts)
        {
            return;
        }

        var factsPath = Review.FactsManifest.Folder + "/" + Review.FactsManifest.FileName;
        if (plan.ToRender.Count == 0 && plan.PreviousFacts.Count == plan.Pages.Count && plan.Previous!.StillWritten(options.OutputRoot, factsPath))
        {
            staged.LinkFrom(Path.Combine(options.OutputRoot, factsPath), factsPath);
        }
        else
        {
            using var manifest = staged.OpenWrite(factsPath);
            facts.WriteManifest(manifest, plan.Pages.Select(p => p.OutputPath), path => plan.PreviousFacts[path]);
        }
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
}
