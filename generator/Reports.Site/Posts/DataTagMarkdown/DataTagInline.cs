using Markdig.Syntax.Inlines;

namespace Reports.Site.Posts;

/// <summary>A data tag in the Markdown tree, where it was written; its HTML is set once the tag is evaluated.</summary>
public sealed class DataTagInline : LeafInline
{
    /// <summary>The tag as read, or null when it could not be read (<see cref="Error"/> says why).</summary>
    public DataTagCall? Call { get; init; }

    public string? Error { get; init; }

    /// <summary>The column, 0-based, of the tag's name (or of its error) on <see cref="MarkdownObject.Line"/>.</summary>
    public int NameColumn { get; init; }

    /// <summary>What the tag renders to; empty until evaluated, and for a tag that failed.</summary>
    public string Html { get; set; } = "";
}
