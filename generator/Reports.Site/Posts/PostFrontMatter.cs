using Reports.Specs.Content;

namespace Reports.Site.Posts;

/// <summary>
/// A post's front matter as written, bound by the content loader's own binder (the same keys, types, required
/// fields and located errors as the data files); the models it names are then looked up in the catalog.
/// </summary>
public sealed record PostFrontMatter
{
    [Required]
    public string Title { get; init; } = "";

    /// <summary>The publication day, YYYY-MM-DD.</summary>
    [Required]
    public ContentDate Date { get; init; }

    [Required]
    public string Summary { get; init; } = "";

    /// <summary>Ids of the catalog models the post is about; their pages link to it.</summary>
    public EquatableArray<string> Models { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Slugs; each tag gets a page listing its posts.</summary>
    public EquatableArray<string> Tags { get; init; } = EquatableArray<string>.Empty;

    /// <summary>A draft is checked but not published.</summary>
    public bool Draft { get; init; }

    /// <summary>Lets the post's Markdown carry the allow-listed raw HTML.</summary>
    public bool AllowHtml { get; init; }
}
