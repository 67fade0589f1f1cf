using System.Globalization;
using System.Text.Json.Nodes;
using Reports.Site.Deriving;
using Reports.Site.Rendering;
using Reports.Specs.Content;
using Reports.Specs.Estimators;

namespace Reports.Site.Pages;

/// <summary>
/// The what-if panel's numbers for one model: every accelerator that holds it in one node, at the smallest
/// count of each deployable precision (so a model that needs two GPUs at BF16 and one at FP8 offers both), a few
/// prompt lengths and user counts, and two engines that run on that accelerator, each point from the serving schedule every other speed on the site comes from.
/// The panel in the browser only looks a point up; the one sum it does is scaling cost by the reader's
/// hourly price, which the grid gives per dollar an hour. One file a model: a file per accelerator made the
/// grids eleven thousand of the benchmark site's thirteen thousand files, and writing them cost more than computing them.
/// </summary>
public static class WhatIfGrid
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Longer prompts than the site's request mix, whose own prompt length comes first so the panel opens on the page's figures.</summary>
    public static readonly int[] LongerPrompts = [8192, 32768];

    public static readonly int[] Users = [1, 8, 32, 128];

    /// <summary>The model's grid: its dimensions, error bands, and the accelerators it fits on with their points.</summary>
    public static string PathFor(ModelId model) => "api/whatif/" + model.Value + ".json";

    /// <summary>The engines a reader can pick on an accelerator: the ones the speed model has constants for and that run there.</summary>
    public static IReadOnlyList<ServingEngine> EnginesFor(GpuData gpu) => gpu.Segment switch
    {
        GpuSegment.Unified when Units.IsApple(gpu) => [ServingEngine.Mlx, ServingEngine.Llamacpp],
        GpuSegment.Unified => [ServingEngine.Llamacpp, ServingEngine.Vllm],
        GpuSegment.Consumer or GpuSegment.Workstation => [ServingEngine.Vllm, ServingEngine.Llamacpp],
        _ when gpu.Vendor == "NVIDIA" => [ServingEngine.Vllm, ServingEngine.Trtllm],
        _ when gpu.Vendor == "AMD" => [ServingEngine.Vllm, ServingEngine.Sglang],
        _ => [EngineChoice.For(gpu)],
    };

    /// <summary>The model's grid, every accelerator that holds it in one node with its points.</summary>
    public static (string Path, string Json) File(SiteModel site, ModelData model)
    {
        var s = site.Assumptions;
        var output = s.PrimaryMix.OutputTokens;
        var prompts = LongerPrompts.Prepend(s.PrimaryMix.InputTokens).Where(p => p + output <= model.Context.Value).DefaultIfEmpty((int)Math.Max(1, model.Context.Value - output)).ToList();
        var precisions = Recommender.DeployablePrecisionsFor(model);
        var engines = Enum.GetValues<ServingEngine>().Where(e => e != ServingEngine.Other).ToList();
        var gpus = new List<string>();
        foreach (var gpu in site.Catalog.Gpus)
        {
            var counts = new SortedSet<int>();
            foreach (var precision in precisions)
            {
                if (FitEstimator.MinGpus(model, gpu, precision, s.FitContextTokens, s.FitConcurrency, s) is { Count: <= ParallelPlan.GpusPerNode } min)
                {
                    counts.Add(min.Count);
                }
            }

            if (counts.Count == 0)
            {
                continue;
            }

            var choices = EnginesFor(gpu);
            var header = new JsonObject
            {
                ["id"] = gpu.Id.Value,
                ["name"] = gpu.Name,
                ["counts"] = new JsonArray(counts.Select(c => (JsonNode?)c).ToArray()),
                ["engines"] = new JsonArray(choices.Select(e => (JsonNode?)engines.IndexOf(e)).ToArray()),
                ["usd_per_hour"] = CostEstimator.Rental(gpu, s) is { } rental ? rental.Point.UsdPerHour : null,
            };
            var rows = new System.Text.StringBuilder();
            foreach (var count in counts)
            {
                for (var q = 0; q < precisions.Count; q++)
                {
                    for (var p = 0; p < prompts.Count; p++)
                    {
                        for (var u = 0; u < Users.Length; u++)
                        {
                            // Each engine's own fit: TensorRT-LLM sizes its KV cache from the memory the weights leave, and
                            // llama.cpp splits layers rather than heads.
                            foreach (var engine in choices)
                            {
                                var setup = new Setup(model, gpu, count, precisions[q], prompts[p] + output, Users[u], EngineOverride: engine);
                                Row(rows, [count, q, p, u, engines.IndexOf(engine)], FitEstimator.Bytes(setup, s), setup, prompts[p], output, s);
                            }
                        }
                    }
                }
            }

            gpus.Add(Compact(header, rows));
        }

        var index = new JsonObject
        {
            ["model"] = model.Id.Value,
            ["output_tokens"] = output,
            ["prompts"] = new JsonArray(prompts.Select(p => (JsonNode?)p).ToArray()),
            ["users"] = new JsonArray(Users.Select(u => (JsonNode?)u).ToArray()),
            ["precisions"] = new JsonArray(precisions.Select(p => (JsonNode?)Units.Name(p).ToUpperInvariant()).ToArray()),
            ["engines"] = new JsonArray(engines.Select(e => (JsonNode?)SetupLabels.EngineName(e)).ToArray()),
            ["bands"] = new JsonObject
            {
                ["ttft"] = Format.BandText(s.Band("TTFT", model.Architecture.Kind)),
                ["decode"] = Format.BandText(s.Band("Single-user decode", model.Architecture.Kind)),
                // The panel prints the serving band beside latencies as well as throughputs: its width holds for both, its leaning for one.
                ["serving"] = Format.BandText(s.Band("Serving throughput", model.Architecture.Kind), withLeaning: false),
            },
            ["columns"] = new JsonArray("count", "precision", "prompt", "users", "engine", "fits", "needed_gb", "available_gb", "ttft_ms", "itl_ms", "user_tokens_per_second", "tokens_per_second", "usd_per_million_per_usd_hour"),
        };
        return (PathFor(model.Id), index.ToJsonString()[..^1] + ",\"gpus\":[\n" + string.Join(",\n", gpus) + "\n]}\n");
    }

    /// <summary>An accelerator's header and its points one a line: indented JSON would put every number of every row on its own line.</summary>
    private static string Compact(JsonObject header, System.Text.StringBuilder rows)
        => header.ToJsonString()[..^1] + ",\"rows\":[\n" + rows.ToString() + "\n]}";

    /// <summary>
    /// Appends one point as a JSON array, after a comma and a line break when it is not the first: the memory check, and
    /// where it fits the speeds and the cost per million output tokens per dollar an hour. Written straight into the
    /// builder: a model's grid has thousands of points, and a list, a join and three strings per number were most of its cost.
    /// </summary>
    private static void Row(System.Text.StringBuilder rows, ReadOnlySpan<int> key, (double Needed, double Available, bool Valid) fit, Setup setup, int promptTokens, int output, Assumptions s)
    {
        if (rows.Length > 0)
        {
            rows.Append(",\n");
        }

        rows.Append('[');
        foreach (var k in key)
        {
            rows.Append(k).Append(',');
        }

        var fits = FitEstimator.Fits(fit, s);
        rows.Append(fits ? 1 : 0);
        Rounded(rows, fit.Needed / 1e9);
        Rounded(rows, fit.Available / 1e9);
        if (fits)
        {
            var point = ServingSchedule.AtConcurrency(setup, setup.Concurrency, promptTokens, output, s);
            Rounded(rows, point.TtftSeconds!.Value * 1000);
            Rounded(rows, point.ItlSeconds * 1000);
            Rounded(rows, 1000 / (point.ItlSeconds * 1000));
            Rounded(rows, point.ThroughputTokensPerSecond);
            Rounded(rows, CostEstimator.PerMillionTokens(1, setup.Count, point.ThroughputTokensPerSecond, s.Utilization), 4);
        }

        rows.Append(']');
    }

    /// <summary>",1234.5": a number in its shortest round-trip form.</summary>
    private static void Number(System.Text.StringBuilder rows, double value) => rows.Append(Inv, $",{value:R}");

    /// <summary>
    /// ",1170": what the panel prints, which is what the page prints, not the estimator's full precision: whole numbers from 100 up
    /// (a TTFT of 1,175 ms, not three significant figures' 1,170), three significant figures below. The rounded figure is written
    /// as formatted, which is its shortest round-trip form too, unless the format went to an exponent (four figures of 12,345 are
    /// "1.235E+04"), which is written as the number it stands for.
    /// </summary>
    private static void Rounded(System.Text.StringBuilder rows, double value, int digits = 3)
    {
        if (!double.IsFinite(value))
        {
            rows.Append(",0");
            return;
        }

        if (digits == 3 && Math.Abs(value) >= 100)
        {
            Number(rows, Math.Round(value, MidpointRounding.AwayFromZero));
            return;
        }

        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, digits == 4 ? "G4" : "G3", Inv);
        if (text[..length].Contains('E'))
        {
            Number(rows, double.Parse(text[..length], Inv));
            return;
        }

        rows.Append(',').Append(text[..length]);
    }
}
