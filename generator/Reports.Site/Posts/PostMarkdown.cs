using Markdig;

namespace Reports.Site.Posts;

/// <summary>
/// The Markdown an author may use, as an explicit list of extensions. Never UseAdvancedExtensions: it
/// brings generic attributes (<c>{onclick=...}</c> on any element), media links (a video URL becomes an
/// iframe), custom containers, math and diagram blocks the site has no script for, and whatever a future Markdig adds to the bundle.
/// </summary>
public static class PostMarkdown
{
    /// <summary>Raw HTML in the text is escaped.</summary>
    public static MarkdownPipeline Safe { get; } = Allowed().DisableHtml().Build();

    /// <summary>For posts with <c>allow_html: true</c>: the same extensions, raw HTML passed through.</summary>
    public static MarkdownPipeline WithHtml { get; } = Allowed().Build();

    public static MarkdownPipeline For(bool allowHtml) => allowHtml ? WithHtml : Safe;

    /// <summary>Markdig refuses input nested deeper than it can parse or render; the post is the place to fix it.</summary>
    public static string Unreadable(Exception exception)
        => "the post's Markdown cannot be read: " + exception.Message + " Nest block quotes, lists and brackets less deeply.";

    private static MarkdownPipelineBuilder Allowed() => new MarkdownPipelineBuilder()
        .UseAlertBlocks()
        .UseAbbreviations()
        .UseAutoIdentifiers()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFigures()
        .UseFootnotes()
        .UseGridTables()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Use<DataTagExtension>();
}
