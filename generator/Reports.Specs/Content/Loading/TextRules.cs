namespace Reports.Specs.Content.Loading;

/// <summary>What any text an author writes (data strings, front matter) may hold.</summary>
public static class TextRules
{
    /// <summary>
    /// The word an importer writes where it could not source a value (<c>import model</c>): a plain, unquoted
    /// <c>TODO</c>. The loader refuses it everywhere, whatever the field's type (RPT0018), so a draft cannot be
    /// published unreviewed.
    /// </summary>
    public const string Placeholder = "TODO";

    /// <summary>The first character that XML 1.0 and a terminal cannot take as text, if any: NUL, ESC and the other C0 controls but tab and line ends, DEL, U+FFFE and U+FFFF.</summary>
    public static char? ControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || c == 0x7F || c is '\uFFFE' or '\uFFFF')
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>An absolute http(s) URL with a host: the rule for base_url, sources and --base-url.</summary>
    public static bool IsHttpUrl(string value)
        => (value.StartsWith("https://", System.StringComparison.Ordinal) || value.StartsWith("http://", System.StringComparison.Ordinal))
           && System.Uri.TryCreate(value, System.UriKind.Absolute, out var uri)
           && uri.Host.Length > 0;

    /// <summary>Text quoted in a message, cut to 60 characters: a 10 MB key or URL must not make a 10 MB error.</summary>
    public static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";
}
