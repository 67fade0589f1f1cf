namespace Reports.Site.Posts;

/// <summary>A compiled post: its metadata and its body as HTML, every claim in it checked.</summary>
public sealed record Post(string Path, string Slug, PostMeta Meta, string BodyHtml, int ClaimCount);
