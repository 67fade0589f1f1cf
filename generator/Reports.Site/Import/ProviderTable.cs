using System.Text.Json;

namespace Reports.Site.Import;

/// <summary>A catalog provider: its id (the file name), and the name and home page a new file starts with.</summary>
public sealed record ProviderInfo(string Id, string Name, string Url);

/// <summary>
/// Which catalog provider a price list's provider key means. The default table covers the API providers that
/// serve open-weights models under LiteLLM's litellm_provider names and models.dev's provider folders; keys not
/// in it (OpenAI, Anthropic, Gemini, resellers) are reported, not imported.
/// </summary>
public sealed record ProviderTable(IReadOnlyDictionary<string, ProviderInfo?> Keys)
{
    private static readonly ProviderInfo TogetherAi = new("together-ai", "Together AI", "https://www.together.ai");
    private static readonly ProviderInfo FireworksAi = new("fireworks-ai", "Fireworks AI", "https://fireworks.ai");
    private static readonly ProviderInfo DeepInfra = new("deepinfra", "DeepInfra", "https://deepinfra.com");
    private static readonly ProviderInfo Groq = new("groq", "Groq", "https://groq.com");
    private static readonly ProviderInfo Cerebras = new("cerebras", "Cerebras Inference", "https://www.cerebras.ai");
    private static readonly ProviderInfo SambaNova = new("sambanova", "SambaNova Cloud", "https://cloud.sambanova.ai");
    private static readonly ProviderInfo Bedrock = new("aws-bedrock", "Amazon Bedrock", "https://aws.amazon.com/bedrock/");
    private static readonly ProviderInfo Vertex = new("google-vertex", "Google Cloud Vertex AI", "https://cloud.google.com/vertex-ai");
    private static readonly ProviderInfo Nebius = new("nebius", "Nebius AI Studio", "https://nebius.com");
    private static readonly ProviderInfo Novita = new("novita-ai", "Novita AI", "https://novita.ai");
    private static readonly ProviderInfo Hyperbolic = new("hyperbolic", "Hyperbolic", "https://hyperbolic.xyz");
    private static readonly ProviderInfo OpenRouter = new("openrouter", "OpenRouter", "https://openrouter.ai");
    private static readonly ProviderInfo DeepSeek = new("deepseek", "DeepSeek API", "https://platform.deepseek.com");
    private static readonly ProviderInfo Mistral = new("mistral-ai", "Mistral AI", "https://mistral.ai");
    private static readonly ProviderInfo Moonshot = new("moonshot-ai", "Moonshot AI", "https://platform.moonshot.ai");
    private static readonly ProviderInfo Alibaba = new("alibaba-cloud", "Alibaba Cloud Model Studio", "https://www.alibabacloud.com/en/product/modelstudio");
    private static readonly ProviderInfo Zai = new("z-ai", "Z.ai", "https://z.ai");
    private static readonly ProviderInfo MiniMax = new("minimax", "MiniMax", "https://www.minimax.io");
    private static readonly ProviderInfo Watsonx = new("ibm-watsonx", "IBM watsonx.ai", "https://www.ibm.com/products/watsonx-ai");
    private static readonly ProviderInfo AzureAi = new("azure-ai-foundry", "Azure AI Foundry", "https://ai.azure.com");
    private static readonly ProviderInfo Lambda = new("lambda", "Lambda Inference API", "https://lambda.ai");
    private static readonly ProviderInfo Nscale = new("nscale", "Nscale", "https://www.nscale.com");
    private static readonly ProviderInfo OvhCloud = new("ovhcloud", "OVHcloud AI Endpoints", "https://endpoints.ai.cloud.ovh.net");
    private static readonly ProviderInfo Wandb = new("wandb-inference", "W&B Inference", "https://wandb.ai");
    private static readonly ProviderInfo Gmi = new("gmi-cloud", "GMI Cloud", "https://www.gmicloud.ai");
    private static readonly ProviderInfo Databricks = new("databricks", "Databricks Foundation Model APIs", "https://www.databricks.com");
    private static readonly ProviderInfo Oci = new("oracle-oci", "OCI Generative AI", "https://www.oracle.com/artificial-intelligence/generative-ai/");
    private static readonly ProviderInfo Gradient = new("digitalocean-gradient", "DigitalOcean Gradient AI", "https://www.digitalocean.com/products/gradient");
    private static readonly ProviderInfo Featherless = new("featherless", "Featherless", "https://featherless.ai");
    private static readonly ProviderInfo Friendli = new("friendliai", "FriendliAI", "https://friendli.ai");
    private static readonly ProviderInfo Cloudflare = new("cloudflare-workers-ai", "Cloudflare Workers AI", "https://developers.cloudflare.com/workers-ai/");
    private static readonly ProviderInfo Replicate = new("replicate", "Replicate", "https://replicate.com");
    private static readonly ProviderInfo Vercel = new("vercel-ai-gateway", "Vercel AI Gateway", "https://vercel.com/ai-gateway");

    /// <summary>LiteLLM's litellm_provider values and models.dev's folder names, to catalog providers.</summary>
    public static ProviderTable Default { get; } = new(new Dictionary<string, ProviderInfo?>(StringComparer.Ordinal)
    {
        // LiteLLM
        ["together_ai"] = TogetherAi, ["fireworks_ai"] = FireworksAi, ["deepinfra"] = DeepInfra, ["groq"] = Groq,
        ["cerebras"] = Cerebras, ["sambanova"] = SambaNova, ["bedrock"] = Bedrock, ["bedrock_converse"] = Bedrock,
        ["nebius"] = Nebius, ["novita"] = Novita, ["hyperbolic"] = Hyperbolic, ["openrouter"] = OpenRouter,
        ["deepseek"] = DeepSeek, ["mistral"] = Mistral, ["moonshot"] = Moonshot, ["dashscope"] = Alibaba, ["zai"] = Zai,
        ["minimax"] = MiniMax, ["watsonx"] = Watsonx, ["azure_ai"] = AzureAi, ["lambda_ai"] = Lambda, ["nscale"] = Nscale,
        ["ovhcloud"] = OvhCloud, ["wandb"] = Wandb, ["gmi"] = Gmi, ["databricks"] = Databricks, ["oci"] = Oci,
        ["gradient_ai"] = Gradient, ["featherless_ai"] = Featherless, ["friendliai"] = Friendli, ["cloudflare"] = Cloudflare,
        ["replicate"] = Replicate, ["vercel_ai_gateway"] = Vercel, ["vertex_ai"] = Vertex,
        // Vertex AI's own and closed partner models: nothing open-weights to find there.
        ["vertex_ai-language-models"] = null, ["vertex_ai-anthropic_models"] = null, ["vertex_ai-chat-models"] = null,
        ["vertex_ai-text-models"] = null, ["vertex_ai-code-text-models"] = null, ["vertex_ai-code-chat-models"] = null,
        ["vertex_ai-vision-models"] = null, ["vertex_ai-ai21_models"] = null,
        // models.dev folders (the names that differ from LiteLLM's)
        ["togetherai"] = TogetherAi, ["fireworks-ai"] = FireworksAi, ["amazon-bedrock"] = Bedrock, ["google-vertex"] = Vertex,
        ["novita-ai"] = Novita, ["moonshotai"] = Moonshot, ["alibaba"] = Alibaba, ["friendli"] = Friendli,
        ["cloudflare-workers-ai"] = Cloudflare, ["vercel"] = Vercel, ["wandb-inference"] = Wandb,
    });

    /// <summary>The catalog provider for a list's key, or null when the key is not one to import.</summary>
    public ProviderInfo? Find(string key)
    {
        if (Keys.TryGetValue(key, out var info))
        {
            return info;
        }

        // LiteLLM files Vertex AI's partner models under one key per publisher (vertex_ai-llama_models,
        // vertex_ai-deepseek_models, ...): a key not listed on its own follows "vertex_ai".
        return key.StartsWith("vertex_ai-", StringComparison.Ordinal) && Keys.TryGetValue("vertex_ai", out var vertex) ? vertex : null;
    }

    /// <summary>
    /// The default table with a file's entries on top: <c>{ "key": { "id": ..., "name": ..., "url": ... } }</c>,
    /// or <c>"key": null</c> to leave a provider out.
    /// </summary>
    public ProviderTable With(string file, string text)
    {
        using var document = JsonFields.Parse(file, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ImportInputException(file, "a provider map is a JSON object of list keys to { \"id\", \"name\", \"url\" } or null.");
        }

        var keys = new Dictionary<string, ProviderInfo?>(Keys, StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                keys[entry.Name] = null;
                continue;
            }

            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ImportInputException(file, "\"" + entry.Name + "\" must be an object with id, name and url, or null.");
            }

            var fields = new JsonFields(file, entry.Value, entry.Name + ".");
            var id = fields.OptionalString("id") ?? throw fields.Missing("id");
            if (!Reports.Specs.Content.Loading.Slug.IsValid(id))
            {
                throw new ImportInputException(file, "\"" + entry.Name + ".id\" '" + id + "' is not a valid provider id (" + Reports.Specs.Content.Loading.Slug.Rule + ").");
            }

            var url = fields.OptionalString("url") ?? throw fields.Missing("url");
            if (!Reports.Specs.Content.Loading.TextRules.IsHttpUrl(url))
            {
                throw new ImportInputException(file, "\"" + entry.Name + ".url\" must be an absolute http(s) URL, found '" + url + "'.");
            }

            keys[entry.Name] = new ProviderInfo(id, fields.OptionalString("name") ?? throw fields.Missing("name"), url);
        }

        return new ProviderTable(keys);
    }
}
