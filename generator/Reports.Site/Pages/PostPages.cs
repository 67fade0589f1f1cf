using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reports.Site.Deriving;
using Reports.Site.Posts;
using Reports.Site.Rendering;

namespace Reports.Site.Pages;

/// <summary>Post pages, the posts index, one page per tag, and the Atom feed.</summary>
public static class PostPages
{
    public static IEnumerable<Page> Build(SiteModel site, PostSet posts, string baseUrl)
    {
        var renderer = new PostRenderer(site);
        foreach (var post in posts.Published)
        {
            var path = "posts/" + post.Slug + "/index.html";
            var article = new Dictionary<string, object?>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Article",
                ["headline"] = post.Meta.Title,
                ["description"] = post.Meta.Summary,
                ["datePublished"] = post.Meta.Date.ToString(),
                ["url"] = baseUrl + "posts/" + post.Slug + "/",
                ["about"] = post.Meta.Models.Select(m => m.Name).ToList(),
            };
            var related = posts.RelatedTo(post);
            var jsonld = new Html("<script type=\"application/ld+json\">" + JsonSerializer.Serialize(article, Faq.JsonLdOptions) + "</script>");

            // The body renders with the page, in the Render stage: its tags read derived numbers and its claims are checked then.
            yield return new Page(path, "pages/post.html", post.Meta.Title, post.Meta.Summary, () => new PostPageModel(post, new Html(renderer.Render(post)), related, jsonld))
            {
                // A post's card: its title, summary, date and the models it is about.
                Card = () => new Rendering.OgCard("Post", post.Meta.Title, post.Meta.Summary, post.Meta.Models.Count == 0
                    ? [new("Published", post.Meta.Date.ToString())]
                    : [new("Published", post.Meta.Date.ToString()), new("About", string.Join(", ", post.Meta.Models.Select(m => m.Name)))]),
            };
        }

        yield return new Page("posts/index.html", "pages/posts.html", "Posts", "Comparison articles whose every number comes from the catalog or is checked against it.", new PostsIndexPageModel(posts.Published, Tags(posts)));

        foreach (var tag in Tags(posts))
        {
            yield return new Page("posts/tags/" + tag + "/index.html", "pages/tag.html", "Posts tagged " + tag, "Comparison articles tagged " + tag + ".", new TagPageModel(tag, posts.Published.Where(p => p.Meta.Tags.Contains(tag)).ToList()));
        }
    }

    public static IReadOnlyList<string> Tags(PostSet posts)
        => posts.Published.SelectMany(p => p.Meta.Tags).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Atom 1.0; "updated" is the newest post's date, never the clock, so builds stay deterministic.</summary>
    public static string Feed(SiteModel site, PostSet posts, string baseUrl)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var updated = posts.Published.Count == 0 ? "1970-01-01" : posts.Published.Max(p => p.Meta.Date).ToString();
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        xml.Append("  <title>").Append(E(site.Catalog.Site.Title)).Append("</title>\n");
        xml.Append("  <subtitle>").Append(E(site.Catalog.Site.Description)).Append("</subtitle>\n");
        xml.Append("  <link href=\"").Append(E(baseUrl)).Append("feed.xml\" rel=\"self\"/>\n");
        xml.Append("  <link href=\"").Append(E(baseUrl)).Append("posts/\"/>\n");
        xml.Append("  <id>").Append(E(baseUrl)).Append("posts/</id>\n");
        xml.Append("  <updated>").Append(updated).Append("T00:00:00Z</updated>\n");
        foreach (var post in posts.Published)
        {
            var url = baseUrl + "posts/" + post.Slug + "/";
            xml.Append("  <entry>\n");
            xml.Append("    <title>").Append(E(post.Meta.Title)).Append("</title>\n");
            xml.Append("    <link href=\"").Append(E(url)).Append("\"/>\n");
            xml.Append("    <id>").Append(E(url)).Append("</id>\n");
            xml.Append("    <updated>").Append(post.Meta.Date).Append("T00:00:00Z</updated>\n");
            xml.Append("    <summary>").Append(E(post.Meta.Summary)).Append("</summary>\n");
            foreach (var tag in post.Meta.Tags)
            {
                xml.Append("    <category term=\"").Append(E(tag)).Append("\"/>\n");
            }

            xml.Append("  </entry>\n");
        }

        return xml.Append("</feed>\n").ToString();
    }
}
