using System.CommandLine;
using System.Globalization;
using Reports.Site.Import;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Estimators;

namespace Reports.Site.Cli;

/// <summary>
/// <c>import model CONFIG.json --id ID [--index INDEX.json] [--card README.md]</c>: drafts content/data/models/ID.yaml
/// from a Hugging Face checkpoint's files, runs the loader's rules on the draft and prints what it computed.
/// </summary>
internal static class ImportModelCommand
{
    /// <summary>This command's arguments, made anew for each command tree (why: <see cref="CommandLine"/>).</summary>
    private sealed class Args
    {
        public readonly Argument<string> ConfigArgument = new("config") { Description = "The model's config.json." };
        public readonly Option<string> Id = new("--id") { Description = "The catalog id, e.g. qwen3-8b (the file name).", Required = true };
        public readonly Option<string?> Index = new("--index") { Description = "model.safetensors.index.json: the checkpoint's size in bytes." };
        public readonly Option<string?> Card = new("--card") { Description = "The model card (README.md): licence and a stated parameter count." };
        public readonly Option<string?> ConfigUrl = new("--config-url") { Description = "The canonical https URL of config.json, written under sources:." };
        public readonly Option<string?> IndexUrl = new("--index-url") { Description = "The canonical https URL of the index." };
        public readonly Option<string?> CardUrl = new("--card-url") { Description = "The canonical https URL of the card." };
        public readonly Option<string?> Content = new("--content") { Description = "Content folder (default: content/ in the repository)." };
        public readonly Option<bool> Force = new("--force") { Description = "Overwrite an existing file." };
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var cli = new Args();
        var command = new Command("model", "Draft content/data/models/ID.yaml from a config.json (and index, card); what they do not state is left as TODO for the author.")
        {
            cli.ConfigArgument, cli.Id, cli.Index, cli.Card, cli.ConfigUrl, cli.IndexUrl, cli.CardUrl, cli.Content, cli.Force,
        };
        command.SetAction((result, token) => Task.FromResult(Run(result, cli, RunDate.Today(), stdout, stderr, token)));
        return command;
    }

    private static int Run(ParseResult result, Args cli, ContentDate today, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var id = result.GetValue(cli.Id)!;
        if (!Slug.IsValid(id) || id.Contains("-vs-", StringComparison.Ordinal))
        {
            return Usage(stderr, "--id '" + id + "' is not a valid model id (" + Slug.Rule + ", without '-vs-').");
        }

        foreach (var option in new[] { cli.ConfigUrl, cli.IndexUrl, cli.CardUrl })
        {
            if (result.GetValue(option) is { } url && !TextRules.IsHttpUrl(url))
            {
                return Usage(stderr, option.Name + " '" + url + "' is not an absolute https URL.");
            }
        }

        var configPath = Path.GetFullPath(result.GetValue(cli.ConfigArgument)!);
        var indexPath = result.GetValue(cli.Index) is { } i ? Path.GetFullPath(i) : null;
        var cardPath = result.GetValue(cli.Card) is { } c ? Path.GetFullPath(c) : null;
        foreach (var path in new[] { configPath, indexPath, cardPath }.OfType<string>())
        {
            if (!File.Exists(path))
            {
                return Usage(stderr, "no such file: " + path);
            }
        }

        var content = Path.GetFullPath(result.GetValue(cli.Content) ?? Path.Combine(RepoPaths.Root, "content"));
        var target = Path.Combine(content, "data", "models", id + ".yaml");
        if (File.Exists(target) && !result.GetValue(cli.Force))
        {
            return Usage(stderr, target + " exists; pass --force to overwrite it.");
        }

        ModelDraftInput input;
        try
        {
            var config = HfConfigReader.Read(configPath, File.ReadAllText(configPath));
            cancellationToken.ThrowIfCancellationRequested();
            var index = indexPath is null ? null : SafetensorsIndex.Read(indexPath, File.ReadAllText(indexPath));
            var card = cardPath is null ? null : ModelCard.Parse(File.ReadAllText(cardPath));
            var sources = new List<DraftSource> { new("config", result.GetValue(cli.ConfigUrl), configPath) };
            if (indexPath is not null)
            {
                sources.Add(new DraftSource("index", result.GetValue(cli.IndexUrl), indexPath));
            }

            // Facts without a source file of their own (context, params, released) cite the card, so its key is always there.
            sources.Add(new DraftSource("card", result.GetValue(cli.CardUrl), cardPath ?? "no card given: read the model card"));
            input = new ModelDraftInput(id, config, index, card, sources, today);
        }
        catch (ImportInputException exception)
        {
            stderr.WriteLine("error: " + exception.Message);
            return ExitCodes.ContentErrors;
        }

        var text = ModelDraft.Write(input);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, text);

        var diagnostics = ContentFile.Load(target, ContentKind.Model, text, cancellationToken).Diagnostics;
        Report(stdout, target, input, diagnostics);
        var problems = diagnostics.Count(d => d.IsError && d.Id != DiagnosticIds.Placeholder);
        if (problems > 0)
        {
            stderr.WriteLine("error: the draft has " + problems + " problem" + (problems == 1 ? "" : "s") + " besides its placeholders (listed above): the config may describe something the mapping gets wrong; fix the draft by hand.");
            return ExitCodes.ContentErrors;
        }

        return ExitCodes.Ok;
    }

    private static void Report(TextWriter o, string target, ModelDraftInput input, IEnumerable<ContentDiagnostic> diagnostics)
    {
        var a = input.Config.Architecture;
        var computed = ParameterCount.Compute(a);
        o.WriteLine("wrote " + target + " (" + input.Config.ModelType + ", " + (a.Kind == ModelKind.Moe ? "moe" : "dense") + ", " + a.Layers + " layers" + (a.HfArchitecture is { } hf ? ", " + hf : "") + ")");
        o.WriteLine("parameters computed from the architecture (Reports.Specs ParameterCount): " + ModelDraft.Billions(computed.Total) + " total"
            + (a.Kind == ModelKind.Moe ? ", " + ModelDraft.Billions(computed.Active) + " active" : ""));
        if (input.Index is { } index)
        {
            if (index.TotalParameters is { } exact)
            {
                o.WriteLine("  index metadata.total_parameters: " + exact.ToString("#,0", CultureInfo.InvariantCulture) + " (" + Compare(computed.Total, exact) + "; every tensor in the checkpoint, other towers and MTP layers included)");
            }

            o.WriteLine("  index metadata.total_size: " + index.TotalSize.ToString("#,0", CultureInfo.InvariantCulture) + " bytes in " + index.Shards + " shards, " + index.Tensors + " tensors; written as the checkpoint's size");
            if (SafetensorsIndex.BytesPerParameter(input.Config.Dtype) is { } bytes)
            {
                var count = index.TotalSize / (double)bytes;
                o.WriteLine("  total_size / " + bytes + " bytes (" + input.Config.DtypeText + "): " + ModelDraft.Billions(count) + " if every tensor is stored in that type (" + Compare(computed.Total, count) + "); the exact count needs the shards' headers");
            }
        }

        if (input.Card is { Parameters: { } stated, ParametersLine: { } line })
        {
            o.WriteLine("  card \"" + line + "\": " + ModelDraft.Billions(stated) + " (" + Compare(computed.Total, stated) + "; the test allows 1.5%)");
        }

        foreach (var warning in input.Config.Warnings)
        {
            o.WriteLine("note: " + warning);
        }

        var all = diagnostics.ToList();
        var placeholders = all.Count(d => d.Id == DiagnosticIds.Placeholder);
        o.WriteLine("validation (the loader's rules on the draft): " + placeholders + " placeholder" + (placeholders == 1 ? "" : "s") + " to fill, " + (all.Count - placeholders) + " other problem" + (all.Count - placeholders == 1 ? "" : "s"));
        foreach (var diagnostic in all)
        {
            o.WriteLine("  " + diagnostic.ToMsBuildString());
        }
    }

    /// <summary>How far the computed count is from another figure, signed, in percent of that figure.</summary>
    private static string Compare(double computed, double other)
        => "computed is " + ((computed - other) / other * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "% from it";

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return ExitCodes.Usage;
    }
}
