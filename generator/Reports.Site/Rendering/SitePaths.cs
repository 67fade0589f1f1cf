namespace Reports.Site.Rendering;

/// <summary>How a page links to the rest of the site: relative to its own folder, so the output works from file:// and under any base path.</summary>
public static class SitePaths
{
    /// <summary>"models/ID/": the folder of a model's page (its index.html), the one rule for where model pages live.</summary>
    public static string ModelFolder(string id) => "models/" + id + "/";

    /// <summary>"gpus/ID/": the folder of an accelerator's page; a long "which models fit" list continues in its page/N/.</summary>
    public static string GpuFolder(string id) => "gpus/" + id + "/";

    /// <summary>The path part of the base URL ("https://host/sub/" -> "/sub/"): same host, any depth.</summary>
    public static string RootPath(string baseUrl)
        => Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.AbsolutePath : "/";

    /// <summary>"models/x/index.html" -> "../../": links work from file:// and any base path.</summary>
    public static string RelativeRoot(string outputPath)
    {
        var depth = outputPath.Count(c => c == '/');
        return depth == 0 ? "./" : string.Concat(Enumerable.Repeat("../", depth));
    }
}
