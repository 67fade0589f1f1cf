using System.Globalization;

namespace Reports.Site.Review;

/// <summary>One input value that changed between two builds: added (no <see cref="Old"/>), removed (no <see cref="New"/>) or edited.</summary>
public sealed record InputChange(string File, string Key, string? Old, string? New, int Line)
{
    public bool WholeFile => Key == InputsManifest.WholeFile;

    /// <summary>
    /// The page of the entity a data file describes ("content/data/gpus/h100-sxm.yaml" -> "gpus/h100-sxm/index.html"),
    /// or null for data with no page of its own (providers, measurements, site settings).
    /// </summary>
    public string? OwnPage
    {
        get
        {
            foreach (var (folder, page) in OwnPages)
            {
                if (File.StartsWith(folder, StringComparison.Ordinal) && File.EndsWith(".yaml", StringComparison.Ordinal) && File.IndexOf('/', folder.Length) < 0)
                {
                    return page(File[folder.Length..^".yaml".Length]) + "index.html";
                }
            }

            return null;
        }
    }

    private static readonly (string Folder, Func<string, string> Page)[] OwnPages = [("content/data/models/", Rendering.SitePaths.ModelFolder), ("content/data/gpus/", Rendering.SitePaths.GpuFolder)];

    /// <summary>The values of both builds compared key by key, in file order, then line order.</summary>
    public static IReadOnlyList<InputChange> Compare(IReadOnlyList<InputValue> before, IReadOnlyList<InputValue> after)
    {
        static Dictionary<(string, string), InputValue> Keyed(IReadOnlyList<InputValue> values)
        {
            var keyed = new Dictionary<(string, string), InputValue>();
            foreach (var v in values)
            {
                keyed.TryAdd((v.File, v.Key), v);
            }

            return keyed;
        }

        var old = Keyed(before);
        var now = Keyed(after);
        var oldFiles = before.Select(v => v.File).ToHashSet(StringComparer.Ordinal);
        var newFiles = after.Select(v => v.File).ToHashSet(StringComparer.Ordinal);

        // A file added or removed is one change, not one per value: a new model is news, its 60 fields are not.
        var wholeFiles = newFiles.Except(oldFiles).Select(f => new InputChange(f, InputsManifest.WholeFile, null, Count(after, f), 0))
            .Concat(oldFiles.Except(newFiles).Select(f => new InputChange(f, InputsManifest.WholeFile, Count(before, f), null, 0)));
        return old.Keys.Union(now.Keys)
            .Where(k => oldFiles.Contains(k.Item1) && newFiles.Contains(k.Item1))
            .Select(k => (Old: old.GetValueOrDefault(k), New: now.GetValueOrDefault(k)))
            .Where(p => p.Old?.Value != p.New?.Value)
            .Select(p => new InputChange((p.New ?? p.Old)!.File, (p.New ?? p.Old)!.Key, p.Old?.Value, p.New?.Value, (p.New ?? p.Old)!.Line))
            .Concat(wholeFiles)
            .OrderBy(c => c.File, StringComparer.Ordinal)
            .ThenBy(c => c.Line)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static string Count(IReadOnlyList<InputValue> values, string file)
    {
        var n = values.Count(v => v.File == file && v.Key != InputsManifest.WholeFile);
        return n == 0 ? "whole file" : n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " value" : " values");
    }

    /// <summary>(new - old) / |old| when both read as plain numbers, else null: a text edit has no percentage.</summary>
    public double? Relative
        => double.TryParse(Old, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
           && double.TryParse(New, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a != 0
            ? (b - a) / Math.Abs(a)
            : null;
}
