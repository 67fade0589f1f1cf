using Markdig.Syntax;

namespace Reports.Site.Posts;

/// <summary>A table or figure tag alone in its paragraph: it takes the paragraph's place, so its HTML is not wrapped in &lt;p&gt;.</summary>
public sealed class DataTagBlock(DataTagInline tag) : LeafBlock(null)
{
    public DataTagInline Tag { get; } = tag;
}
