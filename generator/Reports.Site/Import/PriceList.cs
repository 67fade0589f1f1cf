using System.Globalization;
using System.Text.Json;
using Tomlyn;
using Tomlyn.Model;

namespace Reports.Site.Import;

/// <summary>One price as a price list states it, in USD per million tokens.</summary>
/// <param name="Provider">The list's provider key: LiteLLM's litellm_provider, or the models.dev provider folder.</param>
/// <param name="Listing">The provider's own name for the model, as the list writes it (LiteLLM's key less its provider prefix).</param>
/// <param name="Entry">Where the price is in the list: the LiteLLM key or the models.dev file path.</param>
public sealed record ListedPrice(string Provider, string Listing, decimal Input, decimal Output, decimal? CachedInput, string Entry);

/// <summary>A price list read whole: its prices, and how many entries were passed over and why.</summary>
public sealed record PriceList(string Format, IReadOnlyList<ListedPrice> Prices, IReadOnlyDictionary<string, int> Skipped);

/// <summary>Bounds no real token price crosses, to catch unit errors in a list.</summary>
public static class PriceLimits
{
    /// <summary>
    /// USD per million tokens. The dearest chat models list around $150-600 per million output tokens; a
    /// list entry over $1,000 is a unit slip (per token written as per million, or per thousand), and
    /// recording it would make a page's figures wrong by orders of magnitude.
    /// </summary>
    public const decimal MaxPerMillion = 1000m;

    public const string Implausible = "over $1,000 per million tokens (a unit error in the list), not imported";
}

/// <summary>
/// LiteLLM's model_prices_and_context_window.json: one object per model key, prices in USD per token.
/// Only chat and completion entries with both an input and an output price per token are prices of the kind
/// the catalog records; free listings (both prices zero) are rate-limited tiers, not offers.
/// </summary>
public static class LiteLlmPriceList
{
    public static PriceList Read(string file, string text, CancellationToken cancellationToken = default)
    {
        using var document = JsonFields.Parse(file, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ImportInputException(file, "a LiteLLM price list is a JSON object of model entries; this file is not an object.");
        }

        var prices = new List<ListedPrice>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Skip(string why) => skipped[why] = skipped.GetValueOrDefault(why) + 1;
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Name == "sample_spec")
            {
                continue; // LiteLLM's documentation of the fields, not a model
            }

            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ImportInputException(file, "entry \"" + entry.Name + "\" must be an object.");
            }

            var fields = new JsonFields(file, entry.Value, entry.Name + ".");
            var mode = fields.OptionalString("mode");
            if (mode is not ("chat" or "completion"))
            {
                Skip("not a chat or completion model (mode " + (mode ?? "absent") + ")");
                continue;
            }

            var input = fields.OptionalDouble("input_cost_per_token");
            var output = fields.OptionalDouble("output_cost_per_token");
            if (input is null || output is null)
            {
                Skip("no input and output price per token");
                continue;
            }

            if (input < 0 || output < 0)
            {
                throw new ImportInputException(file, "entry \"" + entry.Name + "\" has a negative price per token.");
            }

            if (input == 0 && output == 0)
            {
                Skip("free (both prices zero)");
                continue;
            }

            if (PerMillion(input.Value) > PriceLimits.MaxPerMillion || PerMillion(output.Value) > PriceLimits.MaxPerMillion)
            {
                Skip(PriceLimits.Implausible + ": " + entry.Name);
                continue;
            }

            var provider = fields.OptionalString("litellm_provider") ?? throw fields.Missing("litellm_provider");
            // The key less its provider prefix; Vertex AI's keys (vertex_ai-llama_models, ...) share one prefix, vertex_ai/.
            var prefix = (provider.StartsWith("vertex_ai", StringComparison.Ordinal) ? "vertex_ai" : provider) + "/";
            var listing = entry.Name.StartsWith(prefix, StringComparison.Ordinal) ? entry.Name[prefix.Length..] : entry.Name;
            var cached = fields.OptionalDouble("cache_read_input_token_cost");
            prices.Add(new ListedPrice(provider, listing, PerMillion(input.Value), PerMillion(output.Value), cached is { } c ? PerMillion(c) : null, entry.Name));
        }

        return new PriceList("LiteLLM model_prices_and_context_window.json", prices, skipped);
    }

    /// <summary>USD per token to USD per million tokens, through decimal so 2.2e-07 is 0.22 and not 0.22000000000000003.</summary>
    public static decimal PerMillion(double perToken)
        => decimal.Round((decimal)perToken * 1_000_000m, 6);
}

/// <summary>
/// models.dev's source tree: providers/{provider}/models/**/{model}.toml, each with a [cost] table in USD per
/// million tokens. (Its api.json is generated when the site deploys and is not in the repository.)
/// </summary>
public static class ModelsDevPriceList
{
    public static PriceList Read(string folder, CancellationToken cancellationToken = default)
    {
        var providers = Directory.Exists(Path.Combine(folder, "providers")) ? Path.Combine(folder, "providers") : folder;
        var prices = new List<ListedPrice>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Skip(string why) => skipped[why] = skipped.GetValueOrDefault(why) + 1;
        var ordinal = new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseSensitive };
        foreach (var providerFolder in Directory.EnumerateDirectories(providers).Order(StringComparer.Ordinal))
        {
            var models = Path.Combine(providerFolder, "models");
            if (!Directory.Exists(models))
            {
                continue;
            }

            var provider = Path.GetFileName(providerFolder);
            foreach (var path in Directory.EnumerateFiles(models, "*.toml", ordinal).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var listing = Path.GetRelativePath(models, path).Replace('\\', '/')[..^".toml".Length];
                TomlTable table;
                try
                {
                    table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path))!;
                }
                catch (TomlException exception)
                {
                    throw new ImportInputException(path, "not valid TOML: " + exception.Message);
                }

                if (table.TryGetValue("status", out var status) && status is "deprecated")
                {
                    Skip("deprecated (status = \"deprecated\")");
                    continue;
                }

                if (!table.TryGetValue("cost", out var costValue) || costValue is not TomlTable cost || !cost.ContainsKey("input") || !cost.ContainsKey("output"))
                {
                    Skip("no [cost] input and output");
                    continue;
                }

                var input = Number(path, cost, "input");
                var output = Number(path, cost, "output");
                if (input == 0 && output == 0)
                {
                    Skip("free (both prices zero)");
                    continue;
                }

                if (input > PriceLimits.MaxPerMillion || output > PriceLimits.MaxPerMillion)
                {
                    Skip(PriceLimits.Implausible + ": providers/" + provider + "/models/" + listing + ".toml");
                    continue;
                }

                var cached = cost.ContainsKey("cache_read") ? Number(path, cost, "cache_read") : (decimal?)null;
                prices.Add(new ListedPrice(provider, listing, input, output, cached, "providers/" + provider + "/models/" + listing + ".toml"));
            }
        }

        return new PriceList("models.dev providers/*/models/*.toml", prices, skipped);
    }

    private static decimal Number(string path, TomlTable cost, string key)
    {
        var value = cost[key];
        decimal number = value switch
        {
            long l => l,
            double d => (decimal)d,
            _ => throw new ImportInputException(path, "[cost] " + key + " must be a number, found " + Convert.ToString(value, CultureInfo.InvariantCulture) + "."),
        };
        return number >= 0 ? number : throw new ImportInputException(path, "[cost] " + key + " is negative.");
    }
}
