namespace Reports.Site.Posts;

/// <summary>
/// A post as read from its file (the Load stage): its front matter, its Markdown body and where the body starts in
/// the file, the number of claims it makes, and the hash of its text. The body becomes HTML in the Render stage
/// (<see cref="PostRenderer"/>), where its data tags are evaluated and its claims checked against the derived numbers.
/// </summary>
/// <param name="BodyLine">The file's line on which the Markdown body starts, for located errors.</param>
/// <param name="SourceHash">The hash of the file's text: the post's part of a page's fingerprint.</param>
public sealed record Post(string Path, string Slug, PostMeta Meta, string Body, int BodyLine, int ClaimCount, string SourceHash);
