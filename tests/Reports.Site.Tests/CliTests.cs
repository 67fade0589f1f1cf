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

public sealed class CliUsageTests
{
    [Theory]
    [InlineData("javascript:alert(1)//")]
    [InlineData("ftp://example.org/")]
    [InlineData("/relative/")]
    [InlineData("https://")]
    public async Task A_base_url_that_is_not_http_is_a_usage_error_on_one_line(string url)
    {
        using var temp = new TempFolder();

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates, "--base-url", url);

        code.ShouldBe(2);
        stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("error: --base-url must be an absolute http(s) URL");
        Directory.Exists(temp["site"]).ShouldBeFalse();
    }

    [Fact]
    public async Task An_empty_output_name_is_a_usage_error_on_one_line()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", "", "--templates", TestPaths.Templates);

        code.ShouldBe(2);
        stderr.Trim().ShouldBe("error: --out needs a folder name, like output.");
    }
}
