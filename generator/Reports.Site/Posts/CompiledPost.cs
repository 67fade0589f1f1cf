namespace Reports.Site.Posts;

/// <summary>A post with its body rendered: what <see cref="PostCompiler"/> gives tools and tests.</summary>
public sealed record CompiledPost(Post Post, string BodyHtml);
