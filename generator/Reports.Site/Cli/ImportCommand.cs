using System.CommandLine;

namespace Reports.Site.Cli;

/// <summary><c>import model ...</c> and <c>import prices ...</c>: drafts content from published files, as a reviewable diff.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
        => new("import", "Draft content from published files: a model from its config.json, provider prices from a price list.")
        {
            ImportModelCommand.Create(stdout, stderr),
            ImportPricesCommand.Create(stdout, stderr),
        };
}
