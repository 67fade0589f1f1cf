using System.Globalization;
using System.Net;
using System.Text;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Posts;

/// <summary>
/// The data tags posts call. Each returns HTML built from the catalog, every value encoded, every
/// number linked to its source or formula. Unknown ids throw <see cref="DataTagException"/>.
/// </summary>
public sealed class DataTags(SiteModel site, string root)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Spec(string modelId, string fact)
    {
        var model = Model(modelId);
        var (value, error, id) = ClaimFacts.Resolve(site, model, fact);
        if (value is null)
        {
            throw new DataTagException(id, error!);
        }

        return Linked(value, E(value.Display));
    }

    /// <summary>Renders the author's value as written, after checking it against the catalog.</summary>
    public string Claim(string modelId, string fact, string written, ClaimTolerances tolerances)
    {
        var model = Model(modelId);
        var claim = ClaimValue.TryParse(written, out var parseError) ?? throw new DataTagException(DiagnosticCodes.BadClaimValue, parseError!);
        var (value, error, id) = ClaimFacts.Resolve(site, model, fact);
        if (value is null)
        {
            throw new DataTagException(id, error!);
        }

        var problem = ClaimChecker.Check(modelId, fact, claim, value, tolerances);
        if (problem is not null)
        {
            throw new DataTagException(DiagnosticCodes.ClaimOutOfTolerance, problem);
        }

        return "<span class=\"claim\" title=\"Checked against the catalog: " + A(value.Display + " (" + value.Origin + ")") + "\">" + E(written) + "</span>";
    }

    public string CompareTable(string a, string b)
    {
        var (x, y) = (Model(a), Model(b));
        var rows = new (string Label, Func<ModelData, string> Value)[]
        {
            ("Kind", m => Rendering.KindLabels.Noun(m.Architecture.Kind)),
            ("Total parameters", m => Format.Params(m.Params.Total.Value)),
            ("Active parameters", m => Format.Params(MemoryEstimator.ParamsActive(m).Value)),
            ("Layers", m => m.Architecture.Layers.ToString(Inv)),
            ("Attention", m => SetupLabels.AttentionLabel(m.Architecture)),
            ("Heads / KV heads", m => m.Architecture.Heads + " / " + m.Architecture.KvHeads),
            ("Experts", m => m.Architecture.Moe is { } moe ? moe.Experts + " routed, " + moe.ExpertsPerToken + " per token" + (moe.SharedExperts > 0 ? ", " + moe.SharedExperts + " shared" : "") : "none"),
            ("Context", m => Format.Int(m.Context.Value) + " tokens"),
            ("KV cache per token (16-bit)", m => Format.Int(MemoryEstimator.KvPerToken(m).Value) + " B"),
        };
        var html = Table("Architecture of " + x.Name + " and " + y.Name, ["", ModelLink(x), ModelLink(y)]);
        foreach (var (label, value) in rows)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value(x))).Append("</td><td>").Append(E(value(y))).Append("</td></tr>");
        }

        return Close(html);
    }

    public string BenchmarkTable(IReadOnlyList<string> ids)
    {
        var models = ids.Select(Model).ToList();
        var benchmarks = site.Catalog.Benchmarks.Where(b => b.Scores.Any(s => models.Any(m => m.Id == s.Model))).ToList();
        var headers = new List<string> { "Benchmark" };
        headers.AddRange(models.Select(ModelLink));
        if (models.Count == 2)
        {
            headers.Add("Delta");
        }

        var html = Table("Published benchmark scores" + (models.Count == 2 ? "; delta is " + models[1].Name + " minus " + models[0].Name : ""), headers);
        foreach (var benchmark in benchmarks)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(benchmark.Name)).Append("</th>");
            var scores = models.Select(m => benchmark.Scores.FirstOrDefault(s => s.Model == m.Id)).ToList();
            foreach (var score in scores)
            {
                html.Append("<td class=\"num\">").Append(score is null ? "<span class=\"na\">n/a</span>" : "<a href=\"" + A(SiteModel.SourceUrl(benchmark.Sources, score.Src)) + "\" title=\"" + A(score.Setting ?? "") + "\">" + E(score.Value.ToString("0.#", Inv)) + "</a>").Append("</td>");
            }

            if (models.Count == 2)
            {
                html.Append("<td class=\"num\">").Append(scores[0] is { } s0 && scores[1] is { } s1 ? E((s1.Value - s0.Value).ToString("+0.#;-0.#;0", Inv)) : "").Append("</td>");
            }

            html.Append("</tr>");
        }

        return Close(html);
    }

    public string MemoryTable(string modelId)
    {
        var model = Model(modelId);
        var s = site.Assumptions;
        var gpus = new[] { "h100-sxm", "h200-sxm", "b200" }.Select(id => site.Catalog.TryGetGpu(id, out var g) ? g : null).OfType<GpuData>().ToList();
        var headers = new List<string> { "Precision", "Weights" };
        headers.AddRange(gpus.Select(g => "Min " + E(g.Name)));
        var html = Table($"Weights and minimum GPUs for {model.Name} at {s.FitContextTokens:#,0} tokens of context, one sequence", headers);
        foreach (var precision in Recommender.PrecisionsFor(model))
        {
            html.Append("<tr><th scope=\"row\">").Append(E(Units.Name(precision).ToUpperInvariant())).Append("</th><td class=\"num\">")
                .Append(Format.Est(MemoryEstimator.Weights(model, precision, s), root).Value).Append("</td>");
            foreach (var gpu in gpus)
            {
                var min = FitEstimator.MinGpus(model, gpu, precision, s.FitContextTokens, s.FitConcurrency, s);
                html.Append("<td class=\"num\">").Append(ParallelPlan.SmallestCount(min?.Count, gpu)).Append("</td>");
            }

            html.Append("</tr>");
        }

        return Close(html);
    }

    public string SpeedTable(IReadOnlyList<string> ids, string gpuId)
    {
        var models = ids.Select(Model).ToList();
        var gpu = Gpu(gpuId);
        var s = site.Assumptions;
        var mix = s.PrimaryMix;
        var mins = models.Select(m => FitEstimator.MinGpus(m, gpu, Precision.Fp8, s.FitContextTokens, 1, s)?.Count).ToList();
        var count = mins.All(x => x is not null) ? mins.Max()!.Value : 0;
        var html = Table($"Estimated speed on {(count > 0 ? count + " x " : "")}{gpu.Name} at FP8, {mix.InputTokens:#,0} input and {mix.OutputTokens:#,0} output tokens, one user", ["Model", "Decode (1 user)", "ITL", "TTFT", "Throughput (largest batch)"]);
        foreach (var model in models)
        {
            html.Append("<tr><th scope=\"row\">").Append(ModelLink(model)).Append("</th>");
            if (count == 0 || model.Architecture.Heads % count != 0)
            {
                html.Append("<td colspan=\"4\" class=\"na\">no shared FP8 setup on ").Append(E(gpu.Name)).Append("</td></tr>");
                continue;
            }

            var setup = new Setup(model, gpu, count, Precision.Fp8, mix.InputTokens + mix.OutputTokens, 1);
            var latency = SpeedEstimator.Estimate(setup, SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, s);
            var offline = SpeedEstimator.Estimate(setup, SpeedMode.Offline, mix.InputTokens, mix.OutputTokens, s);
            html.Append("<td class=\"num\">").Append(Format.Est(latency.DecodeTokensPerSecond, root).Value).Append("</td>")
                .Append("<td class=\"num\">").Append(Format.Est(latency.ItlMs, root).Value).Append("</td>")
                .Append("<td class=\"num\">").Append(Format.Est(latency.TtftMs, root).Value).Append("</td>")
                .Append("<td class=\"num\">").Append(Format.Est(offline.ThroughputTokensPerSecond, root).Value).Append("</td></tr>");
        }

        return Close(html);
    }

    public string CostTable(IReadOnlyList<string> ids)
    {
        var models = ids.Select(Model).ToList();
        var html = Table("Lowest current dated API price and self-hosted cost on the best recommended setup (USD per million tokens)", ["Model", "API input", "API output", "Provider, date", "Self-hosted setup", "Self-hosted output"]);
        foreach (var model in models)
        {
            var price = site.Standing(model.Id).Lowest;
            var rec = site.BestRecommendation(model.Id);
            html.Append("<tr><th scope=\"row\">").Append(ModelLink(model)).Append("</th>");
            if (price is null)
            {
                html.Append("<td colspan=\"3\" class=\"na\">no current dated API price in the catalog</td>");
            }
            else
            {
                var url = A(SiteModel.SourceUrl(price.Provider.Sources, price.Price.Src));
                html.Append("<td class=\"num\">").Append(E(Format.Usd(price.Price.Input))).Append("</td><td class=\"num\">").Append(E(Format.Usd(price.Price.Output)))
                    .Append("</td><td><a href=\"").Append(url).Append("\">").Append(E(price.Provider.Name + ", " + price.Price.Date)).Append("</a></td>");
            }

            html.Append("<td>").Append(rec is null ? "<span class=\"na\">none</span>" : E(SetupLabels.Describe(rec.Setup))).Append("</td><td class=\"num\">")
                .Append(rec is null ? "" : Format.Est(rec.CostPerMillionTokens, root).Value).Append("</td></tr>");
        }

        return Close(html);
    }

    /// <summary>
    /// A launch command and the estimates for the same plan: model, accelerator, GPU count, precision and engine.
    /// A plan the engine cannot launch (no checkpoint, no flag) is an error at the tag, with the reason.
    /// </summary>
    public string Recipe(string modelId, string gpuId, string count, string precisionName, string engineId)
    {
        var model = Model(modelId);
        var gpu = Gpu(gpuId);
        if (!int.TryParse(count, NumberStyles.None, Inv, out var n) || n is < 1 or > 4096)
        {
            throw new DataTagException(DiagnosticCodes.NoRecipe, "recipe: the GPU count must be a whole number from 1 to 4,096, found '" + count + "'.");
        }

        if (!Units.TryParsePrecision(precisionName, out var precision))
        {
            throw new DataTagException(DiagnosticCodes.NoRecipe, "recipe: unknown precision '" + precisionName + "'; use bf16, fp16, fp8, int8, int4, mxfp4 or nvfp4.");
        }

        var engine = site.Catalog.Engines.FirstOrDefault(e => e.Id.Value == engineId)
            ?? throw new DataTagException(DiagnosticCodes.NoRecipe, "recipe: unknown engine '" + engineId + "'." + Specs.Content.Loading.Suggest.DidYouMean(engineId, site.Catalog.Engines.Select(e => e.Id.Value)));
        if (Specs.Recipes.LaunchCommands.Serving(engine) is not { } serving)
        {
            throw new DataTagException(DiagnosticCodes.NoRecipe, "recipe: " + engine.Name + " has no speed profile, so no command can be paired with estimates.");
        }

        var a = site.Assumptions;
        var plan = Specs.Recipes.LaunchCommands.PlanFor(new Setup(model, gpu, n, precision, a.FitContextTokens, a.FitConcurrency), serving);
        var option = Specs.Recipes.LaunchCommands.For(plan, engine, a);
        if (option.Command is not { } command)
        {
            throw new DataTagException(DiagnosticCodes.NoRecipe, "recipe: no " + engine.Name + " command for " + model.Name + " on " + n + " x " + gpu.Name + " at " + Units.Name(precision).ToUpperInvariant() + ": " + option.Unavailable);
        }

        var mix = a.PrimaryMix;
        var report = SetupReport.For(plan, SpeedMode.Latency, mix.InputTokens, mix.OutputTokens, a);
        var html = new StringBuilder("<figure class=\"recipe\">");
        if (command.Options is { } file)
        {
            html.Append("<pre class=\"command\"><code>").Append(E(file.WriteCommand)).Append("</code></pre>");
        }

        foreach (var node in command.Nodes)
        {
            if (node.Label is { } label)
            {
                html.Append("<p class=\"note\">").Append(E(label)).Append(":</p>");
            }

            html.Append("<pre class=\"command\"><code>").Append(E(node.Text)).Append("</code></pre>");
        }

        html.Append("<figcaption>").Append(E(engine.Name + " on " + n + " x " + gpu.Name + ", " + Units.Name(precision).ToUpperInvariant() + ": "));
        if (report.Speed is { } speed)
        {
            html.Append(Format.Est(speed.DecodeTokensPerSecond, root).Value).Append(" for one user, TTFT ").Append(Format.Est(speed.TtftMs, root).Value).Append(" for a ").Append(E(mix.Label.ToLowerInvariant())).Append(". ");
        }

        html.Append(E(string.Join(" ", command.Notes))).Append(" Flags as documented for ").Append(E(engine.Name + " " + engine.Cli!.Version)).Append(".</figcaption></figure>");
        return html.ToString();
    }

    private GpuData Gpu(string id)
        => site.Catalog.TryGetGpu(id, out var gpu)
            ? gpu
            : throw new DataTagException(DiagnosticCodes.UnknownGpu, "unknown GPU '" + id + "'." + Specs.Content.Loading.Suggest.DidYouMean(id, site.Catalog.Gpus.Select(x => x.Id.Value)));

    private ModelData Model(string id)
        => site.Catalog.TryGetModel(id, out var model)
            ? model
            : throw new DataTagException(DiagnosticCodes.UnknownModel, "unknown model '" + id + "': it is not in the catalog." + Specs.Content.Loading.Suggest.DidYouMean(id, site.Catalog.Models.Select(m => m.Id.Value)));

    private string Linked(FactValue value, string text)
    {
        var href = value.Href.StartsWith("http", StringComparison.Ordinal) ? value.Href : root + value.Href;
        return "<a class=\"spec\" href=\"" + A(href) + "\" title=\"" + A(value.Origin) + "\">" + text + "</a>";
    }

    private string ModelLink(ModelData model) => "<a href=\"" + root + SitePaths.ModelFolder(model.Id.Value) + "\">" + E(model.Name) + "</a>";

    private static StringBuilder Table(string caption, IEnumerable<string> headers)
    {
        var html = new StringBuilder("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Scrollable table\"><table class=\"data\"><caption>").Append(E(caption)).Append("</caption><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\">").Append(header).Append("</th>");
        }

        return html.Append("</tr></thead><tbody>");
    }

    private static string Close(StringBuilder html) => html.Append("</tbody></table></div>").ToString();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string A(string text) => WebUtility.HtmlEncode(text);
}
