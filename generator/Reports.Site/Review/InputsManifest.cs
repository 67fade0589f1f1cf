using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Reports.Site.Review;

/// <summary>
/// One value a build was made from: a YAML scalar under its key path ("bandwidth.value",
/// "rental[Lambda 2026-05-07].usd_per_hour"), or a whole post, template or asset by its content hash
/// (key <see cref="InputsManifest.WholeFile"/>).
/// </summary>
public sealed record InputValue(string File, string Key, string Value, int Line);

/// <summary>
/// What the build read, written beside the facts manifest so `diff` can open its report with the data
/// that changed (file, key, old -> new) before the pages that changed because of it. A reviewer of a
/// one-value edit sees that value first, not the 18th page it moved.
/// </summary>
public static class InputsManifest
{
    public const string FileName = "inputs.json";

    /// <summary>The key of an input recorded as a whole file (posts, templates, assets).</summary>
    public const string WholeFile = "(file)";

    /// <summary>
    /// Keys that name an item of a list of mappings, tried in order; an item is named by the values of the
    /// first two present ("Lambda 2026-05-07"), so inserting an item does not renumber its neighbours.
    /// </summary>
    private static readonly string[] ItemNames = ["id", "measurement", "category", "engine", "model", "provider", "gpu", "name", "date", "precision", "setting"];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Every YAML value under <paramref name="contentRoot"/>, and the hash of every other content and template file, in path order.</summary>
    public static IReadOnlyList<InputValue> Extract(string contentRoot, string templatesRoot, CancellationToken cancellationToken = default)
    {
        var files = Files(contentRoot, "content").Concat(Files(templatesRoot, "templates")).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var values = new List<InputValue>[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (path, name) = files[i];
            var bytes = Contents(path);
            values[i] = bytes is null ? [new InputValue(name, WholeFile, "(not a regular file)", 0)]
                : name.EndsWith(".yaml", StringComparison.Ordinal) && name.StartsWith("content/", StringComparison.Ordinal) ? Flatten(name, System.Text.Encoding.UTF8.GetString(bytes))
                : [new InputValue(name, WholeFile, Hash(bytes), 0)];
        });
        return values.SelectMany(v => v).ToList();
    }

    /// <summary>The scalars of one YAML file under their key paths; a file that does not parse is one whole-file value (the build reports its error).</summary>
    public static List<InputValue> Flatten(string name, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return [new InputValue(name, WholeFile, Hash(System.Text.Encoding.UTF8.GetBytes(yaml)), 0)];
        }

        var values = new List<InputValue>();
        foreach (var document in stream.Documents)
        {
            Walk(document.RootNode, "", name, values);
        }

        return values;
    }

    private static void Walk(YamlNode node, string key, string file, List<InputValue> values)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                values.Add(new InputValue(file, key, scalar.Value ?? "", (int)scalar.Start.Line));
                break;
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children)
                {
                    var name = k is YamlScalarNode { Value: { } s } ? s : k.ToString();
                    Walk(v, key.Length == 0 ? name : key + "." + name, file, values);
                }

                break;
            case YamlSequenceNode sequence:
                var taken = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    var label = ItemLabel(item) ?? (i + 1).ToString(CultureInfo.InvariantCulture);
                    var n = taken[label] = taken.GetValueOrDefault(label) + 1;
                    Walk(item, key + "[" + label + (n > 1 ? " #" + n.ToString(CultureInfo.InvariantCulture) : "") + "]", file, values);
                }

                break;
        }
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    /// <summary>
    /// A file's bytes, or null for what is not a regular file of text: a dangling link, a FIFO or a device
    /// (each reports a length of 0 and is never opened: a FIFO blocks, a device never ends), or a file past
    /// the content loader's size limit. The build reports such files itself; this record only must not hang.
    /// </summary>
    private static byte[]? Contents(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            {
                info = target;
            }

            return info is { Exists: true, Length: > 0 and <= Reports.Specs.Loading.ContentDirectory.MaxFileBytes } ? File.ReadAllBytes(info.FullName) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ItemLabel(YamlNode item)
    {
        if (item is YamlScalarNode { Value: { } text })
        {
            // A list of names ("capabilities: [tools, vision]") is a set: each value is its own key.
            return text;
        }

        if (item is not YamlMappingNode mapping)
        {
            return null;
        }

        var parts = ItemNames
            .Select(n => mapping.Children.TryGetValue(new YamlScalarNode(n), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s } ? s : null)
            .OfType<string>()
            .Take(2)
            .ToList();
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static IEnumerable<(string Path, string Name)> Files(string root, string prefix)
        => Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(p => (p, prefix + "/" + Path.GetRelativePath(root, p).Replace('\\', '/')))
                .Where(f => !f.Item2.Split('/').Any(segment => segment.StartsWith('.')))
            : [];

    public static string Write(IReadOnlyList<InputValue> values)
    {
        using var output = new MemoryStream();
        output.Write("[\n"u8);
        for (var i = 0; i < values.Count; i++)
        {
            output.Write(JsonSerializer.SerializeToUtf8Bytes(values[i], Json));
            output.Write(i + 1 < values.Count ? ",\n"u8 : "\n"u8);
        }

        output.Write("]\n"u8);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>The inputs of a build, or null for a build made before they were recorded.</summary>
    public static IReadOnlyList<InputValue>? Read(string buildFolder)
    {
        var path = Path.Combine(buildFolder, FactsManifest.Folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var values = JsonSerializer.Deserialize<List<InputValue?>>(File.ReadAllText(path), Json);
            if (values is null || values.Any(v => v is not { File: not null, Key: not null, Value: not null }))
            {
                throw new InvalidDataException(path + ": the inputs manifest is damaged: an entry lacks a file, a key or a value; rebuild that output.");
            }

            return values!;
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(path + ": the inputs manifest is damaged (" + exception.Message.Split(". ")[0] + "); rebuild that output.", exception);
        }
    }
}
