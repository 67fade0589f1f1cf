using Reports.Site.Import;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Loading;

namespace Reports.Site.Tests;

/// <summary>
/// <c>import prices</c> on real price lists kept under tests/fixtures/import/prices/ (unmodified entries of
/// LiteLLM's list at commit 03ecdf92, and files of models.dev at f3fc6922; see the README there), written into
/// a copy of tests/fixtures/basic, whose groq.yaml already holds two prices.
/// </summary>
public sealed class ImportPricesTests
{
    private const string LiteLlmUrl = "https://github.com/BerriAI/litellm/blob/03ecdf9284c3f1135482c92dc8a07c7e17ff6d80/model_prices_and_context_window.json";
    private const string ModelsDevUrl = "https://github.com/anomalyco/models.dev/tree/f3fc692299671838c7c65fd8126bf84d81a2e817/providers";

    private static string Fixture(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "import", "prices", name);

    private static Task<(int ExitCode, string Stdout, string Stderr)> ImportLiteLlm(string content, params string[] extra)
        => ImportLiteLlmAsOf("2026-02-21", content, extra);

    private static Task<(int ExitCode, string Stdout, string Stderr)> ImportLiteLlmAsOf(string date, string content, params string[] extra)
        => CliRunner.RunAsync(["import", "prices", Fixture("litellm-03ecdf92-subset.json"), "--date", date, "--source", LiteLlmUrl, "--content", content, .. extra]);

    private static ProviderData Provider(string path)
    {
        var file = ContentFile.Load(path, ContentKind.Provider, File.ReadAllText(path));
        file.Diagnostics.ShouldBeEmpty();
        return (ProviderData)file.Entity!;
    }

    [Fact]
    public async Task LiteLLM_prices_become_dated_per_million_entries_with_their_source_and_the_serving_words_in_the_note()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");

        var (code, stdout, stderr) = await ImportLiteLlm(content);

        code.ShouldBe(0, stderr);
        var together = File.ReadAllText(Path.Combine(content, "data", "providers", "together-ai.yaml"));
        together.ShouldContain("  litellm-03ecdf92: " + LiteLlmUrl + "\n");
        // 8.8e-07 USD per token is 0.88 per million, written without float noise.
        together.ShouldContain("  - { model: llama-3-3-70b, input: 0.88, output: 0.88, date: 2026-02-21, src: litellm-03ecdf92, note: \"meta-llama/Llama-3.3-70B-Instruct-Turbo (Instruct, Turbo)\" }\n");
        Provider(Path.Combine(content, "data", "providers", "together-ai.yaml")).Prices.ShouldAllBe(p => p.Date == new ContentDate(2026, 2, 21) && p.Src == "litellm-03ecdf92");

        // Bedrock lists the same price under the base and the cross-region name: one entry, the other named in its note.
        var bedrock = Provider(Path.Combine(content, "data", "providers", "aws-bedrock.yaml")).Prices.ShouldHaveSingleItem();
        (bedrock.Model.Value, bedrock.Input, bedrock.Output).ShouldBe(("llama-3-3-70b", 0.72, 0.72));
        bedrock.Note.ShouldBe("meta.llama3-3-70b-instruct-v1:0 (instruct); same price as us.meta.llama3-3-70b-instruct-v1:0");

        // The whole tree, new providers included, is a catalog the loader accepts on the day the import ran (it writes that
        // day as the new files' 'verified', so a fixed day here failed once the clock passed it).
        var loaded = ContentDirectory.LoadDirectory(content, RunDate.Today(), TestContext.Current.CancellationToken);
        loaded.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        stdout.ShouldContain("together_ai -> together-ai");
    }

    [Fact]
    public async Task An_existing_provider_file_keeps_its_text_and_gains_only_the_new_lines()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var path = Path.Combine(content, "data", "providers", "groq.yaml");
        var before = File.ReadAllLines(path);

        var (_, stdout, _) = await ImportLiteLlm(content);

        var after = File.ReadAllLines(path);
        // Old lines in order, the source after the old sources, prices after the old prices.
        after.Except(before).ShouldBe(
        [
            "  litellm-03ecdf92: " + LiteLlmUrl,
            "  - { model: llama-3-3-70b, input: 0.59, output: 0.79, date: 2026-02-21, src: litellm-03ecdf92, note: \"llama-3.3-70b-versatile (versatile)\" }",
        ]);
        after.Where(before.Contains).ShouldBe(before);
        Array.IndexOf(after, "  litellm-03ecdf92: " + LiteLlmUrl).ShouldBe(Array.FindIndex(before, l => l.StartsWith("  llama: ", StringComparison.Ordinal)) + 1);

        // groq's gpt-oss-20b is 0.075/0.30 in both; llama-3.1-8b-instant's 0.05/0.08 is already the 2026-06-08 entry.
        stdout.ShouldContain("unchanged since 2026-01-18");
        stdout.ShouldContain("same as entry of 2026-06-08");
    }

    [Fact]
    public async Task Importing_the_same_list_again_changes_no_file()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        await ImportLiteLlm(content);
        var first = TempFolder.Snapshot(content);

        var (code, stdout, _) = await ImportLiteLlm(content);

        code.ShouldBe(0);
        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(content), first);
        stdout.ShouldContain("already recorded on 2026-02-21");
        stdout.ShouldContain("0 files written.");
    }

    [Fact]
    public async Task A_changed_price_is_a_new_dated_entry_and_only_the_latest_is_in_force()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var path = Path.Combine(content, "data", "providers", "together-ai.yaml");
        // The repository's together-ai.yaml as written by hand: Llama 3.3 70B Turbo at 1.04/1.04 as of 2026-07-02.
        File.WriteAllText(path, """
            id: together-ai
            name: Together AI
            url: https://www.together.ai
            verified: 2026-11-28
            sources:
              pr2989: https://github.com/anomalyco/models.dev/pull/2989
            prices:                            # USD per million tokens, serverless
              - { model: llama-3-3-70b, input: 1.04, output: 1.04, date: 2026-07-02, src: pr2989, note: "meta-llama/Llama-3.3-70B-Instruct-Turbo; models.dev PR cites together.ai/models/llama-3-3-70b with a screenshot; was $0.88/$0.88 before" }

            """);

        // The list's 0.88 dated before that entry is history: added, but not the price in force.
        var (_, older, _) = await ImportLiteLlm(content);
        older.Split('\n').ShouldContain(l => l.TrimStart().StartsWith("added ", StringComparison.Ordinal) && l.Contains("llama-3-3-70b") && l.Contains("Llama-3.3-70B-Instruct-Turbo"));
        var history = Provider(path);
        history.Prices.Where(p => p.Model.Value == "llama-3-3-70b").Select(p => (p.Date.ToString(), p.Input)).ShouldBe([("2026-07-02", 1.04), ("2026-02-21", 0.88)]);
        Catalog.CurrentPrices(history).Where(p => p.Model.Value == "llama-3-3-70b").ShouldHaveSingleItem().Input.ShouldBe(1.04);

        // The same list read as of a later day changes the price in force.
        var (_, later, _) = await ImportLiteLlmAsOf("2026-08-01", content);
        later.ShouldContain("changed since 2026-07-02");
        Catalog.CurrentPrices(Provider(path)).Where(p => p.Model.Value == "llama-3-3-70b").ShouldHaveSingleItem().Input.ShouldBe(0.88);
    }

    [Fact]
    public async Task Entries_that_are_not_offers_or_not_plausible_are_skipped_and_what_does_not_map_is_listed()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");

        var (_, stdout, _) = await ImportLiteLlm(content);

        stdout.ShouldContain("skipped 1: free (both prices zero)");
        stdout.ShouldContain("skipped 1: not a chat or completion model (mode embedding)");
        // W&B's entries in this list are off by 10^5 (0.05 USD per token for gpt-oss-20b).
        stdout.ShouldContain("over $1,000 per million tokens (a unit error in the list), not imported: wandb/openai/gpt-oss-20b");
        File.Exists(Path.Combine(content, "data", "providers", "wandb-inference.yaml")).ShouldBeFalse();
        // Not guessed: deepseek-chat names no version; Llama 3 70B and Mistral 7B v0.2 are not catalog models.
        stdout.ShouldContain("  deepseek: deepseek-chat [deepseek]");
        stdout.ShouldContain("  bedrock: us-east-1/meta.llama3-70b-instruct-v1:0 [llama-3-70b]");
        stdout.ShouldContain("  bedrock: mistral.mistral-7b-instruct-v0:2 [mistral-7b-0-2]");
        stdout.ShouldContain("not imported (not in the provider table; --provider-map adds one): openai (1)");
    }

    [Fact]
    public async Task Prices_of_models_not_yet_in_the_catalog_go_to_the_pending_folder()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        File.WriteAllText(temp["pending.txt"], "# being added\ndeepseek-v3-2\nkimi-k2-instruct-0905\n");

        var (code, _, _) = await ImportLiteLlm(content, "--pending-models", temp["pending.txt"], "--pending-out", temp["pending"]);

        code.ShouldBe(0);
        Provider(temp["pending/deepseek.yaml"]).Prices.ShouldHaveSingleItem().Model.Value.ShouldBe("deepseek-v3-2");
        Provider(temp["pending/moonshot-ai.yaml"]).Prices.ShouldHaveSingleItem().Note.ShouldBe("kimi-k2-0905-preview; cached input $0.15");
        File.Exists(Path.Combine(content, "data", "providers", "deepseek.yaml")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_models_dev_tree_is_read_per_million_and_skips_deprecated_models()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");

        var (code, stdout, stderr) = await CliRunner.RunAsync("import", "prices", Fixture("models.dev"), "--date", "2026-07-01", "--source", ModelsDevUrl, "--content", content);

        code.ShouldBe(0, stderr);
        var together = Provider(Path.Combine(content, "data", "providers", "together-ai.yaml"));
        together.Sources.ShouldHaveSingleItem().ShouldBe(new SourceLink("models-dev-f3fc6922", ModelsDevUrl));
        together.Prices.Select(p => (p.Model.Value, p.Input, p.Output)).ShouldBe([("gpt-oss-20b", 0.05, 0.2), ("llama-3-3-70b", 0.88, 0.88)]);
        stdout.ShouldContain("skipped 1: deprecated (status = \"deprecated\")");
        stdout.ShouldContain("  deepinfra: deepseek-ai/DeepSeek-V4-Flash [deepseek-4-flash]");
        stdout.ShouldContain("302ai (1)");
    }

    [Theory]
    [InlineData(new string[0], "needs --date YYYY-MM-DD and --source URL")]
    [InlineData(new[] { "--date", "2026-02-21" }, "needs --date YYYY-MM-DD and --source URL")]
    [InlineData(new[] { "--date", "2099-01-01", "--source", LiteLlmUrl }, "--date '2099-01-01' is not a YYYY-MM-DD date on or before today")]
    [InlineData(new[] { "--date", "21/02/2026", "--source", LiteLlmUrl }, "is not a YYYY-MM-DD date")]
    [InlineData(new[] { "--date", "2026-02-21", "--source", "model_prices.json" }, "--source 'model_prices.json' is not an absolute https URL")]
    public async Task Without_a_date_and_source_for_the_list_nothing_is_imported(string[] options, string message)
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        var before = TempFolder.Snapshot(content);

        var (code, _, stderr) = await CliRunner.RunAsync(["import", "prices", Fixture("litellm-03ecdf92-subset.json"), "--content", content, .. options]);

        code.ShouldBe(2);
        stderr.ShouldContain(message);
        TempFolder.ShouldBeIdentical(TempFolder.Snapshot(content), before);
    }

    [Fact]
    public async Task A_list_entry_with_a_price_that_is_not_a_number_is_named()
    {
        using var temp = new TempFolder();
        var list = temp["list.json"];
        File.WriteAllText(list, File.ReadAllText(Fixture("litellm-03ecdf92-subset.json")).Replace("\"input_cost_per_token\": 8.8e-07", "\"input_cost_per_token\": \"8.8e-07\""));

        var (code, _, stderr) = await CliRunner.RunAsync("import", "prices", list, "--date", "2026-02-21", "--source", LiteLlmUrl, "--content", temp.Copy(TestPaths.BasicFixture, "content"));

        code.ShouldBe(1);
        stderr.ShouldBe("error: " + list + ": 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo.input_cost_per_token' must be a number, found \"8.8e-07\".\n", StringCompareShould.IgnoreLineEndings);
    }
}

/// <summary>The name matcher on provider names as LiteLLM lists them, against the catalog's ids and those being added.</summary>
public sealed class ModelNameMatcherTests
{
    private static readonly string[] Ids =
    [
        "llama-3-3-70b", "llama-3-1-8b", "llama-4-maverick", "mistral-7b", "deepseek-v3", "deepseek-v3-1", "qwen3-235b-a22b",
        "qwen3-235b-a22b-instruct-2507", "qwen3-235b-a22b-thinking-2507", "kimi-k2-instruct", "kimi-k2-instruct-0905", "glm-4-6",
    ];

    [Theory]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-3-3-70b", "Instruct,Turbo")]
    [InlineData("us.meta.llama3-3-70b-instruct-v1:0", "llama-3-3-70b", "instruct")]
    [InlineData("accounts/fireworks/models/llama-v3p3-70b-instruct", "llama-3-3-70b", "instruct")]
    [InlineData("llama3.1-8b", "llama-3-1-8b", "")]
    [InlineData("Qwen/Qwen3-235B-A22B-fp8-tput", "qwen3-235b-a22b", "fp8,tput")]
    [InlineData("qwen.qwen3-235b-a22b-2507-v1:0", "qwen3-235b-a22b-instruct-2507", "")]
    [InlineData("Qwen/Qwen3-235B-A22B-Thinking-2507", "qwen3-235b-a22b-thinking-2507", "")]
    [InlineData("deepseek-ai/DeepSeek-V3.1", "deepseek-v3-1", "")]
    [InlineData("zai-glm-4.6", "glm-4-6", "")]
    [InlineData("meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "llama-4-maverick", "Instruct,FP8")]
    [InlineData("kimi-k2-0905-preview", "kimi-k2-instruct-0905", "")]
    [InlineData("Mistral-7B-Instruct-v0.3", "mistral-7b", "Instruct")]
    public void A_listing_maps_to_its_catalog_id(string listing, string id, string dropped)
    {
        var match = new ModelNameMatcher(Ids).Match(listing);

        match.Id.ShouldBe(id);
        string.Join(",", match.Dropped).ShouldBe(dropped);
    }

    [Theory]
    [InlineData("deepseek-chat")]                          // the API's moving alias, no version
    [InlineData("deepseek-ai/DeepSeek-V3-0324")]           // a later checkpoint than the catalog's deepseek-v3
    [InlineData("mistral.mistral-7b-instruct-v0:2")]       // v0.2, not the catalog's v0.3
    [InlineData("mistralai/mistral-7b-instruct")]          // no version at all
    [InlineData("moonshotai/Kimi-K2.5")]
    [InlineData("Qwen/Qwen3-VL-235B-A22B-Instruct")]
    public void A_listing_no_catalog_id_fits_is_not_guessed(string listing)
        => new ModelNameMatcher(Ids).Match(listing).Id.ShouldBeNull();

    [Fact]
    public void A_listing_that_fits_two_ids_names_both_and_picks_neither()
    {
        var match = new ModelNameMatcher(["qwen3-next-80b-a3b", "qwen3-next-80b-a3b-instruct"]).Match("Qwen/Qwen3-Next-80B-A3B-Instruct");

        match.Id.ShouldBeNull();
        match.Candidates.ShouldBe(["qwen3-next-80b-a3b", "qwen3-next-80b-a3b-instruct"]);
    }
}

/// <summary>The loader's rule for price history: a changed price is a new dated entry, the same offer twice on one day a duplicate.</summary>
public sealed class PriceHistoryRuleTests
{
    [Theory]
    [InlineData("2026-03-01", 0)]
    [InlineData("2026-01-18", 1)]
    public void The_same_offer_on_another_day_is_history_and_on_the_same_day_a_duplicate(string date, int errors)
    {
        var path = Path.Combine(TestPaths.BasicFixture, "data", "providers", "groq.yaml");
        var text = File.ReadAllText(path)
            + "  - { model: gpt-oss-20b, input: 0.1, output: 0.5, date: " + date + ", src: gptoss, note: \"openai/gpt-oss-20b; rates quoted from groq.com/pricing in LiteLLM issue #19309 (cached input $0.0375)\" }\n";

        var diagnostics = ContentFile.Load(path, ContentKind.Provider, text).Diagnostics;

        diagnostics.Count.ShouldBe(errors);
        diagnostics.ShouldAllBe(d => d.Id == DiagnosticIds.DuplicateId && d.Line == 11 && d.Message.Contains("dated 2026-01-18 with the same note"));
    }
}
