using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Reports.Specs.Content;

namespace Reports.Site.Checks;

/// <summary>What `check` found: problems in the MSBuild format, and the counts it reports.</summary>
public sealed record CheckResult(IReadOnlyList<ContentDiagnostic> Problems, int Pages, int InternalLinks, IReadOnlyList<string> ExternalLinks, int JsonFiles);

/// <summary>
/// Checks a built site without a network: every internal link and #anchor resolves, every page has
/// a title, a description, a canonical URL and one h1, images and charts have text alternatives,
/// JSON-LD and the JSON API parse, and the sitemap lists exactly the published pages.
/// </summary>
public static class SiteChecker
{
    public const string BrokenLink = Specs.Content.DiagnosticIds.BrokenLink;
    public const string BrokenAnchor = Specs.Content.DiagnosticIds.BrokenAnchor;
    public const string MissingMeta = Specs.Content.DiagnosticIds.MissingMeta;
    public const string HeadingCount = Specs.Content.DiagnosticIds.HeadingCount;
    public const string MissingAlternative = Specs.Content.DiagnosticIds.MissingAlternative;
    public const string BadJson = Specs.Content.DiagnosticIds.BadJson;
    public const string SitemapMismatch = Specs.Content.DiagnosticIds.SitemapMismatch;

    public const string MalformedDocument = Specs.Content.DiagnosticIds.MalformedDocument;

    // Links are not followed: a "loop -> .." link would make the walk endless, and the generator writes none.
    private static readonly EnumerationOptions Walk = new() { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>Where the HTML parser had to repair the document (an element left open, a tag cut off), with its message.</summary>
    public static IReadOnlyList<(int Line, int Column, string Message)> ParseErrors(string html)
    {
        var errors = new List<(int, int, string)>();
        var parser = new HtmlParser();
        parser.Error += (_, e) =>
        {
            if (e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error)
            {
                errors.Add((error.Position.Line, error.Position.Column, error.Message));
            }
        };
        parser.ParseDocument(html);
        return errors;
    }

    public static CheckResult Check(string root, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var problems = new System.Collections.Concurrent.ConcurrentBag<ContentDiagnostic>();
        var htmlFiles = Directory.EnumerateFiles(root, "*.html", Walk).Order(StringComparer.Ordinal).ToList();
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });

        // Two passes, so memory holds each page's ids rather than every parsed document (a 129,000-page
        // site's documents did not fit in 24 GB): first the ids and canonical URLs, then each page again
        // with its links resolved against them.
        // Nesting is read in the first pass, before any parser sees the page, and only there: a page nested
        // too deeply is reported once and neither parsed nor read again.
        var pass1 = htmlFiles.AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(f =>
            {
                var text = File.ReadAllText(f);
                var nesting = HtmlNesting.Scan(text);
                if (nesting.TooDeep is { } deep)
                {
                    problems.Add(new ContentDiagnostic(MalformedDocument, DiagnosticSeverity.Error, f, deep.Line, deep.Column, "elements nest more than " + HtmlNesting.MaxDepth + " deep here (<" + deep.Name + ">): browsers stop nesting at that depth and show a different page; the rest of the page is not checked."));
                    return (Path: f, Ids: new HashSet<string>(StringComparer.Ordinal), Canonical: null, Parsed: false);
                }

                if (nesting.Unclosed.Count > 0)
                {
                    var first = nesting.Unclosed[0];
                    problems.Add(new ContentDiagnostic(MalformedDocument, DiagnosticSeverity.Error, f, first.Line, first.Column, "the <" + first.Name + "> opened here is never closed" + (nesting.Unclosed.Count > 1 ? " (and " + (nesting.Unclosed.Count - 1) + " more elements inside it)" : "") + "."));
                }

                var document = parser.ParseDocument(text);
                return (Path: f, Ids: document.QuerySelectorAll("[id]").Select(e => e.Id!).ToHashSet(StringComparer.Ordinal), Canonical: document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), Parsed: true);
            })
            .ToList();
        var tooDeep = pass1.Where(x => !x.Parsed).Select(x => x.Path).ToHashSet(StringComparer.Ordinal);
        var ids = pass1.ToDictionary(x => x.Path, x => x.Ids, StringComparer.Ordinal);
        var canonicalBase = CanonicalBase(root, pass1.Select(x => (x.Path, x.Canonical)));
        var external = new System.Collections.Concurrent.ConcurrentBag<string>();
        var internalLinks = 0;

        Parallel.ForEach(htmlFiles, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            if (tooDeep.Contains(path))
            {
                return;
            }

            var text = File.ReadAllText(path);
            var document = parser.ParseDocument(text);
            void Problem(string id, INode? node, string message)
            {
                var position = (node as IElement)?.SourceReference?.Position;
                problems.Add(new ContentDiagnostic(id, DiagnosticSeverity.Error, path, position?.Line ?? 1, position?.Column ?? 1, message));
            }

            // A page cut off while it was written, or with an element left open, is not a page a reader can trust.
            if (!text.TrimEnd().EndsWith("</html>", StringComparison.OrdinalIgnoreCase))
            {
                var lines = text.Split('\n');
                problems.Add(new ContentDiagnostic(MalformedDocument, DiagnosticSeverity.Error, path, lines.Length, lines[^1].Length + 1, "the page does not end with </html>: it was cut off or never finished."));
            }

            foreach (var (line, column, message) in ParseErrors(text).Take(3))
            {
                problems.Add(new ContentDiagnostic(MalformedDocument, DiagnosticSeverity.Error, path, line, column, "the HTML is malformed here: " + message));
            }

            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var head = document.Head;
            if (string.IsNullOrWhiteSpace(document.Title))
            {
                Problem(MissingMeta, head, "the page has no <title>.");
            }

            if (document.QuerySelector("meta[name=description]")?.GetAttribute("content") is not { Length: > 0 })
            {
                Problem(MissingMeta, head, "the page has no meta description.");
            }

            if (document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") is not { Length: > 0 })
            {
                Problem(MissingMeta, head, "the page has no canonical URL.");
            }

            // A shared link's image must exist: og:image is an absolute URL under the canonical base.
            if (document.QuerySelector("meta[property='og:image']")?.GetAttribute("content") is { Length: > 0 } card
                && canonicalBase is not null && card.StartsWith(canonicalBase, StringComparison.Ordinal)
                && !File.Exists(Path.Combine(root, card[canonicalBase.Length..].Replace('/', Path.DirectorySeparatorChar))))
            {
                Problem(MissingMeta, head, "the page's og:image " + card + " is not in the site.");
            }

            var h1 = document.QuerySelectorAll("h1").Length;
            if (h1 != 1)
            {
                Problem(HeadingCount, document.Body, "the page has " + h1 + " h1 headings; it needs exactly one.");
            }

            foreach (var image in document.QuerySelectorAll("img:not([alt])"))
            {
                Problem(MissingAlternative, image, "an image has no alt text.");
            }

            foreach (var svg in document.QuerySelectorAll("svg"))
            {
                var labelled = svg.GetAttribute("aria-labelledby")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
                var hasText = svg.GetAttribute("aria-label") is { Length: > 0 }
                              || labelled.Length > 0 && labelled.All(id => document.GetElementById(id) is { TextContent.Length: > 0 });
                if (svg.GetAttribute("aria-hidden") != "true" && (!hasText || svg.GetAttribute("role") != "img"))
                {
                    Problem(MissingAlternative, svg, "a chart (svg) needs role=\"img\" and a text alternative (aria-label or aria-labelledby pointing at its title and description).");
                }
            }

            foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
            {
                try
                {
                    using var json = JsonDocument.Parse(script.TextContent);
                    if (!json.RootElement.TryGetProperty("@type", out _))
                    {
                        Problem(BadJson, script, "JSON-LD without an @type.");
                    }
                }
                catch (JsonException exception)
                {
                    Problem(BadJson, script, "JSON-LD does not parse: " + exception.Message);
                }
            }

            // A form's data-* address is a file its script fetches (the what-if grid, the frontier points, the compare
            // picker's cards): a missing one breaks the form as surely as a broken link.
            foreach (var element in document.QuerySelectorAll("a[href], link[href], script[src], img[src], form[data-grid], form[data-points], form[data-api]"))
            {
                var target = element.GetAttribute("href") ?? element.GetAttribute("src") ?? element.GetAttribute("data-grid") ?? element.GetAttribute("data-points") ?? element.GetAttribute("data-api")!;
                if (relative == "404.html" && canonicalBase is not null && target.StartsWith(canonicalBase, StringComparison.Ordinal))
                {
                    target = "/" + target[canonicalBase.Length..];
                }
                else if (relative == "404.html" && canonicalBase is not null && Uri.TryCreate(canonicalBase, UriKind.Absolute, out var baseUri)
                         && baseUri.AbsolutePath.Length > 1 && target.StartsWith(baseUri.AbsolutePath, StringComparison.Ordinal))
                {
                    // The 404 page links from the site's root path (a site under /docs/ links /docs/models/).
                    target = "/" + target[baseUri.AbsolutePath.Length..];
                }

                if (Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase))
                {
                    if (element.LocalName == "a" || element.LocalName == "link" && element.GetAttribute("rel") is "canonical" or "alternate")
                    {
                        external.Add(target);
                    }
                    else
                    {
                        Problem(BrokenLink, element, "the page loads '" + target + "' from another host; pages must render without external requests.");
                    }

                    continue;
                }

                Interlocked.Increment(ref internalLinks);
                var (file, anchor) = Resolve(root, path, target);
                if (file is null || !File.Exists(file))
                {
                    Problem(BrokenLink, element, "link to '" + target + "' does not resolve to a file in the site.");
                    continue;
                }

                if (anchor is { Length: > 0 } && file.EndsWith(".html", StringComparison.Ordinal)
                    && !(ids.TryGetValue(file, out var targetIds) && targetIds.Contains(Uri.UnescapeDataString(anchor))))
                {
                    Problem(BrokenAnchor, element, "link to '" + target + "': no element with id '" + anchor + "' on " + Path.GetRelativePath(root, file).Replace('\\', '/') + ".");
                }
            }
        });

        var jsonFiles = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*.json", Walk).Order(StringComparer.Ordinal))
        {
            jsonFiles++;
            try
            {
                ValidateJson(file);
            }
            catch (JsonException exception)
            {
                problems.Add(new ContentDiagnostic(BadJson, DiagnosticSeverity.Error, file, (int)(exception.LineNumber ?? 0) + 1, (int)(exception.BytePositionInLine ?? 0) + 1, "JSON does not parse: " + exception.Message));
            }
        }

        CheckSitemap(root, htmlFiles, canonicalBase, problems);
        var ordered = problems.OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ThenBy(p => p.Message, StringComparer.Ordinal).ToList();
        return new CheckResult(ordered, htmlFiles.Count, internalLinks, external.Distinct().Order(StringComparer.Ordinal).ToList(), jsonFiles);
    }

    /// <summary>
    /// Reads a JSON file through once without building a document: the facts manifest of a large site
    /// is gigabytes, more than one string can hold. Throws <see cref="JsonException"/> where it is invalid.
    /// </summary>
    private static void ValidateJson(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[1 << 16];
        var state = default(JsonReaderState);
        var held = 0;
        var tokens = 0L;
        var start = true;
        while (true)
        {
            var read = stream.Read(buffer, held, buffer.Length - held);
            var length = held + read;
            var offset = start && length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            start = false;
            var reader = new Utf8JsonReader(buffer.AsSpan(offset, length - offset), isFinalBlock: read == 0, state);
            while (reader.Read())
            {
                tokens++;
            }

            if (read == 0)
            {
                if (tokens == 0)
                {
                    throw new JsonException("the file holds no JSON value.", null, 0, 0);
                }

                return;
            }

            state = reader.CurrentState;
            var consumed = offset + (int)reader.BytesConsumed;
            held = length - consumed;
            Buffer.BlockCopy(buffer, consumed, buffer, 0, held);
            if (held == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one token longer than the buffer
            }
        }
    }

    /// <summary>The site's base URL, read from the canonical links of its pages (404.html links through it).</summary>
    private static string? CanonicalBase(string root, IEnumerable<(string Path, string? Canonical)> pages)
    {
        foreach (var (path, href) in pages)
        {
            var relative = PageUrl(Path.GetRelativePath(root, path).Replace('\\', '/'));
            if (relative != "404.html" && href is { } canonical
                && canonical.EndsWith(relative, StringComparison.Ordinal))
            {
                return canonical[..^relative.Length];
            }
        }

        return null;
    }

    private static void CheckSitemap(string root, IReadOnlyList<string> htmlFiles, string? baseUrl, System.Collections.Concurrent.ConcurrentBag<ContentDiagnostic> problems)
    {
        var sitemap = Path.Combine(root, "sitemap.xml");
        if (!File.Exists(sitemap))
        {
            problems.Add(new ContentDiagnostic(SitemapMismatch, DiagnosticSeverity.Error, sitemap, 1, 1, "the site has no sitemap.xml."));
            return;
        }

        static List<string> Locs(string file) => Regex.Matches(File.ReadAllText(file), "<loc>(.*?)</loc>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var text = File.ReadAllText(sitemap);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        if (text.Contains("<sitemapindex", StringComparison.Ordinal))
        {
            // A large site's sitemap is an index of part files in the same folder.
            foreach (var part in Locs(sitemap))
            {
                var local = Path.Combine(root, part[(part.LastIndexOf('/') + 1)..]);
                if (!File.Exists(local))
                {
                    problems.Add(new ContentDiagnostic(SitemapMismatch, DiagnosticSeverity.Error, sitemap, 1, 1, "the sitemap index lists " + part + ", which is not in the output."));
                    continue;
                }

                listed.UnionWith(Locs(local));
            }
        }
        else
        {
            listed.UnionWith(Locs(sitemap));
        }

        var expected = htmlFiles.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Where(p => p != "404.html").Select(p => (baseUrl ?? "") + PageUrl(p)).ToHashSet(StringComparer.Ordinal);
        foreach (var url in listed.Where(u => !expected.Contains(u)).Order(StringComparer.Ordinal))
        {
            problems.Add(new ContentDiagnostic(SitemapMismatch, DiagnosticSeverity.Error, sitemap, 1, 1, "the sitemap lists " + url + ", which is not a published page."));
        }

        foreach (var url in expected.Where(u => !listed.Contains(u)).Order(StringComparer.Ordinal))
        {
            problems.Add(new ContentDiagnostic(SitemapMismatch, DiagnosticSeverity.Error, sitemap, 1, 1, "the sitemap does not list " + url + "."));
        }
    }

    /// <summary>"models/x/index.html" -> "models/x/".</summary>
    private static string PageUrl(string relative) => relative.EndsWith("index.html", StringComparison.Ordinal) ? relative[..^"index.html".Length] : relative;

    private static (string? File, string? Anchor) Resolve(string root, string page, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var anchor = hash >= 0 ? target[(hash + 1)..] : null;
        var pathPart = hash >= 0 ? target[..hash] : target;
        var query = pathPart.IndexOf('?', StringComparison.Ordinal);
        pathPart = Uri.UnescapeDataString(query >= 0 ? pathPart[..query] : pathPart);
        string file;
        if (pathPart.Length == 0)
        {
            file = page;
        }
        else if (pathPart.StartsWith('/'))
        {
            file = Path.GetFullPath(Path.Combine(root, pathPart.TrimStart('/')));
        }
        else
        {
            file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, pathPart));
        }

        if (!file.StartsWith(root, StringComparison.Ordinal))
        {
            return (null, anchor);
        }

        if (pathPart.EndsWith('/') || Directory.Exists(file))
        {
            file = Path.Combine(file, "index.html");
        }

        return (file, anchor);
    }
}
