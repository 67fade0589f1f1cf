namespace Reports.Site.Publishing;

/// <summary>
/// Writes a build into a staging folder beside the output folder and swaps it in only when the
/// whole build succeeded: a failed build leaves the previous site as it was.
/// </summary>
public sealed class StagedOutput : IDisposable
{
    private readonly string _output;
    private bool _committed;

    private StagedOutput(string output, string staging)
    {
        _output = output;
        StagingRoot = staging;
    }

    public string StagingRoot { get; }

    public static StagedOutput Begin(string outputFolder)
    {
        var output = Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(output) ?? throw new ArgumentException("output folder has no parent: " + output);
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "." + Path.GetFileName(output) + ".staging-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        return new StagedOutput(output, staging);
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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Utf8NoBom);
    }

    public void CopyFile(string source, string relativePath)
    {
        var path = PathFor(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(source, path, overwrite: true);
    }

    /// <summary>Swaps the staging folder in as the output. The old output is removed only after the swap.</summary>
    public void Commit()
    {
        var previous = _output + ".previous-" + Guid.NewGuid().ToString("N")[..8];
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
    }

    private static readonly System.Text.UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}
