using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Reports.Site.Posts;

/// <summary>
/// Data tags in posts' Markdown: a parser for <c>{{ ... }}</c> and renderers that write each tag's HTML in place. The
/// compiler evaluates the tags between parsing and rendering, and gives a table tag alone in its paragraph that
/// paragraph's place (<see cref="DataTagBlock"/>).
/// </summary>
public sealed class DataTagExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<DataTagInlineParser>())
        {
            pipeline.InlineParsers.Insert(0, new DataTagInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.AddIfNotAlready(new InlineRenderer());
            html.ObjectRenderers.AddIfNotAlready(new BlockRenderer());
        }
    }

    private sealed class InlineRenderer : HtmlObjectRenderer<DataTagInline>
    {
        protected override void Write(HtmlRenderer renderer, DataTagInline obj) => renderer.Write(obj.Html);
    }

    private sealed class BlockRenderer : HtmlObjectRenderer<DataTagBlock>
    {
        protected override void Write(HtmlRenderer renderer, DataTagBlock obj)
        {
            renderer.EnsureLine();
            renderer.Write(obj.Tag.Html);
            renderer.EnsureLine();
        }
    }
}
