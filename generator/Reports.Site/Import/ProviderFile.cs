using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Import;

/// <summary>A price to record: the catalog model, USD per million tokens, the provider's name for it, the note to write.</summary>
public sealed record ImportedPrice(string Model, decimal Input, decimal Output, string Listing, string Note);

public enum PriceOutcomeKind
{
    /// <summary>Appended as a new dated entry.</summary>
    Added,

    /// <summary>The same offer already has this price in force on this date (recorded earlier); nothing to add.</summary>
    Unchanged,

    /// <summary>The same offer already has an entry on this date.</summary>
    AlreadyRecorded,

    /// <summary>Older than the offer's entries and the same as the first of them: that entry already says it.</summary>
    SameAsLater,
}

/// <summary>What happened to one imported price, and the entry it was compared with.</summary>
public sealed record PriceOutcome(ImportedPrice Price, PriceOutcomeKind Kind, ContentDate? Since);

/// <summary>The new text of a provider file (null when nothing changed) and what happened to each price.</summary>
public sealed record ProviderFileUpdate(string Path, string? Text, bool Created, IReadOnlyList<PriceOutcome> Outcomes);

/// <summary>
/// Writes imported prices into content/data/providers/{id}.yaml: a new file for a new provider, otherwise the
/// existing text with lines appended (its comments and layout kept, so the diff shows only what was added).
/// A price the same offer already has on that date is not repeated; a changed price becomes a new dated entry.
/// </summary>
public static partial class ProviderFile
{
    public static ProviderFileUpdate Merge(string path, string? existing, ProviderInfo provider, SourceLink source, ContentDate date, ContentDate today, IReadOnlyList<ImportedPrice> prices)
    {
        var current = existing is null ? null : Parse(path, existing);
        var sourceKey = current?.Sources.FirstOrDefault(s => s.Url == source.Url)?.Key ?? source.Key;
        if (current is not null && current.Sources.FirstOrDefault(s => s.Key == sourceKey) is { } taken && taken.Url != source.Url)
        {
            throw new ImportInputException(path, "the source key '" + sourceKey + "' already names " + taken.Url + "; pass another --source-key.");
        }

        var outcomes = new List<PriceOutcome>();
        var added = new List<ImportedPrice>();
        foreach (var price in prices.OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.Listing, StringComparer.Ordinal))
        {
            var sameOffer = (current?.Prices ?? []).Where(p => p.Model.Value == price.Model && SameListing(ListingOf(p.Note), price.Listing)).ToList();
            if (sameOffer.FirstOrDefault(p => p.Date == date) is { } sameDay)
            {
                outcomes.Add(new PriceOutcome(price, PriceOutcomeKind.AlreadyRecorded, sameDay.Date));
                continue;
            }

            // The entry in force on the import's date: the latest one dated before it.
            var inForce = sameOffer.Where(p => p.Date.CompareTo(date) < 0).OrderByDescending(p => p.Date).FirstOrDefault();
            if (inForce is not null && (decimal)inForce.Input == price.Input && (decimal)inForce.Output == price.Output)
            {
                outcomes.Add(new PriceOutcome(price, PriceOutcomeKind.Unchanged, inForce.Date));
                continue;
            }

            // A list older than the file's entries adds history only where the price differed then.
            var next = sameOffer.Where(p => p.Date.CompareTo(date) > 0).OrderBy(p => p.Date).FirstOrDefault();
            if (inForce is null && next is not null && (decimal)next.Input == price.Input && (decimal)next.Output == price.Output)
            {
                outcomes.Add(new PriceOutcome(price, PriceOutcomeKind.SameAsLater, next.Date));
                continue;
            }

            outcomes.Add(new PriceOutcome(price, PriceOutcomeKind.Added, inForce?.Date));
            added.Add(price);
        }

        if (added.Count == 0)
        {
            return new ProviderFileUpdate(path, null, false, outcomes);
        }

        var lines = added.Select(p => PriceLine(p, date, sourceKey)).ToList();
        var text = existing is null
            ? NewFile(provider, today, new SourceLink(sourceKey, source.Url), lines)
            : Append(path, existing, current!.Sources.Any(s => s.Key == sourceKey) ? null : "  " + sourceKey + ": " + source.Url, lines);

        // The file must still be one the loader accepts; anything else is a fault here, not in the input.
        var check = ContentFile.Load(path, ContentKind.Provider, text);
        if (check.HasErrors)
        {
            throw new InvalidOperationException("import prices wrote a provider file the loader refuses: " + check.Diagnostics.First(d => d.IsError).ToMsBuildString());
        }

        return new ProviderFileUpdate(path, text, existing is null, outcomes);
    }

    /// <summary>The provider's name for the model at the start of a price's note: the text before "; " or " (".</summary>
    public static string ListingOf(string? note)
    {
        if (note is null)
        {
            return "";
        }

        var end = note.Length;
        foreach (var stop in new[] { "; ", " (", ", " })
        {
            var at = note.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < end)
            {
                end = at;
            }
        }

        return note[..end].Trim();
    }

    /// <summary>
    /// Two names for one offer: the same model name after the last '/', whatever path the list puts before it
    /// ("vertex_ai/meta/llama-3.3-70b-instruct-maas" and a hand-written "llama-3.3-70b-instruct-maas").
    /// </summary>
    public static bool SameListing(string a, string b)
        => string.Equals(a[(a.LastIndexOf('/') + 1)..], b[(b.LastIndexOf('/') + 1)..], StringComparison.OrdinalIgnoreCase);

    public static string PriceLine(ImportedPrice price, ContentDate date, string sourceKey)
        => "  - { model: " + price.Model + ", input: " + Number(price.Input) + ", output: " + Number(price.Output) + ", date: " + date + ", src: " + sourceKey + ", note: " + Quoted(price.Note) + " }";

    public static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static ProviderData Parse(string path, string text)
    {
        var file = ContentFile.Load(path, ContentKind.Provider, text);
        if (file.HasErrors || file.Entity is not ProviderData data)
        {
            throw new ImportInputException(path, "the provider file has errors; fix them before importing into it: " + file.Diagnostics.First(d => d.IsError).ToMsBuildString());
        }

        return data;
    }

    private static string NewFile(ProviderInfo provider, ContentDate today, SourceLink source, IEnumerable<string> lines)
    {
        var y = new StringBuilder();
        y.Append("id: ").Append(provider.Id).Append('\n');
        y.Append("name: ").Append(PlainOrQuoted(provider.Name)).Append('\n');
        y.Append("url: ").Append(provider.Url).Append('\n');
        y.Append("verified: ").Append(today.ToString()).Append('\n');
        y.Append("sources:\n");
        y.Append("  ").Append(source.Key).Append(": ").Append(source.Url).Append('\n');
        y.Append("prices:                            # USD per million tokens\n");
        foreach (var line in lines)
        {
            y.Append(line).Append('\n');
        }

        return y.ToString();
    }

    /// <summary>Adds a source line at the end of the sources block (when given) and price lines at the end of the prices block.</summary>
    private static string Append(string path, string text, string? sourceLine, IReadOnlyList<string> priceLines)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        if (sourceLine is not null)
        {
            InsertAtEndOfBlock(path, lines, "sources", [sourceLine]);
        }

        var prices = lines.FindIndex(l => l.StartsWith("prices:", StringComparison.Ordinal));
        if (prices >= 0 && EmptyList().IsMatch(lines[prices]))
        {
            lines[prices] = "prices:";
        }

        InsertAtEndOfBlock(path, lines, "prices", priceLines);
        return string.Join('\n', lines) + "\n";
    }

    private static void InsertAtEndOfBlock(string path, List<string> lines, string key, IReadOnlyList<string> insert)
    {
        var start = lines.FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        if (start < 0)
        {
            throw new ImportInputException(path, "no top-level '" + key + ":' to add to.");
        }

        // The block runs to the next top-level key; new lines go after its last non-blank line.
        var end = start + 1;
        while (end < lines.Count && (lines[end].Length == 0 || lines[end][0] is ' ' or '#'))
        {
            end++;
        }

        var last = end - 1;
        while (last > start && (lines[last].Trim().Length == 0 || lines[last].TrimStart().StartsWith('#')))
        {
            last--;
        }

        lines.InsertRange(last + 1, insert);
    }

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string PlainOrQuoted(string text) => SafePlain().IsMatch(text) ? text : Quoted(text);

    [GeneratedRegex(@"^prices:\s*\[\s*\]\s*(#.*)?$")]
    private static partial Regex EmptyList();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 .()-]*$")]
    private static partial Regex SafePlain();
}
