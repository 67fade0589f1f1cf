using System.CommandLine;

namespace Reports.Site.Cli;

/// <summary>
/// The command tree. With no subcommand the site is built with the defaults. Every call builds a new tree with
/// new option objects: System.CommandLine records each option's parent command on the option itself, so options
/// shared as statics would collect a parent per call, and tests run the CLI in parallel.
/// </summary>
public static class CommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("LLM deployment reports: builds the static site from content/ and templates/.")
        {
            BuildCommand.Create(stdout, stderr),
            EstimateCommand.Create(stdout, stderr),
            DiffCommand.Create(stdout, stderr),
            ServeCommand.Create(stdout, stderr),
            CheckCommand.Create(stdout, stderr),
            CalibrateCommand.Create(stdout, stderr),
            ImportCommand.Create(stdout, stderr),
        };
        root.SetAction((result, token) => Task.FromResult(BuildCommand.Run(null, RepoPaths.Output, RepoPaths.Templates, null, stdout, stderr, token)));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line: the first error, which is the one to fix first, and where to read more.
            stderr.WriteLine("error: " + parsed.Errors[0].Message.TrimEnd('.') + (parsed.Errors.Count > 1 ? " (and " + (parsed.Errors.Count - 1) + " more)" : "") + "; run with --help for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
