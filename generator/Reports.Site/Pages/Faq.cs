using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

public sealed record FaqItem(string Id, string Question, string Answer);

/// <summary>Questions readers ask about a model, answered only from the catalog and the estimators.</summary>
public static class Faq
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Questions about the site's numbers rather than one model: what the speed terms mean, how far the estimates are
    /// from measurements they were not fitted on (read from calibration.yaml), what memory goes to besides weights, and
    /// where an API stops being cheaper. Every figure is the site's own assumption or held-out table.
    /// </summary>
    public static IReadOnlyList<FaqItem> General(SiteModel site)
    {
        var a = site.Assumptions;
        var items = new List<FaqItem>
        {
            new("speed-terms", "What do TTFT, ITL and throughput mean?",
                "Time to first token (TTFT) is the wait from sending a request to its first output token: the prompt's prefill plus any queueing. "
                + "Inter-token latency (ITL) is the time between later tokens, one decode step; 1,000 / ITL in milliseconds is the tokens per second one user sees. "
                + "Throughput is the output tokens per second the whole deployment produces over all its users; at higher concurrency it rises while each user's speed falls."),
        };

        if (a.HeldOut is { Count: > 0 } heldOut && heldOut.FirstOrDefault(h => h.Category == Calibration.All) is { } all)
        {
            string Part(string category) => heldOut.FirstOrDefault(h => h.Category == category) is { } h
                ? $"{(category == Calibration.Ttft ? category : category.ToLowerInvariant())} {h.Median * 100:0}% ({h.Rows} comparisons)"
                : "";
            var categories = new[] { Calibration.SingleUserDecode, Calibration.Offline, Calibration.Serving, Calibration.BatchedDecode, Calibration.Ttft };
            var parts = categories.Select(Part).Where(p => p.Length > 0);
            var least = categories.Select(c => heldOut.FirstOrDefault(h => h.Category == c)).OfType<HeldOutSummaryData>().MaxBy(h => h.Median);
            var kinds = a.HeldOutByKind?.Where(h => h.Category == Calibration.All && h.Kind is not null).OrderByDescending(h => h.Kind).ToList() ?? [];
            items.Add(new FaqItem("accuracy", "How accurate are the speed estimates?",
                $"Over {all.Rows} comparisons with published measurements from {all.Sources} sources, each estimated with constants fitted without its own source, the median error is {all.Median * 100:0}% and 90% of estimates are within {all.P90 * 100:0}%. "
                + $"By kind of figure (median): {string.Join(", ", parts)}."
                + (least is null ? "" : $" {(least.Category == Calibration.Ttft ? "Time to first token" : least.Category)} is the least certain{(least.Category == Calibration.Ttft ? ": benchmark runs queue and warm up in ways a single formula does not capture" : "")}.")
                + (kinds.Count == 2 ? $" By kind of model (median): {string.Join(", ", kinds.Select(h => $"{(h.Kind == ModelKind.Moe ? "mixtures of experts" : "dense models")} {h.Median * 100:0}% ({h.Rows} comparisons)"))}." : "")
                + " Every estimate on a page carries the band of its kind of figure and, where enough comparisons allow, of its kind of model; the methodology page lists every comparison."));
        }

        items.Add(new FaqItem("memory-beyond-weights", "Why does a model need more memory than its weights?",
            $"Each sequence keeps a KV cache that grows with its context, the engine needs about {Format.Int(a.WorkspaceGbPerGpu)} GB per GPU for activations and buffers, "
            + $"and an engine takes {a.UsableMemoryFraction * 100:0}% of a GPU's memory (an Apple machine's GPU may wire about {a.UnifiedUsableMemoryFraction * 100:0}% of unified memory). "
            + "A mixture of experts keeps every expert in memory, so its total parameters, not its active ones, set the weights."));

        items.Add(new FaqItem("api-or-self-host", "When is self-hosting cheaper than an API?",
            "When the tokens you serve each month cost more at the API's price than the GPUs cost to rent. Each model page's break-even section divides the monthly GPU cost of a plan by the cheapest current API price "
            + "(input and output blended at the site's traffic mix) and says whether one replica can serve that volume at all. Below that volume the API is cheaper; above it, the GPUs, if they are kept busy."));
        return items;
    }

    public static IReadOnlyList<FaqItem> For(SiteModel site, ModelData model)
    {
        var a = site.Assumptions;
        var items = new List<FaqItem>();
        var fp8 = MemoryEstimator.Weights(model, Precision.Fp8, a);
        var bf16 = MemoryEstimator.Weights(model, Precision.Bf16, a);
        var int4 = MemoryEstimator.Weights(model, Precision.Int4, a);
        items.Add(new FaqItem("memory", $"How much GPU memory does {model.Name} need?",
            $"Its weights take {Format.Gb(bf16.Value)} at BF16, {Format.Gb(fp8.Value)} at FP8 and about {Format.Gb(int4.Value)} at INT4 (group size {a.Int4GroupSize}). "
            + $"On top of that the KV cache needs {Format.Int(MemoryEstimator.KvPerToken(model).Value)} bytes per token of context at 16 bits, "
            + $"{Format.Gb(MemoryEstimator.KvAtContext(model, a.FitContextTokens).Value)} for one {Format.Int(a.FitContextTokens)}-token sequence, plus about {Format.Int(a.WorkspaceGbPerGpu)} GB per GPU for activations and buffers."
            + (model.Architecture.Kind == ModelKind.Moe ? " As a mixture of experts it must keep every expert in memory, so memory follows its total, not its active, parameters." : "")));

        if (site.ReferenceGpu is { } gpu)
        {
            var mins = Recommender.Candidates
                .Select(p => (p, FitEstimator.MinGpus(model, gpu, p, a.FitContextTokens, a.FitConcurrency, a)))
                .Select(x => ParallelPlan.SmallestCount(x.Item2?.Count, gpu) + " at " + Units.Name(x.p).ToUpperInvariant())
                .ToList();
            items.Add(new FaqItem("how-many-gpus", $"How many {gpu.Name} GPUs does {model.Name} need?",
                $"With {Format.Int(a.FitContextTokens)} tokens of context for {a.FitConcurrency} user and {a.UsableMemoryFraction * 100:0}% of memory usable, the minimum is {string.Join(", ", mins)}. "
                + "Tensor parallelism must divide the attention heads; past one node of " + ParallelPlan.GpusPerNode + " GPUs the layers split into pipeline stages."));
        }

        var consumer = site.Catalog.Gpus.FirstOrDefault(g => g.Id.Value == "rtx-4090");
        if (consumer is not null)
        {
            var fits = Recommender.Candidates
                .Select(p => FitEstimator.Fit(new Setup(model, consumer, 1, p, a.FitContextTokens, 1), a))
                .FirstOrDefault(f => f.Fits);
            items.Add(new FaqItem("single-consumer-gpu", $"Can {model.Name} run on a single {consumer.Name}?",
                fits is null
                    ? $"No: even at INT4 its weights ({Format.Gb(int4.Value)}) and a {Format.Int(a.FitContextTokens)}-token KV cache do not fit in the {Format.Gb(Units.MemoryBytes(consumer) * a.UsableShare(consumer))} usable of one {consumer.Name}."
                    : $"Yes, at {Units.Name(fits.Setup.Precision).ToUpperInvariant()}: it needs {Format.Gb(fits.Needed.Value)} of {Format.Gb(fits.Available.Value)} usable ({fits.Grade})."));
        }

        items.Add(new FaqItem("kv-cache", $"How large is the KV cache of {model.Name}?",
            $"{Format.Int(MemoryEstimator.KvPerToken(model).Value)} bytes per token at 16 bits and half that with an FP8 KV cache"
            + (model.Architecture.Attention.LocalLayers > 0
                ? $"; {model.Architecture.Attention.LocalLayers} of its {model.Architecture.Layers} layers keep only {Format.Int(model.Architecture.Attention.Window ?? 0)} tokens, so a full {Format.Int(model.Context.Value)}-token context needs {Format.Gb(MemoryEstimator.KvAtContext(model, model.Context.Value).Value)}."
                : $"; a full {Format.Int(model.Context.Value)}-token context needs {Format.Gb(MemoryEstimator.KvAtContext(model, model.Context.Value).Value)}.")));

        var standing = site.Standing(model.Id);
        if (standing.Cheapest is { } p)
        {
            items.Add(new FaqItem("cheapest-api", $"What is the cheapest API for {model.Name}?",
                $"Among the {standing.CurrentCount} current dated prices in this catalog, {p.Provider.Name} at {Format.Usd(p.Price.Input)} per million input and {Format.Usd(p.Price.Output)} per million output tokens (as of {p.Price.Date}). Prices change: check the provider."));
        }
        else if (standing.Lowest is { } only)
        {
            items.Add(new FaqItem("api", $"Which API serves {model.Name}?",
                $"One current dated price is in this catalog: {only.Provider.Name} at {Format.Usd(only.Price.Input)} per million input and {Format.Usd(only.Price.Output)} per million output tokens (as of {only.Price.Date}). With a single price there is nothing to call cheapest; check other providers."));
        }

        if (SpeedTrust(a, model) is { } trust)
        {
            items.Add(trust);
        }

        if (model.Architecture.Moe is { } moe)
        {
            items.Add(new FaqItem("moe", $"Is {model.Name} a mixture-of-experts model?",
                $"Yes: each MoE layer routes every token to {moe.ExpertsPerToken} of {moe.Experts} experts"
                + (moe.SharedExperts > 0 ? $" plus {moe.SharedExperts} shared expert{(moe.SharedExperts == 1 ? "" : "s")}" : "")
                + $", so about {Format.Params(MemoryEstimator.ParamsActive(model).Value)} of its {Format.Params(model.Params.Total.Value)} parameters work per token."));
        }

        return items;
    }

    /// <summary>
    /// How far this model's speed figures can be trusted: the held-out bands its estimates carry (its own kind's where the
    /// corpus has enough of them), and which way its TTFTs have leaned when they leaned a fifth or more. Null without a calibration.
    /// </summary>
    private static FaqItem? SpeedTrust(Assumptions a, ModelData model)
    {
        var kind = model.Architecture.Kind;
        var decode = a.Band(Calibration.SingleUserDecode, kind);
        var serving = a.Band(Calibration.Serving, kind);
        var ttft = a.Band(Calibration.Ttft, kind);
        if (decode is null || serving is null || ttft is null)
        {
            return null;
        }

        string Of(HeldOutSummaryData band) => band.Kind is { } k ? KindLabels.Models(k) : "all models";
        return new FaqItem("speed-accuracy", $"How far can I trust the speed estimates for {model.Name}?",
            $"Measured against published runs from sources the model was not fitted on, single-user decode estimates for {Of(decode)} were within {decode.Median * 100:0}% for half of {decode.Rows} comparisons, "
            + $"serving throughput estimates for {Of(serving)} within {serving.Median * 100:0}% ({serving.Rows} comparisons) and time-to-first-token estimates for {Of(ttft)} within {ttft.Median * 100:0}% ({ttft.Rows} comparisons)."
            + (Format.Leaning(ttft) is null ? ""
                : ttft.Bias < 0
                    ? $" Those TTFT estimates ran low: on average {Format.AverageLean(ttft)}, so expect a longer wait than this page shows."
                    : $" Those TTFT estimates ran high: on average {Format.AverageLean(ttft)}, so expect a shorter wait than this page shows.")
            + " Each figure on this page carries its band.");
    }

    /// <summary>FAQPage structured data; the JSON encoder escapes &lt; so the script cannot be closed early.</summary>
    /// <summary>Shared because options cache their type metadata: new options per page rebuilt it for every page.</summary>
    internal static readonly JsonSerializerOptions JsonLdOptions = new() { Encoder = JavaScriptEncoder.Default };

    public static Html JsonLd(IReadOnlyList<FaqItem> items)
    {
        var data = new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "FAQPage",
            ["mainEntity"] = items.Select(i => new Dictionary<string, object>
            {
                ["@type"] = "Question",
                ["name"] = i.Question,
                ["acceptedAnswer"] = new Dictionary<string, object> { ["@type"] = "Answer", ["text"] = i.Answer },
            }).ToList(),
        };
        var json = JsonSerializer.Serialize(data, JsonLdOptions);
        return new Html("<script type=\"application/ld+json\">" + json + "</script>");
    }
}
