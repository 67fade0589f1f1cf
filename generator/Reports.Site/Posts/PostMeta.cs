using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>A post's front matter.</summary>
public sealed record PostMeta(string Title, ContentDate Date, string Summary, IReadOnlyList<ModelData> Models, IReadOnlyList<string> Tags, bool Draft, bool AllowHtml);
