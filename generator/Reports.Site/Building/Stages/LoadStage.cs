using Reports.Site.Deriving;
using Reports.Site.Posts;
using Reports.Site.Rendering;

namespace Reports.Site.Building;

/// <summary>What a build reads besides the catalog: the templates, the posts (parsed), the asset files and the base URL.</summary>
public sealed record LoadedInputs(TemplateSet Templates, PostSet Posts, IReadOnlyList<(string File, string OutputPath)> Assets, string BaseUrl);

/// <summary>
/// Load: the templates folder, the posts under content/posts (front matter, Markdown and data-tag syntax checked
/// against the catalog's ids, so a malformed post fails here, at its line; its claims are checked when it renders)
/// and the assets to copy. Reads files; writes nothing, and derives no number. A post that cannot be read fails the
/// build in the Derive stage, with every other post's mistakes.
/// </summary>
public static class LoadStage
{
    public static LoadedInputs Run(SiteModel site, BuildOptions options, CancellationToken cancellationToken)
    {
        var templates = new TemplateSet(options.TemplatesRoot);
        var baseUrl = (options.BaseUrl ?? site.Catalog.Site.BaseUrl).TrimEnd('/') + "/";
        var posts = PostSet.Load(site.Catalog, options.ContentRoot, cancellationToken);
        return new LoadedInputs(templates, posts, AssetFiles(templates.Root), baseUrl);
    }

    /// <summary>The templates' asset files, in order: (full path, path in the output). Listed once per build.</summary>
    private static IReadOnlyList<(string File, string OutputPath)> AssetFiles(string templatesRoot)
    {
        var assets = Path.Combine(templatesRoot, "assets");
        return !Directory.Exists(assets)
            ? []
            : Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(file => (file, "assets/" + Path.GetRelativePath(assets, file).Replace('\\', '/')))
                .ToList();
    }
}
