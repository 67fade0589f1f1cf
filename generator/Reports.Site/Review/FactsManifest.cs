using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reports.Specs.Content.Loading;

namespace Reports.Site.Review;

/// <summary>One number a page shows: its stable key, its value, its unit and the text as rendered.</summary>
public sealed record Fact(string Key, double Value, string Unit, string Text);

/// <summary>A page in the manifest: its content hash and the numbers it shows.</summary>
public sealed record PageFacts(string Path, string Hash, IReadOnlyList<Fact> Facts);

/// <summary>
/// The numbers every page shows, keyed by where they stand: section, row heading and column heading
/// (e.g. "recommendations[4 x B200, FP8].Decode (1 user)"). Read from the rendered HTML (<see cref="HtmlOutline"/>), so it needs
/// no cooperation from templates and sees exactly what a reader sees. Written beside each build for `diff`.
/// </summary>
public static class FactsManifest
{
    public const string Folder = ".reports";
    public const string FileName = "facts.json";

    private static readonly Regex Number = new(@"^[~≈]?\s*(?<sign>[-+])?\$?(?<n>[0-9][0-9,]*(\.[0-9]+)?)(?<rest>.*)$", RegexOptions.CultureInvariant);
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The elements facts are read from: text anywhere else is never looked at.</summary>
    private static readonly IReadOnlySet<string> FactElements = new HashSet<string>(["table", "dl"], StringComparer.Ordinal);

    private static readonly JsonSerializerOptions JsonLine = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static PageFacts Extract(string path, string html)
    {
        var document = HtmlOutline.Parse(html, FactElements);
        var facts = new FactSet();
        var Add = facts.Add;

        var elements = document.Descendants().ToList();
        var tableIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in elements.Where(e => e.Name == "table" && !e.HasClass("fit")))
        {
            // Fit tables hold grades, not numbers: a grade change shows in the memory figures it follows from.
            var section = Section(table);
            var n = tableIndex.TryGetValue(section, out var i) ? i + 1 : 0;
            tableIndex[section] = n;
            var prefix = section + (n > 0 ? "#" + (n + 1).ToString(CultureInfo.InvariantCulture) : "");
            var rows = table.Descendants().Where(e => e.Name == "tr").ToList();
            var headers = rows.LastOrDefault(r => RowGroup(r) == "thead")?.Elements.Select(Clean).ToList() ?? [];
            // A row outside any row group belongs to the table's implied tbody, as in a browser.
            var position = 0;
            foreach (var row in rows.Where(r => RowGroup(r) is "tbody" or "table"))
            {
                position++;
                var cells = row.Elements.ToList();
                // Notes in a row heading (a fit grade, a price note) change with the data; the key must not.
                var rowHeader = cells.FirstOrDefault(c => c.Name == "th") is { } th ? Clean(th, RowHeaderHidden) : "";
                for (var c = 0; c < cells.Count; c++)
                {
                    if (cells[c].Name == "td")
                    {
                        Add(FactSet.CellKey(prefix, rowHeader, position, headers, c), Clean(cells[c]));
                    }
                }
            }
        }

        foreach (var list in elements.Where(e => e.Name == "dl"))
        {
            var section = Section(list);
            foreach (var dt in list.Descendants().Where(e => e.Name == "dt"))
            {
                if (dt.NextElementSibling() is { Name: "dd" } dd)
                {
                    Add(section + "." + Clean(dt), Clean(dd));
                }
            }
        }

        return new PageFacts(path, Hash(html), facts.Sorted());
    }

    /// <summary>The manifest: a JSON array with one page a line, in path order (small diffs between builds, streamable).</summary>
    public static string Write(IEnumerable<PageFacts> pages)
    {
        using var output = new MemoryStream();
        WriteManifest(output, pages.OrderBy(p => p.Path, StringComparer.Ordinal).Select(p => (ReadOnlyMemory<byte>)Line(p)));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>One page of the manifest, as one line of JSON.</summary>
    public static byte[] Line(PageFacts page) => JsonSerializer.SerializeToUtf8Bytes(page, JsonLine);

    /// <summary>Writes page lines, already in path order, as the manifest's array.</summary>
    public static void WriteManifest(Stream output, IEnumerable<ReadOnlyMemory<byte>> lines)
    {
        output.Write("[\n"u8);
        var first = true;
        foreach (var line in lines)
        {
            if (!first)
            {
                output.Write(",\n"u8);
            }

            output.Write(line.Span);
            first = false;
        }

        output.Write("\n]\n"u8);
    }

    public static IReadOnlyList<PageFacts> Read(string buildFolder)
    {
        var path = System.IO.Path.Combine(buildFolder, Folder, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no facts manifest in " + buildFolder + " (expected " + Folder + "/" + FileName + "): is it a build of this generator?", path);
        }

        List<PageFacts?>? pages;
        try
        {
            pages = JsonSerializer.Deserialize<List<PageFacts?>>(File.ReadAllText(path), Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(path + (exception.LineNumber is { } line ? ":" + (line + 1).ToString(CultureInfo.InvariantCulture) : "") + ": the facts manifest is damaged (" + FirstSentence(exception.Message) + "); rebuild that output.", exception);
        }

        return Validated(path, pages);
    }

    /// <summary>
    /// The manifest's pages, each checked: a truncated or edited manifest (null entries, missing fields,
    /// a page or key given twice) is refused with the entry that is wrong, never half-read.
    /// </summary>
    private static List<PageFacts> Validated(string path, List<PageFacts?>? pages)
    {
        InvalidDataException Damaged(int entry, string what)
            => new(path + ": the facts manifest is damaged: entry " + (entry + 1).ToString(CultureInfo.InvariantCulture) + " " + what + "; rebuild that output.");

        if (pages is null)
        {
            throw new InvalidDataException(path + ": the facts manifest is damaged: it is null, not a list of pages; rebuild that output.");
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i] is not { Path: { Length: > 0 } page, Hash: not null, Facts: { } facts })
            {
                throw Damaged(i, "is not a page with a path, a hash and facts");
            }

            if (!paths.Add(page))
            {
                throw Damaged(i, "repeats the page " + TextRules.Shorten(page));
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fact in facts)
            {
                if (fact is not { Key: not null, Unit: not null, Text: not null } || !double.IsFinite(fact.Value))
                {
                    throw Damaged(i, "(" + TextRules.Shorten(page) + ") has a fact without a key, a finite value, a unit and a text");
                }

                if (!keys.Add(fact.Key))
                {
                    throw Damaged(i, "(" + TextRules.Shorten(page) + ") repeats the key " + TextRules.Shorten(fact.Key));
                }
            }
        }

        return pages!;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    public static string Hash(string text)
    {
        // A page is hundreds of kilobytes: its bytes go through a pooled buffer, not a new array each page.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, length)))[..16];
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>"57.1 tok/s" -> (57.1, "tok/s"); "$1,095" -> (1095, "$"); "+3.9%" -> (3.9, "%"); text without a leading number -> null.</summary>
    public static (double Value, string Unit)? Parse(string text)
    {
        // Most cells are names and labels: a text that cannot start a number skips the regular expression.
        var first = text.AsSpan().TrimStart();
        if (first.IsEmpty || !(char.IsAsciiDigit(first[0]) || first[0] is '~' or '≈' or '-' or '+' or '$'))
        {
            return null;
        }

        var match = Number.Match(text.Trim());
        if (!match.Success || text.Length > 60)
        {
            return null;
        }

        var value = double.Parse(match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        if (match.Groups["sign"].Value == "-")
        {
            value = -value;
        }

        var unit = (text.Contains('$', StringComparison.Ordinal) ? "$" : "") + match.Groups["rest"].Value.Trim();
        return (value, unit.Trim());
    }

    private static string Section(HtmlOutline element)
    {
        for (var e = element.Parent; e is not null; e = e.Parent)
        {
            if (e.Name is "section" or "article" && e.Id.Length > 0)
            {
                return e.Id;
            }
        }

        return "page";
    }

    /// <summary>"thead", "tbody" or "tfoot" for a row in a row group, "table" for a row directly in its table.</summary>
    private static string RowGroup(HtmlOutline row)
    {
        for (var e = row.Parent; e is not null; e = e.Parent)
        {
            if (e.Name is "thead" or "tbody" or "tfoot" or "table")
            {
                return e.Name;
            }
        }

        return "";
    }

    /// <summary>Screen-reader-only text, decorative marks, the formula link's "how this is computed" and an estimate's error band (the methodology page's table holds those numbers).</summary>
    private static bool Hidden(HtmlOutline e) => e.HasClass("sr") || e.AriaHidden || (e.Name == "a" && e.HasClass("f")) || e.HasClass("band");

    private static bool RowHeaderHidden(HtmlOutline e) => Hidden(e) || e.HasClass("note") || e.HasClass("tag");

    /// <summary>The visible text of a cell, whitespace collapsed.</summary>
    private static string Clean(HtmlOutline element) => Clean(element, Hidden);

    private static string Clean(HtmlOutline element, Func<HtmlOutline, bool> hidden)
    {
        var text = new StringBuilder();
        element.AppendText(text, hidden);
        return Collapse(text.ToString());
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
