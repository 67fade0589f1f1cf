using Reports.Site.Deriving;
using Reports.Site.Posts;
using Reports.Site.Rendering;

namespace Reports.Site.Building;

/// <summary>What a build reads besides the catalog: the templates, the posts (parsed and checked), the asset files and the base URL.</summary>
public sealed record LoadedInputs(TemplateSet Templates, PostSet Posts, IReadOnlyList<(string File, string OutputPath)> Assets, string BaseUrl);

/// <summary>
/// Load: the templates folder, the posts under content/posts (each claim checked against the derived numbers, so a
/// post that misstates one fails here, at its line) and the assets to copy. Reads files; writes nothing.
/// </summary>
public static class LoadStage
{
    public static LoadedInputs Run(SiteModel site, BuildOptions options, CancellationToken cancellationToken)
    {
        var templates = new TemplateSet(options.TemplatesRoot);
        var baseUrl = (options.BaseUrl ?? site.Catalog.Site.BaseUrl).TrimEnd('/') + "/";
        var posts = PostSet.Load(site, options.ContentRoot, PostCache.Read(options.OutputRoot, site), cancellationToken);
        if (posts.Diagnostics.Any(d => d.IsError))
        {
            throw new BuildFailedException(posts.Diagnostics.Where(d => d.IsError)
                .OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
                .Select(d => d.ToMsBuildString()).ToList());
        }

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
