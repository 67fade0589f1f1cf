using System.Reflection;

namespace Reports.Site.Tests;

internal static class TestPaths
{
    public static string RepoRoot { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReportsRepoRoot").Value!;

    public static string Templates => Path.Combine(RepoRoot, "templates");

    public static string BasicFixture => Path.Combine(RepoRoot, "tests", "fixtures", "basic");
}

/// <summary>A temporary folder removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "reports-tests-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string this[string relative] => Path.Combine(Root, relative);

    /// <summary>Copies a folder tree here and returns the copy's path.</summary>
    public string Copy(string source, string name)
    {
        var target = Path.Combine(Root, name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Every file under <paramref name="folder"/> with its bytes, for before/after comparisons.</summary>
    public static Dictionary<string, byte[]> Snapshot(string folder)
        => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes);

    /// <summary>The same files with the same bytes: the check every publish-safety and determinism test makes.</summary>
    public static void ShouldBeIdentical(Dictionary<string, byte[]> actual, Dictionary<string, byte[]> expected)
    {
        actual.Keys.Order().ShouldBe(expected.Keys.Order());
        foreach (var (path, bytes) in expected)
        {
            actual[path].ShouldBe(bytes, path);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder eventually.
        }
    }
}

/// <summary>
/// The basic fixture copied into <paramref name="Temp"/> and published once, with the output as it stood: the start of
/// every test that breaks the content and checks the next build fails at the right line and leaves the site alone.
/// </summary>
internal sealed record PublishedFixture(string Content, string Output, Dictionary<string, byte[]> Before)
{
    public static async Task<PublishedFixture> Create(TempFolder temp)
    {
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var output = temp["site"];
        (await CliRunner.RunAsync("build", "--content", content, "--out", output, "--templates", TestPaths.Templates)).ExitCode.ShouldBe(0);
        return new PublishedFixture(content, output, TempFolder.Snapshot(output));
    }

    /// <summary>The same build again, after the test has changed the content.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> Rebuild()
        => CliRunner.RunAsync("build", "--content", Content, "--out", Output, "--templates", TestPaths.Templates);

    /// <summary>The check a failed build must pass: the output is byte for byte what the last good build wrote.</summary>
    public void ShouldBeUnchanged() => TempFolder.ShouldBeIdentical(TempFolder.Snapshot(Output), Before);
}

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Reports.Site.Cli.CommandLine.InvokeAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
