namespace Reports.Site.Pages;

/// <summary>The pager under a long list: "201 to 400 of 1,000 models", previous and next, and the page numbers around this one.</summary>
public sealed record PagerView(int Number, int Total, string Noun, string First, string Last, string Of, string? Prev, string? Next, IReadOnlyList<PagerLink> Pages);

/// <summary>One page number in the pager; <see cref="Gap"/> marks the "..." between runs of numbers.</summary>
public sealed record PagerLink(int Number, string Url, bool Current, bool Gap);
