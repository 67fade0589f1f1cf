using Reports.Site.Building;
using Reports.Site.Publishing;

namespace Reports.Site.Tests;

/// <summary>The output folder: only a folder this generator published is replaced, and only its own files go.</summary>
public sealed class OutputFolderTests
{
    private static Task<(int ExitCode, string Stdout, string Stderr)> Build(string output, params string[] more)
        => CliRunner.RunAsync(["build", "--content", TestPaths.BasicFixture, "--out", output, "--templates", TestPaths.Templates, .. more]);

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("content/data/models/x.yaml")]
    [InlineData(".git/HEAD")]
    public async Task A_folder_this_generator_did_not_publish_is_refused_and_left_as_it_was(string someonesFile)
    {
        using var temp = new TempFolder();
        var folder = temp["mine"];
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, someonesFile))!);
        File.WriteAllText(Path.Combine(folder, someonesFile), "keep me");
        var before = TempFolder.Snapshot(folder);

        var (code, _, stderr) = await Build(folder);

        code.ShouldBe(1);
        stderr.ShouldContain("refusing to build into " + folder + ": it is not empty and holds no .reports/build.json");
        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(folder), before);
        Directory.EnumerateFileSystemEntries(temp.Root).Select(Path.GetFileName).ShouldBe(["mine"], "no staging folder, no lock left beside a refused folder");
    }

    [Fact]
    public async Task An_output_that_is_a_file_or_an_empty_name_is_refused_with_one_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["file"], "x");

        var (code, _, stderr) = await Build(temp["file"]);

        code.ShouldBe(1);
        stderr.ShouldContain("is a file, not a folder");
        File.ReadAllText(temp["file"]).ShouldBe("x");
    }

    [Fact]
    public async Task Files_someone_added_to_the_output_survive_every_rebuild_and_pages_that_went_away_do_not()
    {
        using var temp = new TempFolder();
        var output = temp["site"];
        (await Build(output)).ExitCode.ShouldBe(0);
        File.WriteAllText(Path.Combine(output, "CNAME"), "docs.example.org");
        Directory.CreateDirectory(Path.Combine(output, ".well-known"));
        File.WriteAllText(Path.Combine(output, ".well-known", "security.txt"), "Contact: mailto:a@example.org");
        Directory.CreateDirectory(Path.Combine(output, "models", "gone"));
        File.WriteAllText(Path.Combine(output, "models", "gone", "index.html"), "a page a previous build wrote");
        var record = File.ReadAllText(Path.Combine(output, BuildState.RelativePath));
        File.WriteAllText(Path.Combine(output, BuildState.RelativePath), record.Replace("\"files\": {", "\"files\": {\n    \"models/gone/index.html\": 29,", StringComparison.Ordinal));

        // A different base URL renders every page again and replaces the folder.
        var (code, _, _) = await Build(output, "--base-url", "https://other.example.org/");

        code.ShouldBe(0);
        File.ReadAllText(Path.Combine(output, "CNAME")).ShouldBe("docs.example.org");
        File.ReadAllText(Path.Combine(output, ".well-known", "security.txt")).ShouldStartWith("Contact:");
        File.Exists(Path.Combine(output, "models", "gone", "index.html")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(output, "index.html")).ShouldContain("https://other.example.org/");
    }

    [Fact]
    public async Task An_output_that_is_a_symbolic_link_is_built_into_its_target_and_stays_a_link()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["www/site"]);
        Directory.CreateSymbolicLink(temp["out"], temp["www/site"]);

        (await Build(temp["out"])).ExitCode.ShouldBe(0);
        (await Build(temp["out"], "--base-url", "https://other.example.org/")).ExitCode.ShouldBe(0);

        new DirectoryInfo(temp["out"]).LinkTarget.ShouldBe(temp["www/site"]);
        File.ReadAllText(temp["www/site/index.html"]).ShouldContain("https://other.example.org/");
    }

    [Fact]
    public async Task A_dangling_output_link_is_a_clear_error()
    {
        using var temp = new TempFolder();
        Directory.CreateSymbolicLink(temp["out"], temp["nowhere"]);

        var (code, _, stderr) = await Build(temp["out"]);

        code.ShouldBe(1);
        stderr.ShouldContain("is a symbolic link to " + temp["nowhere"] + ", which is not an existing folder");
        Directory.Exists(temp["nowhere"]).ShouldBeFalse();
    }

    [Fact]
    public async Task A_page_truncated_or_deleted_in_the_output_is_written_again_by_the_next_build()
    {
        using var temp = new TempFolder();
        var output = temp["site"];
        (await Build(output)).ExitCode.ShouldBe(0);
        var before = TempFolder.Snapshot(output);
        File.WriteAllText(Path.Combine(output, "models", "llama-3-1-8b", "index.html"), "");
        File.Delete(Path.Combine(output, "robots.txt"));

        (await Build(output)).ExitCode.ShouldBe(0);

        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(output), before);
    }

    [Theory]
    [InlineData(".reports/build.json", "null")]
    [InlineData(".reports/build.json", "{\"generator\": null, \"pages\": null}")]
    [InlineData(".reports/build.json", "{\"generator\": \"x\", \"pages\": {\"index.html\": null}}")]
    [InlineData(".reports/facts.json", "[null]")]
    [InlineData(".reports/facts.json", "[{\"path\": \"index.html\", \"hash\": \"a\", \"facts\": []}, {\"path\": \"index.html\", \"hash\": \"b\", \"facts\": []}]")]
    public async Task A_damaged_build_cache_costs_a_rebuild_never_a_crash_or_a_wrong_page(string cache, string text)
    {
        using var temp = new TempFolder();
        var output = temp["site"];
        // The facts manifest is written on request only: the builds that damage it asked for it.
        string[] facts = cache.EndsWith("facts.json", StringComparison.Ordinal) ? ["--facts"] : [];
        (await Build(output, facts)).ExitCode.ShouldBe(0);
        var before = TempFolder.Snapshot(output);
        File.WriteAllText(Path.Combine(output, cache), text);

        var (code, _, stderr) = await Build(output, facts);

        stderr.ShouldBeEmpty();
        code.ShouldBe(0);
        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(output), before);
    }

    [Fact]
    public void The_build_lock_is_never_unlinked_so_two_builds_can_never_hold_it_at_once()
    {
        using var temp = new TempFolder();
        var lockFile = temp[".site.lock"];
        using (StagedOutput.Begin(temp["site"], BuildState.RelativePath))
        {
            File.Exists(lockFile).ShouldBeTrue();
        }

        // The file outlives the build, so a build that opened it before the first one ended locks the
        // same file as every later build, never an unlinked copy.
        File.Exists(lockFile).ShouldBeTrue();
        var inode = new FileInfo(lockFile).CreationTimeUtc;
        using var second = StagedOutput.Begin(temp["site"], BuildState.RelativePath);
        Should.Throw<IOException>(() => StagedOutput.Begin(temp["site"], BuildState.RelativePath)).Message.ShouldContain("another build is writing");
        new FileInfo(lockFile).CreationTimeUtc.ShouldBe(inode);
    }

    [Fact]
    public void A_folder_that_cannot_be_created_is_not_reported_as_another_build()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["file"], "x");

        var error = Should.Throw<IOException>(() => StagedOutput.Begin(Path.Combine(temp["file"], "site"), BuildState.RelativePath));

        error.Message.ShouldStartWith("cannot write beside the output folder");
        error.Message.ShouldNotContain("another build");

        // A file system nobody may write to (root included): /proc stands in for a read-only mount.
        if (OperatingSystem.IsLinux())
        {
            var readOnly = Should.Throw<IOException>(() => StagedOutput.Begin("/proc/reports-site", BuildState.RelativePath));
            readOnly.Message.ShouldStartWith("cannot write beside the output folder /proc/reports-site");
            readOnly.Message.ShouldNotContain("another build");
        }
    }
}
