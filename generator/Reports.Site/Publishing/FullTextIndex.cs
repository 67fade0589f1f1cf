using System.Diagnostics;

namespace Reports.Site.Publishing;

/// <summary>
/// Pagefind, run on the staged site so its full-text index (pagefind/) is published with the pages it
/// indexes, or not at all. Pagefind is a separate program (npm's `pagefind` package, installed by
/// `npm ci --prefix tools/search`); without it the site keeps its title search and the build says so.
/// </summary>
public sealed record FullTextIndex(string Executable)
{
    /// <summary>REPORTS_PAGEFIND: "off", or the path of a Pagefind binary to use instead of the one under tools/search.</summary>
    public const string Variable = "REPORTS_PAGEFIND";

    public const string Folder = "pagefind";

    /// <summary>The binary npm installs for this platform, under the repository's tools/search.</summary>
    public static FullTextIndex? Locate(string repoRoot) => Locate(repoRoot, Environment.GetEnvironmentVariable(Variable));

    /// <param name="setting">The value of <see cref="Variable"/>: null or empty to look under tools/search.</param>
    public static FullTextIndex? Locate(string repoRoot, string? setting)
    {
        if (string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(setting))
        {
            return File.Exists(setting) ? new FullTextIndex(setting) : throw new FileNotFoundException(Variable + " names " + setting + ", which does not exist.", setting);
        }

        var platform = (OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : "windows")
            + "-" + (System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64");
        var bin = Path.Combine(repoRoot, "tools", "search", "node_modules", "@pagefind", platform, "bin");
        return new[] { "pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe" }
            .Select(name => Path.Combine(bin, name))
            .Where(File.Exists)
            .Select(path => new FullTextIndex(path))
            .FirstOrDefault();
    }

    /// <summary>Indexes <paramref name="siteRoot"/> into a scratch folder and returns the files, relative path first; throws with Pagefind's own message on failure.</summary>
    public IReadOnlyList<(string RelativePath, string File)> Build(string siteRoot, string scratch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(scratch);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--site", siteRoot, "--output-path", scratch, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new IOException("Pagefind (" + Executable + ") did not start.");

        // A cancelled build (the preview server's next edit, Ctrl+C) does not leave Pagefind running.
        using var stop = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }
        });
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new IOException("Pagefind (" + Executable + ") failed with exit code " + process.ExitCode + ": " + (stderr.Result + stdout.Result).Trim());
        }

        return Directory.EnumerateFiles(scratch, "*", SearchOption.AllDirectories)
            .Select(f => (Folder + "/" + Path.GetRelativePath(scratch, f).Replace('\\', '/'), f))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
    }
}
