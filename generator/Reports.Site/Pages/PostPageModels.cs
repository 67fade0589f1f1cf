using Reports.Site.Posts;
using Reports.Site.Rendering;

namespace Reports.Site.Pages;

/// <summary>A post's page (templates/pages/post.html): the post, its rendered body, related posts and its Article JSON-LD.</summary>
public sealed record PostPageModel(Post Post, Html Body, IReadOnlyList<Post> RelatedPosts, Html Jsonld);

/// <summary>The posts index: every published post, newest first, and the tags.</summary>
public sealed record PostsIndexPageModel(IReadOnlyList<Post> Posts, IReadOnlyList<string> Tags);

/// <summary>The posts carrying one tag.</summary>
public sealed record TagPageModel(string Tag, IReadOnlyList<Post> Posts);
