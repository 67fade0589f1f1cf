using Reports.Site.Import;
using Reports.Specs.Content;
using Reports.Specs.Content.Loading;
using Reports.Specs.Estimators;

namespace Reports.Site.Tests;

/// <summary>
/// <c>import model</c> on real checkpoint files kept under tests/fixtures/import/models/ (their origin is in
/// tests/fixtures/import/README.md): what the draft says, that the loader refuses it until the author fills it
/// in, and that bad input is named.
/// </summary>
public sealed class ImportModelTests
{
    private static string Fixture(string model, string file) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "import", "models", model, file);

    private static Task<(int ExitCode, string Stdout, string Stderr)> Import(string model, string id, string content, params string[] extra)
        => CliRunner.RunAsync(
            ["import", "model", Fixture(model, "config.json"), "--id", id, "--index", Fixture(model, "model.safetensors.index.json"), "--card", Fixture(model, "README.md"), "--content", content, .. extra]);

    private static ModelData Load(string path, out IReadOnlyList<ContentDiagnostic> diagnostics)
    {
        var file = ContentFile.Load(path, ContentKind.Model, File.ReadAllText(path));
        diagnostics = file.Diagnostics.ToList();
        return (ModelData)file.Entity!;
    }

    [Fact]
    public async Task The_medgemma_draft_describes_the_gemma3_text_decoder_inside_the_multimodal_config()
    {
        using var temp = new TempFolder();

        var (code, stdout, stderr) = await Import("medgemma-27b-it", "medgemma-27b", temp["content"]);

        code.ShouldBe(0, stderr);
        var model = Load(temp["content/data/models/medgemma-27b.yaml"], out _);
        var a = model.Architecture;
        (a.Layers, a.Hidden, a.Intermediate, a.Heads, a.KvHeads, a.HeadDim, a.Vocab).ShouldBe((62, 5376, 21504, 32, 16, 128, 262208));
        a.HfArchitecture.ShouldBe("Gemma3ForConditionalGeneration"); // architectures[0], not the text class
        (a.TiedEmbeddings, a.QkNorm, a.NormsPerLayer).ShouldBe((true, true, 4));
        (a.Attention.Kind, a.Attention.LocalLayers, a.Attention.Window).ShouldBe((AttentionKind.Gqa, 52, (int?)1024)); // 52 of 62 layer_types slide
        model.License!.Value.ShouldBe("health-ai-developer-foundations"); // license: other + license_name in the card's front matter
        var checkpoint = model.Checkpoints.ShouldHaveSingleItem();
        (checkpoint.Precision, checkpoint.Size, checkpoint.Unit, checkpoint.Src).ShouldBe((Precision.Bf16, 54.865, "GB", "index"));
        checkpoint.Note!.ShouldContain("54,864,813,280 bytes");
        stdout.ShouldContain("index metadata.total_parameters: 28,842,036,848");
        stdout.ShouldContain("the draft describes the decoder only");
    }

    [Fact]
    public async Task The_qwen2_draft_counts_exactly_the_parameters_the_bf16_checkpoint_holds()
    {
        using var temp = new TempFolder();

        var (code, stdout, _) = await Import("cogito-v1-preview-qwen-14b", "cogito-14b", temp["content"]);

        code.ShouldBe(0);
        var a = Load(temp["content/data/models/cogito-14b.yaml"], out _).Architecture;
        a.QkvBias.ShouldBeTrue(); // fixed in Qwen2's attention class, not stated in the config
        a.HeadDim.ShouldBe(128); // hidden_size / num_attention_heads: the config has no head_dim

        // The index's 29,531,895,808 bytes of bf16 tensors are 14,765,947,904 parameters; a wrong bias, norm or
        // tie in the mapping would be millions off.
        ParameterCount.Compute(a).Total.ShouldBe(29_531_895_808 / 2.0, tolerance: 1e5);
        stdout.ShouldContain("computed is 0.00% from it");
    }

    [Fact]
    public async Task The_loader_refuses_a_draft_only_for_its_placeholders_until_the_author_fills_them_in()
    {
        using var temp = new TempFolder();
        await Import("cogito-v1-preview-qwen-14b", "cogito-14b", temp["content"], "--config-url", "https://huggingface.co/deepcogito/cogito-v1-preview-qwen-14B/blob/main/config.json");
        var path = temp["content/data/models/cogito-14b.yaml"];

        Load(path, out var before);
        before.ShouldAllBe(d => d.Id == DiagnosticIds.Placeholder);
        before.Select(d => d.Message[..d.Message.IndexOf(' ')]).ShouldBe(
            ["'name'", "'vendor'", "'family'", "'verified'", "'released.value'", "'sources.index'", "'sources.card'", "'context.value'", "'params.total.value'"]);

        // What the author does: replace each TODO with a value read in a source.
        var filled = File.ReadAllText(path)
            .Replace("name: TODO", "name: Cogito v1 preview 14B").Replace("vendor: TODO", "vendor: Deep Cogito").Replace("family: TODO", "family: cogito-v1")
            .Replace("verified: TODO", "verified: 2026-12-06").Replace("released: { value: TODO", "released: { value: 2025-04-08")
            .Replace("index: TODO", "index: https://huggingface.co/deepcogito/cogito-v1-preview-qwen-14B/blob/main/model.safetensors.index.json")
            .Replace("card: TODO", "card: https://huggingface.co/deepcogito/cogito-v1-preview-qwen-14B")
            .Replace("context: { value: TODO", "context: { value: 131072").Replace("total: { value: TODO", "total: { value: 14.8e9");
        File.WriteAllText(path, filled);

        Load(path, out var after);
        after.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_site_build_with_an_unfilled_draft_fails_at_the_placeholder()
    {
        using var temp = new TempFolder();
        var content = temp.Copy(TestPaths.BasicFixture, "content");
        await Import("cogito-v1-preview-qwen-14b", "cogito-14b", content);

        var (code, _, stderr) = await CliRunner.RunAsync("build", "--content", content, "--out", temp["site"], "--templates", TestPaths.Templates);

        code.ShouldBe(1);
        stderr.ShouldContain("cogito-14b.yaml(8,7): error RPT0018: 'name' is still the placeholder TODO");
        Directory.Exists(temp["site"]).ShouldBeFalse();
    }

    [Fact]
    public async Task An_existing_model_file_is_overwritten_only_with_force()
    {
        using var temp = new TempFolder();
        await Import("cogito-v1-preview-qwen-14b", "cogito-14b", temp["content"]);
        var path = temp["content/data/models/cogito-14b.yaml"];
        File.WriteAllText(path, "hand-edited\n");

        var (refused, _, stderr) = await Import("cogito-v1-preview-qwen-14b", "cogito-14b", temp["content"]);
        refused.ShouldBe(2);
        stderr.ShouldContain("cogito-14b.yaml exists; pass --force to overwrite it.");
        File.ReadAllText(path).ShouldBe("hand-edited\n");

        var (forced, _, _) = await Import("cogito-v1-preview-qwen-14b", "cogito-14b", temp["content"], "--force");
        forced.ShouldBe(0);
        File.ReadAllText(path).ShouldContain("hidden: 5120");
    }

    [Fact]
    public async Task The_draft_is_the_same_bytes_on_every_run()
    {
        using var temp = new TempFolder();
        await Import("medgemma-27b-it", "medgemma-27b", temp["a"]);
        await Import("medgemma-27b-it", "medgemma-27b", temp["b"]);

        // The header names the files read (the same here), so the two drafts must agree byte for byte.
        File.ReadAllBytes(temp["b/data/models/medgemma-27b.yaml"]).ShouldBe(File.ReadAllBytes(temp["a/data/models/medgemma-27b.yaml"]));
    }

    [Theory]
    [InlineData("\"model_type\": \"qwen2\"", "\"model_type\": \"mamba\"", "model_type 'mamba' is not one this importer maps")]
    [InlineData("\"num_hidden_layers\": 48,", "", "'num_hidden_layers' is missing.")]
    [InlineData("\"hidden_size\": 5120,", "\"hidden_size\": \"5120\",", "'hidden_size' must be a whole number, found \"5120\".")]
    [InlineData("\"vocab_size\": 151665", "\"vocab_size\": 151665,", "not valid JSON")]
    public async Task A_config_the_importer_cannot_read_is_a_content_error_naming_the_file_and_key(string find, string replace, string message)
    {
        using var temp = new TempFolder();
        var config = temp["config.json"];
        var real = File.ReadAllText(Fixture("cogito-v1-preview-qwen-14b", "config.json"));
        real.ShouldContain(find);
        File.WriteAllText(config, real.Replace(find, replace));

        var (code, _, stderr) = await CliRunner.RunAsync("import", "model", config, "--id", "broken", "--content", temp["content"]);

        code.ShouldBe(1);
        stderr.ShouldStartWith("error: " + config + ": ");
        stderr.ShouldContain(message);
        File.Exists(temp["content/data/models/broken.yaml"]).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Qwen3-8B")]
    [InlineData("a-vs-b")]
    public async Task An_id_that_is_not_a_catalog_id_is_a_usage_error(string id)
    {
        using var temp = new TempFolder();

        var (code, _, stderr) = await CliRunner.RunAsync("import", "model", Fixture("cogito-v1-preview-qwen-14b", "config.json"), "--id", id, "--content", temp["content"]);

        code.ShouldBe(2);
        stderr.ShouldContain("--id '" + id + "' is not a valid model id");
        Directory.Exists(temp["content"]).ShouldBeFalse();
    }

    [Fact]
    public void A_card_gives_its_front_matter_licence_and_its_parameter_line()
    {
        // The medgemma card's real front matter, and lines as the Qwen3 cards print them
        // (https://huggingface.co/Qwen/Qwen3-14B: "Number of Parameters: 14.8B").
        var medgemma = ModelCard.Parse(File.ReadAllText(Fixture("medgemma-27b-it", "README.md")));
        medgemma.License.ShouldBe("health-ai-developer-foundations");
        medgemma.Parameters.ShouldBeNull();
        medgemma.ContextLine.ShouldBe("Context length: Supports long context, at least 128K tokens");

        var qwen = ModelCard.Parse("- Number of Parameters: 14.8B\n- Number of Paramaters (Non-Embedding): 13.2B\n");
        qwen.Parameters.ShouldBe(14.8e9);
        qwen.ActiveParameters.ShouldBeNull();
        ModelCard.Parse("- Number of Parameters: 235B in total and 22B activated\n").ActiveParameters.ShouldBe(22e9);
    }
}
