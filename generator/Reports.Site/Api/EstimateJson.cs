using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reports.Specs.Estimators;

namespace Reports.Site.Api;

/// <summary>The JSON shape of an estimate: snake_case fields, and provenance per field.</summary>
public static class EstimateJson
{
    public static string Write(SetupReport r)
    {
        var fields = new (string Name, Estimate? Estimate)[]
        {
            ("params_total", r.ParamsTotal),
            ("params_active", r.ParamsActive),
            ("weights_bytes", r.Weights),
            ("kv_bytes_per_token", r.KvPerToken),
            ("memory_needed_bytes", r.Fit.Needed),
            ("memory_available_bytes", r.Fit.Available),
            ("decode_tokens_per_s", r.Speed?.DecodeTokensPerSecond),
            ("itl_ms", r.Speed?.ItlMs),
            ("ttft_ms", r.Speed?.TtftMs),
            ("throughput_tokens_per_s", r.Speed?.ThroughputTokensPerSecond),
            ("cost_per_month_usd", r.CostPerMonth),
            ("cost_per_m_tokens_usd", r.CostPerMillionTokens),
        };
        var root = new JsonObject
        {
            ["model"] = r.Setup.Model.Id.Value,
            ["gpu"] = r.Setup.Gpu.Id.Value,
            ["count"] = r.Setup.Count,
            ["precision"] = Units.Name(r.Setup.Precision),
            ["mode"] = r.Mode.ToString().ToLowerInvariant(),
            ["context_tokens"] = r.Setup.ContextTokens,
            ["concurrency"] = r.Setup.Concurrency,
            ["input_tokens"] = r.InputTokens,
            ["output_tokens"] = r.OutputTokens,
            ["batch"] = r.Speed?.Batch,
            ["engine"] = Units.Name(r.Setup.Engine),
            ["kv_dtype"] = r.Setup.Fp8Kv ? "fp8" : "bf16",
            ["plan"] = new JsonObject { ["tp"] = r.Setup.TensorParallel, ["pp"] = r.Setup.PipelineStages, ["ep"] = r.Setup.ExpertParallel, ["attention_dp"] = r.Setup.AttentionDataParallel, ["replicas"] = 1, ["description"] = ParallelPlan.Describe(r.Setup) },
            ["speculative"] = r.Setup.Speculative is { } spec
                ? new JsonObject { ["method"] = Units.Name(spec.Method), ["draft_tokens"] = spec.DraftTokens, ["tokens_per_step"] = Round(spec.AcceptanceLength) }
                : null,
        };
        foreach (var (name, estimate) in fields.Take(6))
        {
            root[name] = Number(estimate);
        }

        root["fits"] = r.Fit.Fits;
        root["grade"] = r.Fit.Grade;
        root["min_gpus"] = r.MinGpus;
        root["min_plan"] = r.SmallestPlan is { } least
            ? new JsonObject { ["gpus"] = least.Count, ["nodes"] = ParallelPlan.Nodes(least), ["tp"] = least.TensorParallel, ["pp"] = least.PipelineStages, ["description"] = ParallelPlan.Describe(least) }
            : null;
        foreach (var (name, estimate) in fields.Skip(6))
        {
            root[name] = Number(estimate);
        }

        var provenance = new JsonObject();
        foreach (var (name, estimate) in fields)
        {
            provenance[name] = estimate is null ? null : Provenance(estimate);
        }

        root["error_band"] = BandJson(r.Band);
        root["ttft_error_band"] = BandJson(r.Speed?.TtftMs?.Band);
        root["notes"] = new JsonArray((r.Speed?.Notes ?? []).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
        root["provenance"] = provenance;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>A held-out band: its category, the kind of model it is for (null for every kind), its errors and average lean.</summary>
    private static JsonObject? BandJson(Specs.Content.HeldOutSummaryData? band) => band is null
        ? null
        : new JsonObject
        {
            ["category"] = band.Category,
            ["kind"] = band.Kind is { } kind ? Units.Name(kind) : null,
            ["median_abs_error"] = band.Median,
            ["p90_abs_error"] = band.P90,
            ["bias"] = band.Bias,
            ["rows"] = band.Rows,
            ["sources"] = band.Sources,
            ["basis"] = "held-out folds of content/calibration.yaml",
        };

    public static JsonObject Provenance(Estimate estimate) => new()
    {
        ["name"] = estimate.Name,
        ["value"] = Round(estimate.Value),
        ["unit"] = estimate.Unit,
        ["formula_id"] = estimate.FormulaId,
        ["formula"] = estimate.Formula,
        ["tier"] = estimate.Tier.ToString().ToLowerInvariant(),
        ["inputs"] = new JsonArray(estimate.Inputs.Select(i => (JsonNode?)new JsonObject
        {
            ["name"] = i.Name,
            ["value"] = Round(i.Value),
            ["unit"] = i.Unit,
            ["source"] = i.Source,
            ["from"] = i.From is null ? null : Provenance(i.From),
        }).ToArray()),
        ["assumptions"] = new JsonArray(estimate.Assumptions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
    };

    private static JsonNode? Number(Estimate? estimate) => estimate is null ? null : JsonValue.Create(Round(estimate.Value));

    /// <summary>Six significant digits: more would print float noise as if it were precision.</summary>
    private static double Round(double value)
        => value == 0 || double.IsNaN(value) || double.IsInfinity(value) ? value : double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
