using System.Globalization;
using System.Text.RegularExpressions;

namespace Reports.Site.Posts;

/// <summary>
/// The HTML of a post's data tags, held aside while Markdig renders the text around them. Each tag
/// leaves a placeholder built from private-use characters that an author cannot type: a post that
/// contains them is refused before it renders, so every placeholder in the output is one of ours.
/// </summary>
public sealed class DataTagBlocks
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    private static readonly Regex Placeholder = new("\uE000(?<kind>[bi])(?<index>[0-9]{1,9})\uE001", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex BlockParagraph = new("<p>\uE000b(?<index>[0-9]{1,9})\uE001</p>", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private readonly List<(string Tag, string Html)> _entries = [];

    /// <summary>A tag rendered inside a sentence: a value with its link.</summary>
    public string Inline(string tag, string html) => Add(tag, html, 'i');

    /// <summary>A tag rendered as a table or figure, which must stand alone in its paragraph.</summary>
    public string Block(string tag, string html) => Add(tag, html, 'b');

    public static bool HasReservedCharacters(string? text) => text is not null && text.AsSpan().IndexOfAny(Open, Close) >= 0;

    public static bool IsOnePlaceholder(string text)
    {
        var match = Placeholder.Match(text.Trim());
        return match.Success && match.Length == text.Trim().Length;
    }

    /// <summary>The placeholders in a piece of the Markdown tree: the tag name and whether it is a block.</summary>
    public IEnumerable<(string Tag, bool IsBlock)> In(string? text)
    {
        if (!HasReservedCharacters(text))
        {
            yield break;
        }

        foreach (Match match in Placeholder.Matches(text!))
        {
            yield return (_entries[Index(match)].Tag, match.Groups["kind"].Value == "b");
        }
    }

    /// <summary>Puts the tags' HTML in place of their placeholders; a block's own paragraph is dropped.</summary>
    public string Splice(string html)
    {
        html = BlockParagraph.Replace(html, m => _entries[Index(m)].Html);
        return Placeholder.Replace(html, m => _entries[Index(m)].Html);
    }

    private string Add(string tag, string html, char kind)
    {
        _entries.Add((tag, html));
        return Open + kind.ToString() + (_entries.Count - 1).ToString(CultureInfo.InvariantCulture) + Close;
    }

    private static int Index(Match match) => int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
}
