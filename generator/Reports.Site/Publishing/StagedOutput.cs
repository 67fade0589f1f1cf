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
    private bool _committed;

    private StagedOutput(string output, string staging, FileStream buildLock, Action<string>? beforeWrite)
    {
        _output = output;
        StagingRoot = staging;
        _lock = buildLock;
        _beforeWrite = beforeWrite;
    }

    public string StagingRoot { get; }

    /// <param name="beforeWrite">Called before each file is written; tests inject failures through it.</param>
    public static StagedOutput Begin(string outputFolder, Action<string>? beforeWrite = null)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(output) ?? throw new ArgumentException("output folder has no parent: " + output);
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(output);
        FileStream buildLock;
        try
        {
            buildLock = new FileStream(Path.Combine(parent, "." + name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
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
        if (!full.StartsWith(StagingRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("refusing to write outside the output folder: '" + relativePath + "'");
        }

        return full;
    }

    public void WriteText(string relativePath, string content)
    {
        var path = PathFor(relativePath);
        _beforeWrite?.Invoke(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Utf8NoBom);
    }

    /// <summary>A stream for a file written piece by piece (the facts manifest of a large site).</summary>
    public FileStream OpenWrite(string relativePath)
    {
        var path = PathFor(relativePath);
        _beforeWrite?.Invoke(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public void CopyFile(string source, string relativePath)
    {
        var path = PathFor(relativePath);
        _beforeWrite?.Invoke(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path, overwrite: true);
    }

    /// <summary>
    /// Puts an unchanged file from the previous build into the new one without rewriting it: a hard link
    /// where the file system allows (same bytes, same file, same timestamp), a copy elsewhere.
    /// </summary>
    public void LinkFrom(string previousFile, string relativePath)
    {
        var path = PathFor(relativePath);
        _beforeWrite?.Invoke(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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
    public void Commit()
    {
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
