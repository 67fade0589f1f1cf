using System.Collections.Concurrent;

namespace Reports.Site.Review;

/// <summary>
/// The facts of each page rendered in a build, written to a scratch file as the page renders and
/// gathered into one manifest, in path order, at the end. Memory holds an offset per page instead of
/// the facts themselves: a 100,000-page site has gigabytes of them.
/// </summary>
public sealed class FactsSpool : IDisposable
{
    private readonly FileStream _file;
    private readonly ConcurrentDictionary<string, (long Offset, int Length)> _index = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="scratchPath">A file that does not exist yet; it is deleted when the spool is disposed.</param>
    public FactsSpool(string scratchPath)
    {
        _file = new FileStream(scratchPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Thread-safe: pages render in parallel.</summary>
    public void Add(PageFacts page)
    {
        var line = FactsManifest.Line(page);
        lock (_gate)
        {
            _index[page.Path] = (_file.Position, line.Length);
            _file.Write(line);
        }
    }

    public bool Contains(string path) => _index.ContainsKey(path);

    /// <summary>Writes the manifest for <paramref name="paths"/>: spooled facts where a page was rendered, <paramref name="carriedOver"/> for the rest.</summary>
    public void WriteManifest(Stream output, IEnumerable<string> paths, Func<string, PageFacts> carriedOver)
    {
        _file.Flush();
        var buffer = Array.Empty<byte>();
        FactsManifest.WriteManifest(output, paths.Order(StringComparer.Ordinal).Select<string, ReadOnlyMemory<byte>>(path =>
        {
            if (!_index.TryGetValue(path, out var at))
            {
                return FactsManifest.Line(carriedOver(path));
            }

            if (buffer.Length < at.Length)
            {
                buffer = new byte[Math.Max(at.Length, buffer.Length * 2)];
            }

            RandomAccess.Read(_file.SafeFileHandle, buffer.AsSpan(0, at.Length), at.Offset);
            return buffer.AsMemory(0, at.Length);
        }));
    }

    public void Dispose() => _file.Dispose();
}
