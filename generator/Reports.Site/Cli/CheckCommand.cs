using System.CommandLine;
using System.Diagnostics;
using Reports.Site.Checks;

namespace Reports.Site.Cli;

/// <summary><c>check [DIR]</c>: links, anchors, page metadata, text alternatives, JSON and the sitemap of a built site.</summary>
internal static class CheckCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Argument<string?> Folder = new("dir") { Description = "The built site (default: output/ in the repository).", Arity = ArgumentArity.ZeroOrOne };
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("check", "Check a built site: every internal link and anchor, titles, descriptions, canonical URLs, one h1, text alternatives, JSON, sitemap.")
        {
            cli.Folder,
        };
        command.SetAction((result, token) =>
        {
            var folder = result.GetValue(cli.Folder) ?? RepoPaths.Output;
            if (!Directory.Exists(folder))
            {
                stderr.WriteLine("error: no built site at " + Path.GetFullPath(folder) + "; run the build first.");
                return Task.FromResult(ExitCodes.Usage);
            }

            var clock = Stopwatch.StartNew();
            var check = SiteChecker.Check(folder, token);
            foreach (var problem in check.Problems)
            {
                stderr.WriteLine(problem.ToMsBuildString());
            }

            stdout.WriteLine($"checked {check.Pages} pages, {check.InternalLinks} internal links, {check.JsonFiles} JSON files in {clock.Elapsed.TotalSeconds:0.00} s: {check.Problems.Count} problems; {check.ExternalLinks.Count} external links (not fetched: no network).");
            return Task.FromResult(check.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.ContentErrors);
        });
        return command;
    }
}
