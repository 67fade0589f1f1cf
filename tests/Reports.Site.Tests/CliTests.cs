namespace Reports.Site.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task An_unknown_option_is_a_usage_error_with_exit_code_2()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--outt", "x");

        code.ShouldBe(2);
        stderr.ShouldContain("--outt");
    }

    [Fact]
    public async Task A_missing_content_folder_is_a_content_error()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", temp["nothing-here"], "--out", temp["site"], "--templates", TestPaths.Templates);

        code.ShouldBe(1);
        stderr.ShouldContain("error RPT0014: site.yaml is missing");
        Directory.Exists(temp["site"]).ShouldBeFalse();
    }
}
