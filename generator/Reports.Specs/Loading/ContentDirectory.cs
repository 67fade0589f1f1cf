using System.Text;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Specs.Loading;

/// <summary>Loads a content tree from disk at run time (the generator gets the same files from the compiler).</summary>
public static class ContentDirectory
{
    /// <summary>Reads site.yaml and data/**/*.yaml under <paramref name="contentRoot"/>.</summary>
    public static CatalogLoadResult LoadDirectory(string contentRoot, ContentDate today, CancellationToken cancellationToken = default)
    {
        var files = new List<ContentFile>();
        var extra = new List<ContentDiagnostic>();
        var root = Path.GetFullPath(contentRoot);
        foreach (var path in EnumerateYaml(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = ContentPaths.RelativeTo(root, path)!;
            var kind = ContentPaths.KindOf(relative);
            if (kind is null)
            {
                extra.Add(new ContentDiagnostic(
                    DiagnosticIds.UnexpectedFile, DiagnosticSeverity.Error, path, 1, 1,
                    "YAML file outside the known folders (data/models, data/gpus, data/providers, data/benchmarks, data/measurements): move it or remove it."));
                continue;
            }

            files.Add(ContentFile.Load(path, kind.Value, ReadText(path), cancellationToken));
        }

        var result = CatalogLoader.Assemble(files, today, root);
        if (extra.Count == 0)
        {
            return result;
        }

        var all = CatalogLoader.Order(result.Diagnostics.Concat(extra).ToList());
        return new CatalogLoadResult(null, new EquatableArray<ContentDiagnostic>(all.ToArray()));
    }

    /// <summary>Reads a content file as UTF-8, tolerating a BOM; invalid bytes become U+FFFD and are caught by validation.</summary>
    public static string ReadText(string path)
        => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');

    private static IEnumerable<string> EnumerateYaml(string root)
    {
        var site = Path.Combine(root, "site.yaml");
        if (File.Exists(site))
        {
            yield return site;
        }

        var data = Path.Combine(root, "data");
        if (!Directory.Exists(data))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(data, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return file;
        }
    }

}
