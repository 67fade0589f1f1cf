using System.CommandLine;
using Reports.Site.Building;
using Reports.Site.Review;

namespace Reports.Site.Cli;

/// <summary><c>diff BASE_DIR HEAD_DIR [--format markdown|html] [--base-url URL] [--out FILE]</c>.</summary>
internal static class DiffCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Argument<string> Base = new("base") { Description = "The base build's output folder." };
        public readonly Argument<string> Head = new("head") { Description = "The head build's output folder." };
        public readonly Option<string> FormatOption = new Option<string>("--format") { Description = "markdown or html.", DefaultValueFactory = _ => "markdown" }.AcceptOnlyFromAmong("markdown", "html");
        public readonly Option<string?> BaseUrl = new("--base-url") { Description = "Where the head build is previewed; pages link there." };
        public readonly Option<string?> Out = new("--out") { Description = "Write the report here instead of standard output." };
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("diff", "Explain what changed between two builds: pages added, removed, changed, and each number old -> new.")
        {
            cli.Base, cli.Head, cli.FormatOption, cli.BaseUrl, cli.Out,
        };
        command.SetAction((result, token) =>
        {
            try
            {
                var (baseDir, headDir) = (result.GetValue(cli.Base)!, result.GetValue(cli.Head)!);
                var diff = SiteDiff.Compare(PublishedFacts.Read(baseDir, token), PublishedFacts.Read(headDir, token), InputsManifest.Read(baseDir), InputsManifest.Read(headDir));
                var report = result.GetValue(cli.FormatOption) == "html" ? SiteDiff.Html(diff, result.GetValue(cli.BaseUrl)) : SiteDiff.Markdown(diff, result.GetValue(cli.BaseUrl));
                if (result.GetValue(cli.Out) is { } path)
                {
                    if (path.Length == 0)
                    {
                        stderr.WriteLine("error: --out needs a file name.");
                        return Task.FromResult(ExitCodes.Usage);
                    }

                    // A CI step writes the report where the next step picks it up; that folder may not exist yet.
                    if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
                    {
                        Directory.CreateDirectory(folder);
                    }

                    File.WriteAllText(path, report);
                }
                else
                {
                    stdout.Write(report);
                }

                return Task.FromResult(ExitCodes.Ok);
            }
            catch (FileNotFoundException exception)
            {
                stderr.WriteLine("error: " + exception.Message);
                return Task.FromResult(ExitCodes.Usage);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                stderr.WriteLine("error: " + exception.Message);
                return Task.FromResult(ExitCodes.ContentErrors);
            }
        });
        return command;
    }
}
