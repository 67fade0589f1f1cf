using System.Linq;

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

    /// <summary>
    /// A Hugging Face repository as owner/name: letters, digits, '.', '_' and '-'. Repositories go into shell
    /// commands a reader copies, so nothing a shell would read (spaces, quotes, $, ;) may pass.
    /// </summary>
    public static bool IsRepositoryId(string value)
    {
        var slash = value.IndexOf('/');
        return slash > 0 && slash < value.Length - 1 && value.IndexOf('/', slash + 1) < 0
            && IsNamePart(value.Substring(0, slash)) && IsNamePart(value.Substring(slash + 1));
    }

    /// <summary>A command-line flag: one or two dashes, then letters, digits, '-', '_' and '.'.</summary>
    public static bool IsCliFlag(string value)
    {
        var body = value.StartsWith("--", System.StringComparison.Ordinal) ? value.Substring(2) : value.StartsWith("-", System.StringComparison.Ordinal) ? value.Substring(1) : "";
        return body.Length > 0 && char.IsLetterOrDigit(body[0]) && IsNamePart(body);
    }

    /// <summary>A program as typed before its arguments: words of letters, digits, '.', '_' and '-' separated by single spaces ("python -m sglang.launch_server").</summary>
    public static bool IsProgram(string value)
        => value.Length > 0 && value.Split(' ').All(w => w.Length > 0 && (IsNamePart(w) || IsCliFlag(w)));

    /// <summary>A value a shell passes through unchanged without quotes: letters, digits, '.', '_' and '-'.</summary>
    public static bool IsShellWord(string value) => IsNamePart(value) || (value.Length > 0 && value.All(c => c is (>= '0' and <= '9') or '.'));

    private static bool IsNamePart(string part)
        => part.Length > 0 && part.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-') && part[0] != '.' && part[0] != '-';
}
