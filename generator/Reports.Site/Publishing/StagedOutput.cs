using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Reports.Site.Publishing;

/// <summary>
/// Writes a build into a staging folder beside the output folder and swaps it in only when the
/// whole build succeeded: a failed or killed build leaves the previous site as it was. One build at
/// a time per output folder: a second one fails at once with a clear message.
/// </summary>
public sealed class StagedOutput : IDisposable
{
    private readonly string _output;
    private readonly FileStream _lock;
    private readonly Action<string>? _beforeWrite;
    private readonly ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);
    private bool _committed;

    private StagedOutput(string output, string staging, FileStream buildLock, Action<string>? beforeWrite)
    {
        _output = output;
        StagingRoot = staging;
        _lock = buildLock;
        _beforeWrite = beforeWrite;
    }

    public string StagingRoot { get; }

    /// <summary>Files of the previous output that no build of this generator wrote, kept in the new one.</summary>
    public IReadOnlyList<string> Kept { get; private set; } = [];

    /// <param name="outputFolder">The folder to publish into; a symbolic link is followed to its target.</param>
    /// <param name="ownerMarker">A file, relative to the output, that every build of this generator writes.
    /// A non-empty folder without it is someone else's, and is never built into.</param>
    /// <param name="beforeWrite">Called before each file is written; tests inject failures through it.</param>
    public static StagedOutput Begin(string outputFolder, string ownerMarker, Action<string>? beforeWrite = null)
    {
        var output = ResolveOutput(outputFolder);
        var parent = Path.GetDirectoryName(output) ?? throw new IOException("the output folder " + output + " has no parent folder to stage the build in; choose another folder.");
        var name = Path.GetFileName(output);
        RefuseForeignFolder(output, ownerMarker);
        FileStream buildLock;
        try
        {
            Directory.CreateDirectory(parent);

            // The lock file is never deleted: a lock on a file that was unlinked while a second build
            // opened it would let a third build lock a fresh file, and two builds would share the folder.
            buildLock = new FileStream(Path.Combine(parent, "." + name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new IOException("cannot write beside the output folder " + output + ": " + exception.Message + " Choose a folder you can write to.", exception);
        }
        catch (IOException exception) when (!IsLockConflict(exception))
        {
            throw new IOException("cannot write beside the output folder " + output + ": " + exception.Message, exception);
        }
        catch (IOException)
        {
            throw new IOException("another build is writing " + output + " right now; wait for it to finish.");
        }

        // Leftovers of a build that was killed: the lock proves no build is using them now.
        foreach (var stale in Directory.EnumerateDirectories(parent, "." + name + ".staging-*").Concat(Directory.EnumerateDirectories(parent, "." + name + ".previous-*")))
        {
            Directory.Delete(stale, recursive: true);
        }

        foreach (var stale in Directory.EnumerateFiles(parent, "." + name + ".staging-*"))
        {
            File.Delete(stale); // a killed build's scratch files (the facts spool)
        }

        var staging = Path.Combine(parent, "." + name + ".staging-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        return new StagedOutput(output, staging, buildLock, beforeWrite);
    }

    /// <summary>The folder a build publishes into: the full path, through a symbolic link to its target.</summary>
    public static string ResolveOutput(string outputFolder)
    {
        if (string.IsNullOrWhiteSpace(outputFolder))
        {
            throw new IOException("the output folder is empty; name a folder, like output.");
        }

        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var info = new DirectoryInfo(output);
        if (info.LinkTarget is null)
        {
            return output;
        }

        // A deploy layout often points output at the served folder; the build goes there, not over the link.
        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        if (target is null || !target.Exists || target is not DirectoryInfo)
        {
            throw new IOException("the output folder " + output + " is a symbolic link to " + info.LinkTarget + ", which is not an existing folder; create it or point the link elsewhere.");
        }

        return Path.GetFullPath(target.FullName).TrimEnd(Path.DirectorySeparatorChar);
    }

    private static void RefuseForeignFolder(string output, string ownerMarker)
    {
        if (File.Exists(output))
        {
            throw new IOException("the output " + output + " is a file, not a folder; choose a folder.");
        }

        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, ownerMarker)))
        {
            throw new IOException("refusing to build into " + output + ": it is not empty and holds no " + ownerMarker
                + ", so it is not a site this generator published, and publishing replaces the folder. Choose a new or empty folder.");
        }
    }

    // .NET reports a held lock as a sharing violation (EWOULDBLOCK from flock, ERROR_SHARING_VIOLATION elsewhere).
    private static bool IsLockConflict(IOException exception)
        => (exception.HResult & 0xFFFF) is 32 or 33 or 11 || exception.Message.Contains("being used by another process", StringComparison.Ordinal);

    /// <summary>
    /// The full path for <paramref name="relativePath"/> inside the staging folder; a path that would
    /// leave it (../, rooted) is refused, so nothing is ever written outside the output.
    /// </summary>
    public string PathFor(string relativePath)
    {
        if (Path.IsPathRooted(relativePath) || relativePath.Contains('\\'))
        {
            throw new InvalidOperationException("refusing to write outside the output folder: '" + relativePath + "'");
        }

        var full = Path.GetFullPath(Path.Combine(StagingRoot, relativePath));
        if (Specs.Content.Loading.ContentPaths.RelativeTo(StagingRoot, full) is not { Length: > 0 })
        {
            throw new InvalidOperationException("refusing to write outside the output folder: '" + relativePath + "'");
        }

        return full;
    }

    /// <summary>The size of every file this build wrote or linked, by path in the output.</summary>
    public IReadOnlyDictionary<string, long> WrittenSizes()
        => new SortedDictionary<string, long>(_written.Keys.ToDictionary(p => p, p => new FileInfo(Path.Combine(StagingRoot, p)).Length), StringComparer.Ordinal);

    /// <summary>
    /// Creates the folder a staged file goes in, once per folder: a page's HTML and its card share one, and every
    /// model's grid shares api/whatif. Directory.CreateDirectory asks the file system each time, which was a
    /// tenth of a clean publish's writing.
    /// </summary>
    private void EnsureFolderOf(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (_folders.ContainsKey(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        _folders[folder] = true;
    }

    private string Target(string relativePath)
    {
        var path = PathFor(relativePath);
        _written[relativePath] = true;
        return path;
    }

    public void WriteText(string relativePath, string content)
    {
        var path = Target(relativePath);
        _beforeWrite?.Invoke(relativePath);
        EnsureFolderOf(path);
        File.WriteAllText(path, content, Utf8NoBom);
    }

    /// <summary>A stream for a file written piece by piece (the facts manifest of a large site).</summary>
    public FileStream OpenWrite(string relativePath)
    {
        var path = Target(relativePath);
        _beforeWrite?.Invoke(relativePath);
        EnsureFolderOf(path);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public void CopyFile(string source, string relativePath)
    {
        var path = Target(relativePath);
        _beforeWrite?.Invoke(relativePath);
        EnsureFolderOf(path);

        // A length of 0 is an empty file, a FIFO or a device; copying the last two would block or never
        // end, and an empty file is the same copied or written.
        if (new FileInfo(source).Length == 0)
        {
            File.WriteAllBytes(path, []);
            return;
        }

        File.Copy(source, path, overwrite: true);
    }

    /// <summary>
    /// Puts an unchanged file from the previous build into the new one without rewriting it: a hard link
    /// where the file system allows (same bytes, same file, same timestamp), a copy elsewhere.
    /// </summary>
    public void LinkFrom(string previousFile, string relativePath)
    {
        var path = Target(relativePath);
        _beforeWrite?.Invoke(relativePath);
        EnsureFolderOf(path);
        if (!OperatingSystem.IsLinux() || link(previousFile, path) != 0)
        {
            File.Copy(previousFile, path, overwrite: true);
        }
    }

    /// <summary>
    /// Swaps the staging folder in as the output. On Linux the two folders are exchanged in one atomic
    /// rename, so there is no moment without a complete site; elsewhere two renames, the old output
    /// moved aside first and restored if the second fails.
    /// </summary>
    /// <param name="previouslyWritten">The files the previous build wrote, from its record; any other
    /// file in the output (a CNAME, a .well-known folder, a file someone dropped there) is kept.
    /// Null for an output whose record predates that list: all of it is taken as this generator's.</param>
    public void Commit(IReadOnlyDictionary<string, long>? previouslyWritten)
    {
        if (previouslyWritten is not null)
        {
            KeepForeignFiles(previouslyWritten);
        }

        if (Directory.Exists(_output) && OperatingSystem.IsLinux() && renameat2(AtFdCwd, StagingRoot, AtFdCwd, _output, RenameExchange) == 0)
        {
            _committed = true;
            Directory.Delete(StagingRoot, recursive: true); // now holds the previous site
            return;
        }

        var previous = Path.Combine(Path.GetDirectoryName(_output)!, "." + Path.GetFileName(_output) + ".previous-" + Guid.NewGuid().ToString("N")[..8]);
        var hadOutput = Directory.Exists(_output);
        if (hadOutput)
        {
            Directory.Move(_output, previous);
        }

        try
        {
            Directory.Move(StagingRoot, _output);
        }
        catch
        {
            if (hadOutput)
            {
                Directory.Move(previous, _output);
            }

            throw;
        }

        _committed = true;
        if (hadOutput)
        {
            Directory.Delete(previous, recursive: true);
        }
    }

    private void KeepForeignFiles(IReadOnlyDictionary<string, long> previouslyWritten)
    {
        if (!Directory.Exists(_output))
        {
            return;
        }

        var kept = new List<string>();
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var file in Directory.EnumerateFiles(_output, "*", everything).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(_output, file).Replace('\\', '/');
            if (previouslyWritten.ContainsKey(relative) || _written.ContainsKey(relative))
            {
                continue;
            }

            var path = PathFor(relative);
            EnsureFolderOf(path);
            if (!OperatingSystem.IsLinux() || link(file, path) != 0)
            {
                File.Copy(file, path, overwrite: false);
            }

            kept.Add(relative);
        }

        Kept = kept;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(StagingRoot))
        {
            Directory.Delete(StagingRoot, recursive: true);
        }

        _lock.Dispose();
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int link(string oldPath, string newPath);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    private static readonly System.Text.UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}
