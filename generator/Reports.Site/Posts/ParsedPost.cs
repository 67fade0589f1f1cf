using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>
/// What <see cref="PostParser"/> read from a post's file: the post when its front matter and Markdown are sound, the
/// body even when the front matter is not (so one run reports the mistakes of both), and every problem found.
/// </summary>
/// <param name="Body">The Markdown after the front matter; null when the front matter could not be found.</param>
/// <param name="BodyLine">The file's line on which the body starts.</param>
/// <param name="BodyRead">Whether Markdig could read the body (it refuses input nested too deeply).</param>
public sealed record ParsedPost(string Path, Post? Post, string? Body, int BodyLine, bool AllowHtml, bool BodyRead, IReadOnlyList<ContentDiagnostic> Diagnostics);
