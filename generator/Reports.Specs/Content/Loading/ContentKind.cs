namespace Reports.Specs.Content.Loading;

public enum ContentKind
{
    Site,
    Model,
    Gpu,
    Provider,
    Benchmark,
    Measurement,
    Engine,
    Calibration,
}

/// <summary>Where a YAML file belongs, from its path relative to the content root.</summary>
public static class ContentPaths
{
    public static readonly (string Folder, ContentKind Kind)[] DataFolders =
    {
        ("models", ContentKind.Model),
        ("gpus", ContentKind.Gpu),
        ("providers", ContentKind.Provider),
        ("benchmarks", ContentKind.Benchmark),
        ("measurements", ContentKind.Measurement),
        ("engines", ContentKind.Engine),
    };

    /// <summary>Normalises separators so Windows and Unix paths compare alike.</summary>
    public static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>The path of <paramref name="file"/> below <paramref name="root"/>, or null when it is outside.</summary>
    public static string? RelativeTo(string root, string file)
    {
        var r = Normalize(root).TrimEnd('/') + "/";
        var f = Normalize(file);
        return f.StartsWith(r, System.StringComparison.Ordinal) ? f.Substring(r.Length) : null;
    }

    /// <summary>The kind of content a relative path holds; null for a file that is not content.</summary>
    public static ContentKind? KindOf(string relativePath)
    {
        if (relativePath == "site.yaml")
        {
            return ContentKind.Site;
        }

        if (relativePath == "calibration.yaml")
        {
            return ContentKind.Calibration;
        }

        foreach (var (folder, kind) in DataFolders)
        {
            var prefix = "data/" + folder + "/";
            if (relativePath.StartsWith(prefix, System.StringComparison.Ordinal)
                && relativePath.IndexOf('/', prefix.Length) < 0
                && relativePath.EndsWith(".yaml", System.StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>
    /// The kind a file would have if it were named <c>.yaml</c>, for a file spelled <c>.yml</c>, <c>.YAML</c>
    /// or the like: such a file is reported, not silently left out of the catalog.
    /// </summary>
    public static ContentKind? MisnamedKind(string relativePath)
    {
        var dot = relativePath.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        var extension = relativePath.Substring(dot);
        var isYaml = string.Equals(extension, ".yaml", System.StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".yml", System.StringComparison.OrdinalIgnoreCase);
        return isYaml && extension != ".yaml" ? KindOf(relativePath.Substring(0, dot) + ".yaml") : null;
    }

    /// <summary>The file name without folder and extension: what the id must equal.</summary>
    public static string Stem(string path)
    {
        var name = Normalize(path);
        var slash = name.LastIndexOf('/');
        name = slash >= 0 ? name.Substring(slash + 1) : name;
        return name.EndsWith(".yaml", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
    }
}
