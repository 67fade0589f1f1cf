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
            if (kind is null && ContentPaths.MisnamedKind(relative) is { } misnamed)
            {
                files.Add(ContentFile.Refused(path, misnamed, DiagnosticIds.UnexpectedFile, ContentFile.MisnamedMessage(path)));
                continue;
            }

            if (kind is null)
            {
                extra.Add(new ContentDiagnostic(
                    DiagnosticIds.UnexpectedFile, DiagnosticSeverity.Error, path, 1, 1,
                    "YAML file outside the known folders (data/models, data/gpus, data/providers, data/benchmarks, data/measurements): move it or remove it."));
                continue;
            }

            if (Unreadable(path) is { } problem)
            {
                files.Add(ContentFile.Refused(path, kind.Value, DiagnosticIds.UnexpectedFile, problem));
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

    /// <summary>The largest content file read; a link to /dev/zero or a runaway export is refused, not read into memory.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Why a path cannot be read as a content file (a dangling link, too large, not readable), or null.</summary>
    public static string? Unreadable(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } target)
                {
                    return "the file is a symbolic link to " + info.LinkTarget + ", which does not exist.";
                }

                info = target; // the length below is the target's, not the link's
            }

            // Opening a FIFO blocks until someone writes to it, and a device never ends; both report a
            // length of 0, as an empty file does, so no such file is ever opened.
            if (info.Length == 0)
            {
                return "the file is empty, or is not a regular file (a FIFO or a device); a content file holds text.";
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > MaxFileBytes)
                {
                    return "the file is larger than " + (MaxFileBytes / (1024 * 1024)) + " MB; no content file is that large.";
                }
            }

            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "the file cannot be read: " + exception.Message;
        }
    }

    /// <summary>Reads a content file as UTF-8, tolerating a BOM; invalid bytes become U+FFFD and are caught by validation.</summary>
    public static string ReadText(string path)
        => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');

    private static bool IsYamlName(string path)
        => Path.GetExtension(path).Equals(".yaml", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(path).Equals(".yml", StringComparison.OrdinalIgnoreCase);

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

        var everything = new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.Hidden }; // editors keep dot-files (locks, swaps) beside the real ones
        foreach (var file in Directory.EnumerateFiles(data, "*.y*ml", everything).Where(IsYamlName).OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return file;
        }
    }

}
