using Markdig.Helpers;
using Markdig.Parsers;

namespace Reports.Site.Posts;

/// <summary>
/// Reads <c>{{ ... }}</c> in text as a data tag. Code spans, link destinations and raw HTML are read by their own
/// parsers first, so a tag written there stays text (and the compiler reports it as misplaced).
/// </summary>
public sealed class DataTagInlineParser : InlineParser
{
    public DataTagInlineParser() => OpeningCharacters = ['{'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekChar() != '{')
        {
            return false;
        }

        var start = slice.Start;
        var (call, next, error, errorOffset) = DataTagSyntax.Read(slice.Text, start, slice.End + 1);
        processor.GetSourcePosition(start, out var line, out var column);
        var inline = new DataTagInline
        {
            Call = call,
            Error = error,
            NameColumn = column + (call?.NameOffset ?? errorOffset - start),
            Line = line,
            Column = column,
            Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(start), processor.GetSourcePosition(call is null ? slice.End : next - 1)),
        };

        // A tag that cannot be read still becomes a node, so its error is reported where it was written; the rest of its line is taken with it.
        slice.Start = call is null ? EndOfLine(slice) : next;
        processor.Inline = inline;
        return true;
    }

    private static int EndOfLine(StringSlice slice)
    {
        var newline = slice.Text.IndexOf('\n', slice.Start, slice.End - slice.Start + 1);
        return newline < 0 ? slice.End + 1 : newline;
    }
}
