namespace Reports.Site.Tests;

public sealed class CliTests
{
    [Fact]
    public void Each_command_tree_has_its_own_options_so_parses_never_share_them()
    {
        Func<TextWriter, TextWriter, System.CommandLine.Command>[] factories =
        [
            Cli.BuildCommand.Create, Cli.EstimateCommand.Create, Cli.DiffCommand.Create, Cli.ServeCommand.Create, Cli.CheckCommand.Create,
            Cli.ImportModelCommand.Create, Cli.ImportPricesCommand.Create,
        ];
        foreach (var create in factories)
        {
            var (a, b) = (create(TextWriter.Null, TextWriter.Null), create(TextWriter.Null, TextWriter.Null));
            (a.Options.Count + a.Arguments.Count).ShouldBeGreaterThan(0, a.Name);
            a.Options.Zip(b.Options).ShouldAllBe(pair => !ReferenceEquals(pair.First, pair.Second), a.Name);
            a.Arguments.Zip(b.Arguments).ShouldAllBe(pair => !ReferenceEquals(pair.First, pair.Second), a.Name);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_with_exit_code_2()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--outt", "x");

        code.ShouldBe(2);
        stderr.ShouldContain("--outt");
    }

    [Fact]
    public async Task Stats_name_every_stage_a_full_build_ran_in_order_and_an_unchanged_rebuild_stops_after_planning()
    {
        using var temp = new TempFolder();
        string[] build = ["build", "--content", TestPaths.BasicFixture, "--out", temp["site"], "--templates", TestPaths.Templates, "--stats"];
        var (code, stdout, _) = await CliRunner.RunAsync(build);
        code.ShouldBe(0);
        Stages(stdout).ShouldBe(["site model", "load", "derive", "plan", "render", "write"]);

        (code, stdout, _) = await CliRunner.RunAsync(build);
        code.ShouldBe(0);
        Stages(stdout).ShouldBe(["site model", "load", "derive", "plan"]);

        static string[] Stages(string stdout)
        {
            var line = stdout.Split('\n').Single(l => l.StartsWith("stages: ", StringComparison.Ordinal));
            return line["stages: ".Length..].Trim().Split(", ").Select(s => System.Text.RegularExpressions.Regex.Match(s, "^(.+) [0-9]+\\.[0-9]{2} s$").Groups[1].Value).ToArray();
        }
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

    [Theory]
    [InlineData("99999")]
    [InlineData("-1")]
    [InlineData("65536")]
    public async Task A_port_outside_0_to_65535_is_a_usage_error_on_one_line(string port)
    {
        var (code, _, stderr) = await CliRunner.RunAsync("serve", "--port", port, "--content", TestPaths.BasicFixture, "--templates", TestPaths.Templates);

        code.ShouldBe(2);
        stderr.Trim().ShouldBe("error: --port must be 0 to 65535 (0 picks a free one); run with --help for usage.");
    }

    [Fact]
    public async Task A_busy_port_is_a_usage_error_on_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, stderr) = await CliRunner.RunAsync("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--content", TestPaths.BasicFixture, "--templates", TestPaths.Templates);

        code.ShouldBe(2);
        stderr.Trim().ShouldBe("error: port " + port + " on 127.0.0.1 is in use; pick another with --port (0 picks a free one).");
    }

    [Fact]
    public async Task Several_parse_errors_are_one_line_naming_the_first()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("estimate", "llama-3-1-8b", "--gpu", "h100-sxm", "--count", "x", "--concurrency", "y");

        code.ShouldBe(2);
        stderr.Trim().Split('\n').ShouldHaveSingleItem().ShouldStartWith("error: Cannot parse argument 'x' for option '--count'");
    }

    [Fact]
    public async Task An_empty_output_name_is_a_usage_error_on_one_line()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", TestPaths.BasicFixture, "--out", "", "--templates", TestPaths.Templates);

        code.ShouldBe(2);
        stderr.Trim().ShouldBe("error: --out needs a folder name, like output.");
    }
}
