using System.CommandLine;
using System.Globalization;
using Reports.Site.Building;
using Reports.Site.Rendering;
using Reports.Specs;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Loading;

namespace Reports.Site.Cli;

/// <summary><c>build [--content DIR] [--out DIR] [--templates DIR] [--base-url URL] [--stats] [--facts]</c>; also what a bare run does.</summary>
internal static class BuildCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Option<string?> Content = new("--content") { Description = "Content folder to load at run time instead of the compiled catalog." };
        public readonly Option<string?> Out = new("--out") { Description = "Output folder (default: output/ in the repository)." };
        public readonly Option<string?> Templates = new("--templates") { Description = "Templates folder (default: templates/ in the repository)." };
        public readonly Option<string?> BaseUrl = new("--base-url") { Description = "Base URL for canonical links, overriding site.yaml." };
        public readonly Option<bool> Stats = new("--stats") { Description = "Also print memory and garbage-collection figures for the build (for profiling)." };
        public readonly Option<bool> Facts = new("--facts") { Description = "Also write every number on every page to .reports/facts.json, which diff reads instead of the pages." };
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("build", "Build the site into the output folder (replaced only when the build succeeds).")
        {
            cli.Content, cli.Out, cli.Templates, cli.BaseUrl, cli.Stats, cli.Facts,
        };
        command.SetAction((result, token) => Task.FromResult(Run(result, cli, stdout, stderr, token)));
        return command;
    }

    private static int Run(ParseResult result, Args cli, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        => Run(
            result.GetValue(cli.Content),
            result.GetValue(cli.Out) ?? RepoPaths.Output,
            result.GetValue(cli.Templates) ?? RepoPaths.Templates,
            result.GetValue(cli.BaseUrl),
            stdout,
            stderr,
            cancellationToken,
            result.GetValue(cli.Stats),
            result.GetValue(cli.Facts));

    public static int Run(string? contentRoot, string outputRoot, string templatesRoot, string? baseUrl, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, bool stats = false, bool facts = false)
    {
        // Usage mistakes are one line and exit 2, before anything is read or written.
        if (baseUrl is not null && !TextRules.IsHttpUrl(baseUrl))
        {
            stderr.WriteLine("error: --base-url must be an absolute http(s) URL with a host, like https://example.org/docs/; got '" + TextRules.Shorten(baseUrl) + "'.");
            return ExitCodes.Usage;
        }

        if (string.IsNullOrWhiteSpace(outputRoot))
        {
            stderr.WriteLine("error: --out needs a folder name, like output.");
            return ExitCodes.Usage;
        }

        Catalog catalog;
        if (contentRoot is null)
        {
            catalog = Catalog.Compiled;
        }
        else
        {
            var loaded = ContentDirectory.LoadDirectory(contentRoot, RunDate.Today(), cancellationToken);
            foreach (var diagnostic in loaded.Diagnostics)
            {
                (diagnostic.IsError ? stderr : stdout).WriteLine(diagnostic.ToMsBuildString());
            }

            if (loaded.Catalog is null)
            {
                stderr.WriteLine("build failed: " + loaded.Diagnostics.Count(d => d.IsError) + " content error(s); " + Path.GetFullPath(outputRoot) + " was not changed.");
                return ExitCodes.ContentErrors;
            }

            catalog = new Catalog(loaded.Catalog);
        }

        try
        {
            var search = Publishing.FullTextIndex.Locate(RepoPaths.Root);
            var result = SiteBuilder.Build(catalog, new BuildOptions(contentRoot ?? Reports.Specs.CompiledCatalog.ContentRoot, templatesRoot, outputRoot, baseUrl) { Search = search, WriteFacts = facts }, cancellationToken);
            stdout.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "built {0} pages ({4} rendered, {5} unchanged) in {1:0.00} s -> {2} ({3} warnings)",
                result.Pages,
                result.Elapsed.TotalSeconds,
                Path.GetFullPath(outputRoot),
                result.Warnings.Count,
                result.Rendered,
                result.Pages - result.Rendered));
            if (search is null && Environment.GetEnvironmentVariable(Publishing.FullTextIndex.Variable) is null)
            {
                stdout.WriteLine("note: full-text search was not indexed (Pagefind is not installed: npm ci --prefix tools/search); the site's title search still works.");
            }

            if (stats)
            {
                stdout.WriteLine(StatsLine());
                stdout.WriteLine("stages: " + string.Join(", ", result.Stages.Select(st => st.Stage.ToLowerInvariant() + " " + st.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s")));
            }

            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is TemplateException or BuildFailedException or IOException)
        {
            stderr.WriteLine(exception.Message);
            stderr.WriteLine("build failed; " + Path.GetFullPath(outputRoot) + " was not changed.");
            return ExitCodes.ContentErrors;
        }
    }

    /// <summary>Allocation and collection totals of this process: where a build's time goes when it is not in our code.</summary>
    private static string StatsLine()
    {
        var process = System.Diagnostics.Process.GetCurrentProcess();
        return string.Format(
            CultureInfo.InvariantCulture,
            "stats: allocated {0:0} MB, collections gen0 {1} / gen1 {2} / gen2 {3}, GC pauses {4:0.00} s ({5:0.0}% of run time), peak working set {6:0} MB, CPU {7:0.00} s",
            GC.GetTotalAllocatedBytes() / 1e6,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalSeconds,
            GC.GetGCMemoryInfo().PauseTimePercentage,
            process.PeakWorkingSet64 / 1e6,
            process.TotalProcessorTime.TotalSeconds);
    }
}
