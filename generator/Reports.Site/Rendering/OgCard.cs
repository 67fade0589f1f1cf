namespace Reports.Site.Rendering;

/// <summary>One figure on a social card: "Fits on" / "1 x H100 SXM5, FP8".</summary>
public sealed record CardFigure(string Label, string Value);

/// <summary>
/// What a page's Open Graph image shows when a link to it is shared: what the page is about and its key
/// numbers, as the page prints them. Drawn by <see cref="OgImage"/>.
/// </summary>
public sealed record OgCard(string Kind, string Title, string Subtitle, IReadOnlyList<CardFigure> Figures)
{
    /// <summary>The image's file name beside the page's index.html.</summary>
    public const string FileName = "og.png";
}
