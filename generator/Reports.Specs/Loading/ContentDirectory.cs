using System.Text;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;

namespace Reports.Specs.Loading;

/// <summary>Loads a content tree from disk at run time (the generator gets the same files from the compiler).</summary>
public static class ContentDirectory
{
    /// <summary>Reads site.yaml and data/**/*.yaml under <paramref name="contentRoot"/>.</summary>
    public static CatalogLoadResult LoadDirectory(string contentRoot, ContentDate today, CancellationToken cancellationToken = default)
        => LoadDirectory(contentRoot, today, cache: null, cancellationToken);

    /// <param name="cache">Parsed files by path with a hash of their text, reused while the text is unchanged (the preview server keeps one).</param>
    public static CatalogLoadResult LoadDirectory(string contentRoot, ContentDate today, IDictionary<string, (string Hash, ContentFile File)>? cache, CancellationToken cancellationToken = default)
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

            var text = ReadText(path);
            var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
            if (cache is not null && cache.TryGetValue(path, out var cached) && cached.Hash == hash)
            {
                files.Add(cached.File);
                continue;
            }

            var file = ContentFile.Load(path, kind.Value, text, cancellationToken);
            if (cache is not null)
            {
                cache[path] = (hash, file);
            }

            files.Add(file);
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

        var calibration = Path.Combine(root, "calibration.yaml");
        if (File.Exists(calibration))
        {
            yield return calibration;
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
