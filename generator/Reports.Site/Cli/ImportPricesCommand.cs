using System.CommandLine;
using System.Globalization;
using Reports.Site.Import;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Cli;

/// <summary>
/// <c>import prices FILE --date YYYY-MM-DD --source URL</c>: reads a price list (LiteLLM's JSON or models.dev's TOML
/// tree), maps its providers and model names to catalog ids and writes the dated prices into
/// content/data/providers/*.yaml; what it cannot map is listed, not guessed.
/// </summary>
internal static class ImportPricesCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Argument<string> FileArgument = new("file") { Description = "LiteLLM's model_prices_and_context_window.json, or a models.dev checkout (its providers/ folder of TOML files)." };
        public readonly Option<string?> Date = new("--date") { Description = "The day the prices were valid: the list's commit date (required; the list has no per-price dates)." };
        public readonly Option<string?> Source = new("--source") { Description = "The https URL of the list as read, at that commit (required)." };
        public readonly Option<string?> SourceKey = new("--source-key") { Description = "The key under sources: (default: repo-commit from a GitHub URL)." };
        public readonly Option<string?> ProviderMap = new("--provider-map") { Description = "JSON: list provider keys to { id, name, url }, or null to leave one out; on top of the built-in table." };
        public readonly Option<string?> Content = new("--content") { Description = "Content folder (default: content/ in the repository)." };
        public readonly Option<string?> PendingModels = new("--pending-models") { Description = "A file of model ids (one a line) not yet in the catalog: their prices go to --pending-out." };
        public readonly Option<string?> PendingOut = new("--pending-out") { Description = "Folder for provider files holding the prices of --pending-models." };
        public readonly Option<bool> DryRun = new("--dry-run") { Description = "Report what would change; write nothing." };
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("prices", "Write a price list's prices into content/data/providers/*.yaml, dated, with their source; list what cannot be mapped.")
        {
            cli.FileArgument, cli.Date, cli.Source, cli.SourceKey, cli.ProviderMap, cli.Content, cli.PendingModels, cli.PendingOut, cli.DryRun,
        };
        command.SetAction((result, token) => Task.FromResult(Run(result, cli, RunDate.Today(), stdout, stderr, token)));
        return command;
    }

    private static int Run(ParseResult result, Args cli, ContentDate today, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(result.GetValue(cli.FileArgument)!);
        if (result.GetValue(cli.Date) is not { } dateText || result.GetValue(cli.Source) is not { } source)
        {
            return Usage(stderr, "import prices needs --date YYYY-MM-DD and --source URL: a price list gives no date per price, so each price is recorded as of the list's commit date, with the URL of the list as read.");
        }

        if (!ContentDate.TryParse(dateText, out var date) || date.DayNumber > today.DayNumber)
        {
            return Usage(stderr, "--date '" + dateText + "' is not a YYYY-MM-DD date on or before today.");
        }

        if (!TextRules.IsHttpUrl(source))
        {
            return Usage(stderr, "--source '" + source + "' is not an absolute https URL.");
        }

        var sourceKey = result.GetValue(cli.SourceKey) ?? PriceImport.SourceKey(source, date);
        if (!Slug.IsValid(sourceKey))
        {
            return Usage(stderr, "--source-key '" + sourceKey + "' must be lowercase letters and digits joined by hyphens.");
        }

        var pendingFile = result.GetValue(cli.PendingModels);
        var pendingOut = result.GetValue(cli.PendingOut);
        if ((pendingFile is null) != (pendingOut is null))
        {
            return Usage(stderr, "--pending-models and --pending-out go together.");
        }

        if (!File.Exists(file) && !Directory.Exists(file))
        {
            return Usage(stderr, "no such file or folder: " + file);
        }

        var content = Path.GetFullPath(result.GetValue(cli.Content) ?? Path.Combine(RepoPaths.Root, "content"));
        var modelsFolder = Path.Combine(content, "data", "models");
        var catalogIds = Directory.Exists(modelsFolder)
            ? Directory.EnumerateFiles(modelsFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

        try
        {
            var providers = result.GetValue(cli.ProviderMap) is { } map ? ProviderTable.Default.With(Path.GetFullPath(map), File.ReadAllText(map)) : ProviderTable.Default;
            var pendingIds = pendingFile is null ? [] : ReadIds(Path.GetFullPath(pendingFile));
            var list = Directory.Exists(file)
                ? ModelsDevPriceList.Read(file, cancellationToken)
                : LiteLlmPriceList.Read(file, File.ReadAllText(file), cancellationToken);
            var plan = PriceImport.Plan(list, providers, catalogIds, pendingIds);
            var link = new SourceLink(sourceKey, source);
            var dryRun = result.GetValue(cli.DryRun);

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {list.Prices.Count} token prices from {file} ({list.Format}); dated {date}, source {source}"));
            foreach (var (why, count) in list.Skipped)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  skipped {count}: {why}"));
            }

            var written = Write(stdout, plan.Catalog, Path.Combine(content, "data", "providers"), link, date, today, dryRun, cancellationToken);
            if (pendingOut is not null)
            {
                stdout.WriteLine("pending (ids in " + pendingFile + " not yet in the catalog):");
                written += Write(stdout, plan.Pending, Path.GetFullPath(pendingOut), link, date, today, dryRun, cancellationToken);
            }

            Unmapped(stdout, plan);
            stdout.WriteLine(dryRun ? "dry run: nothing written." : written + " file" + (written == 1 ? "" : "s") + " written.");
            return ExitCodes.Ok;
        }
        catch (ImportInputException exception)
        {
            stderr.WriteLine("error: " + exception.Message);
            return ExitCodes.ContentErrors;
        }
    }

    private static int Write(TextWriter o, IReadOnlyList<ProviderPrices> plan, string folder, SourceLink source, ContentDate date, ContentDate today, bool dryRun, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var provider in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(folder, provider.Provider.Id + ".yaml");
            var existing = File.Exists(path) ? File.ReadAllText(path) : null;
            var update = ProviderFile.Merge(path, existing, provider.Provider, source, date, today, provider.Prices);
            var counts = Enum.GetValues<PriceOutcomeKind>().Select(k => update.Outcomes.Count(x => x.Kind == k)).ToArray();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", provider.ListKeys)} -> {provider.Provider.Id} ({path}{(update.Created ? ", new" : "")}): {counts[0]} added, {counts[1] + counts[3]} unchanged, {counts[2]} already recorded"));
            foreach (var outcome in update.Outcomes)
            {
                var p = outcome.Price;
                var what = outcome.Kind switch
                {
                    PriceOutcomeKind.Added => outcome.Since is { } since ? "changed since " + since : "added",
                    PriceOutcomeKind.Unchanged => "unchanged since " + outcome.Since,
                    PriceOutcomeKind.SameAsLater => "same as entry of " + outcome.Since,
                    _ => "already recorded on " + outcome.Since,
                };
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-28} {p.Model,-32} {ProviderFile.Number(p.Input),9} / {ProviderFile.Number(p.Output),-9} {p.Listing}"));
            }

            if (update.Text is { } text && !dryRun)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, text);
                written++;
            }
        }

        return written;
    }

    private static void Unmapped(TextWriter o, PriceImportPlan plan)
    {
        var ambiguous = plan.Unmapped.Where(u => u.Candidates.Count > 1).ToList();
        o.WriteLine(ambiguous.Count + " ambiguous name" + (ambiguous.Count == 1 ? "" : "s") + " (more than one catalog id fits; add an alias or rename):");
        foreach (var u in ambiguous)
        {
            o.WriteLine("  " + u.Provider + ": " + u.Listing + " -> " + string.Join(" or ", u.Candidates));
        }

        var unknown = plan.Unmapped.Where(u => u.Candidates.Count == 0).ToList();
        o.WriteLine(unknown.Count + " name" + (unknown.Count == 1 ? "" : "s") + " of imported providers fit no catalog id (normalised name in brackets):");
        foreach (var u in unknown)
        {
            o.WriteLine("  " + u.Provider + ": " + u.Listing + " [" + u.Key + "]");
        }

        o.WriteLine(plan.OtherProviders.Count + " list provider" + (plan.OtherProviders.Count == 1 ? "" : "s") + " not imported (not in the provider table; --provider-map adds one): "
            + string.Join(", ", plan.OtherProviders.Select(p => p.Key + " (" + p.Value.ToString(CultureInfo.InvariantCulture) + ")")));
    }

    private static IReadOnlyList<string> ReadIds(string file)
    {
        var ids = new List<string>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            var id = lines[i].Split('#')[0].Trim();
            if (id.Length == 0)
            {
                continue;
            }

            ids.Add(Slug.IsValid(id) ? id : throw new ImportInputException(file, "line " + (i + 1).ToString(CultureInfo.InvariantCulture) + ": '" + id + "' is not a model id (" + Slug.Rule + ")."));
        }

        return ids;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
