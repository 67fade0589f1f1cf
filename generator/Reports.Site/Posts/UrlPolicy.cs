namespace Reports.Site.Posts;

/// <summary>
/// The one rule for URLs an author may publish: http, https, mailto, or a path on this site. Everything
/// else (javascript:, data:, vbscript:, file:, any scheme not listed) is refused, however it is spelled.
/// </summary>
public static class UrlPolicy
{
    public const string Allowed = "http, https, mailto or pages of this site";

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    /// <summary>The scheme a browser would see, or "" for a relative URL.</summary>
    public static string SchemeOf(string url)
    {
        // Browsers drop ASCII tabs and newlines anywhere in a URL and trim C0 controls and spaces at its
        // ends, so "java\tscript:" and " \u0001javascript:" are javascript: URLs.
        var chars = url.Where(c => c is not ('\t' or '\n' or '\r')).ToArray();
        var text = new string(chars).Trim(Enumerable.Range(0, 0x21).Select(i => (char)i).ToArray());
        var end = text.IndexOfAny([':', '/', '?', '#', '\\']);
        return end > 0 && text[end] == ':' ? text[..end].ToLowerInvariant() : "";
    }

    public static bool IsAllowed(string url, out string scheme)
    {
        scheme = SchemeOf(url);
        return scheme.Length == 0 || Schemes.Contains(scheme, StringComparer.Ordinal);
    }
}
