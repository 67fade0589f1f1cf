using System.Text;
using System.Text.RegularExpressions;

namespace Reports.Site.Import;

/// <summary>What the matcher made of a provider's model name.</summary>
/// <param name="Id">The catalog id, when exactly one fits.</param>
/// <param name="Candidates">The ids that fit equally well, when more than one does (then Id is null).</param>
/// <param name="Dropped">The serving words taken off the name to match it (Instruct, Turbo, FP8 ...), for the price's note.</param>
/// <param name="Key">The normalised name the match was made on.</param>
/// <param name="ByAlias">True when the match came from the alias table rather than the name itself.</param>
public sealed record NameMatch(string? Id, IReadOnlyList<string> Candidates, IReadOnlyList<string> Dropped, string Key, bool ByAlias);

/// <summary>
/// Maps a provider's model name ("meta-llama/Llama-3.3-70B-Instruct-Turbo", "meta.llama3-3-70b-instruct-v1:0",
/// "accounts/fireworks/models/llama-v3p3-70b-instruct") to a catalog id by normalising both to the same tokens:
/// lower case, separators and letter-to-digit steps split, serving words (instruct, turbo, fp8 ...) and
/// publisher prefixes dropped. A name that fits no id, or more than one, is reported, never guessed; the alias
/// table holds the few names no rule can tell apart, each one checked by a person.
/// </summary>
public sealed partial class ModelNameMatcher
{
    /// <summary>
    /// Words that name how a model is served, not which model it is. They are dropped from both sides; the
    /// ones dropped from a provider's name go into the price's note.
    /// </summary>
    public static readonly IReadOnlySet<string> ServingWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "instruct", "it", "chat", "hf", "turbo", "fp8", "fp16", "bf16", "tput", "versatile", "instant", "maas",
    };

    /// <summary>Publisher names that prefix a model's name on some platforms (meta.llama3..., Meta-Llama-3.1..., zai-glm-4.6).</summary>
    private static readonly HashSet<string> Publishers = new(StringComparer.Ordinal)
    {
        "meta", "google", "openai", "mistralai", "moonshot", "moonshotai", "zai", "microsoft", "databricks", "amazon",
    };

    /// <summary>
    /// Names that do not reduce to their catalog id, mapped by hand. Keys are normalised names (as <see cref="Normalise"/>
    /// writes them); each line says why the mapping holds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mixtral-8x-7b-0-1"] = "mixtral-8x7b",                // Mixtral-8x7B-Instruct-v0.1: the only Mixtral 8x7B release
        ["mixtral-8x-22b-0-1"] = "mixtral-8x22b",              // Mixtral-8x22B-Instruct-v0.1: the only Mixtral 8x22B release
        ["mistral-mixtral-8x-7b-0-1"] = "mixtral-8x7b",        // Bedrock's mistral.mixtral-8x7b-instruct-v0:1
        ["open-mixtral-8x-7b"] = "mixtral-8x7b",               // Mistral's API name for Mixtral 8x7B
        ["open-mixtral-8x-22b"] = "mixtral-8x22b",             // Mistral's API name for Mixtral 8x22B
        ["mistral-small-2503"] = "mistral-small-3-1-24b",      // Mistral's versioned API name for Mistral Small 3.1 (25.03)
        ["mistral-small-2506"] = "mistral-small-3-2-24b",      // and for Mistral Small 3.2 (25.06)
        ["open-mistral-nemo-2407"] = "mistral-nemo-12b",       // Mistral's API name for Mistral NeMo 12B (24.07)
        ["mistral-7b-0-3"] = "mistral-7b",                     // the catalog's mistral-7b is v0.3 (v0.1 and v0.2 are other checkpoints)
        ["mistral-small-3-1-24b-2503"] = "mistral-small-3-1-24b", // Mistral-Small-3.1-24B-Instruct-2503
        ["mistral-small-3-2-24b-2506"] = "mistral-small-3-2-24b", // Mistral-Small-3.2-24B-Instruct-2506
        ["mistral-nemo-2407"] = "mistral-nemo-12b",           // Mistral-Nemo-Instruct-2407, the 12B NeMo model
        ["open-mistral-nemo"] = "mistral-nemo-12b",           // Mistral's API name for Mistral NeMo 12B
        ["mistral-nemo"] = "mistral-nemo-12b",                // there is one Mistral NeMo model
        ["llama-4-scout-17b-16e"] = "llama-4-scout",           // Llama-4-Scout-17B-16E: 17B active, 16 experts
        ["llama-4-maverick-17b-128e"] = "llama-4-maverick",    // Llama-4-Maverick-17B-128E: 17B active, 128 experts
        ["llama-4-scout-17b"] = "llama-4-scout",               // Bedrock's meta.llama4-scout-17b-instruct
        ["llama-4-maverick-17b"] = "llama-4-maverick",         // Bedrock's meta.llama4-maverick-17b-instruct
        ["llama-3-2-11b"] = "llama-3-2-11b-vision",            // Llama 3.2 11B was released only as the Vision model
        ["llama-3-2-90b"] = "llama-3-2-90b-vision",            // Llama 3.2 90B likewise
        ["phi-3-mini-4k"] = "phi-3-mini",                      // the catalog's phi-3-mini is the 4k-context variant
        ["deepseek-r-1-671b"] = "deepseek-r1",                 // Lambda's name for DeepSeek-R1 (671B)
        ["qwen-25-coder-32b"] = "qwen2-5-coder-32b",           // Lambda writes Qwen2.5 as qwen25
        ["kimi-k-2-0711-preview"] = "kimi-k2-instruct",        // Moonshot's API name for the July 2025 (0711) Kimi K2
        ["kimi-k-2-0905-preview"] = "kimi-k2-instruct-0905",   // Moonshot's API name for Kimi K2 0905
    };

    /// <summary>
    /// Ids whose name leaves out a version that tells checkpoints apart: the catalog's mistral-7b is v0.3, and
    /// "mistral-7b-instruct" may be v0.1, v0.2 or v0.3. Only an alias (a name with the version) maps to them.
    /// </summary>
    public static readonly IReadOnlySet<string> AliasOnlyIds = new HashSet<string>(StringComparer.Ordinal) { "mistral-7b" };

    private readonly Dictionary<string, List<string>> _byKey = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _aliases;

    public ModelNameMatcher(IEnumerable<string> catalogIds, IReadOnlyDictionary<string, string>? aliases = null)
    {
        var all = catalogIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var id in all.Where(id => !AliasOnlyIds.Contains(id)))
        {
            var key = Normalise(id).Key;
            if (!_byKey.TryGetValue(key, out var ids))
            {
                _byKey[key] = ids = [];
            }

            ids.Add(id);
        }

        var known = new HashSet<string>(all, StringComparer.Ordinal);
        _aliases = (aliases ?? DefaultAliases).Where(a => known.Contains(a.Value)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    public NameMatch Match(string listing)
    {
        var (key, dropped) = Normalise(listing);
        if (_byKey.TryGetValue(key, out var ids))
        {
            return ids.Count == 1 ? new NameMatch(ids[0], ids, dropped, key, false) : new NameMatch(null, ids, dropped, key, false);
        }

        return _aliases.TryGetValue(key, out var alias)
            ? new NameMatch(alias, [alias], dropped, key, true)
            : new NameMatch(null, [], dropped, key, false);
    }

    /// <summary>The tokens a name is matched on, joined by hyphens, and the serving words taken off it.</summary>
    public static (string Key, IReadOnlyList<string> Dropped) Normalise(string name)
    {
        // The last path segment is the model ("accounts/fireworks/models/x", "Qwen/Qwen3-32B", "us-east-1/meta.llama3...").
        var text = name[(name.LastIndexOf('/') + 1)..];
        text = Region().Replace(text, "");        // Bedrock cross-region profiles: us.meta..., eu.deepseek...
        text = ApiVersion().Replace(text, "");    // Bedrock API versions -v1:0, -1:0 (a -v0:N is Mistral's model version and stays)
        var original = text;
        text = text.ToLowerInvariant();
        text = FireworksDot().Replace(text, ".");  // Fireworks writes 3.3 as 3p3

        var tokens = new List<string>();
        var dropped = new List<string>();
        foreach (var part in Separators().Split(text).Where(p => p.Length > 0))
        {
            if (ServingWords.Contains(part))
            {
                dropped.Add(part); // whole, before fp8 would split into fp and 8
                continue;
            }

            foreach (var token in LetterDigit().Split(part).Where(t => t.Length > 0))
            {
                if (ServingWords.Contains(token))
                {
                    dropped.Add(token);
                }
                else if (token != "v") // "v3", "V3.1", "v0.1": the v carries nothing
                {
                    tokens.Add(token);
                }
            }
        }

        while (tokens.Count > 1 && (Publishers.Contains(tokens[0]) || tokens[0] == tokens[1]))
        {
            tokens.RemoveAt(0); // meta.llama3-..., qwen.qwen3-..., minimax.minimax-m2
        }

        return (string.Join('-', tokens), dropped.Select(d => OriginalCase(original, d)).ToList());
    }

    /// <summary>The word as the provider wrote it ("Instruct", "FP8"), for the note.</summary>
    private static string OriginalCase(string original, string word)
    {
        var at = original.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? word : original.Substring(at, word.Length);
    }

    [GeneratedRegex(@"^(us|eu|apac|global|jp|au|ca|us-gov)\.")]
    private static partial Regex Region();

    [GeneratedRegex(@"-(v[1-9][0-9]*|[1-9][0-9]*):[0-9]+$")]
    private static partial Regex ApiVersion();

    [GeneratedRegex(@"(?<=[0-9])p(?=[0-9])")]
    private static partial Regex FireworksDot();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex Separators();

    // Between a letter and a digit: llama3 -> llama 3, a22b -> a 22b, 8x7b -> 8x 7b.
    [GeneratedRegex(@"(?<=[a-z])(?=[0-9])")]
    private static partial Regex LetterDigit();
}
