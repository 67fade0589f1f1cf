using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Estimators;
using Reports.Specs.Recipes;

namespace Reports.Site.Api;

/// <summary>
/// The JSON API: /api/index.json, /api/models/{id}.json and /api/gpus/{id}.json, with the sourced facts
/// as they are in content/ and the derived memory figures with their provenance.
/// </summary>
public static class ApiWriter
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <param name="recommended">The recommendations a model page shows, best first; the API gives each its launch commands.</param>
    public static IEnumerable<(string Path, string Json)> Files(Catalog catalog, string baseUrl, Func<ModelId, IReadOnlyList<Recommendation>> recommended)
    {
        var assumptions = Assumptions.From(catalog.Data);
        var index = new JsonObject
        {
            ["models"] = new JsonArray(catalog.Models.Select(m => (JsonNode?)new JsonObject
            {
                ["id"] = m.Id.Value,
                ["name"] = m.Name,
                ["page"] = baseUrl + Rendering.SitePaths.ModelFolder(m.Id.Value),
                ["api"] = baseUrl + "api/models/" + m.Id.Value + ".json",
            }).ToArray()),
            ["gpus"] = new JsonArray(catalog.Gpus.Select(g => (JsonNode?)new JsonObject
            {
                ["id"] = g.Id.Value,
                ["name"] = g.Name,
                ["api"] = baseUrl + "api/gpus/" + g.Id.Value + ".json",
            }).ToArray()),
        };
        yield return ("api/index.json", Write(index));

        foreach (var model in catalog.Models)
        {
            var weights = new JsonObject();
            var provenance = new JsonObject();
            foreach (var precision in Enum.GetValues<Precision>())
            {
                var estimate = MemoryEstimator.Weights(model, precision, assumptions);
                weights[Units.Name(precision)] = estimate.Value;
                provenance["weights_bytes." + Units.Name(precision)] = EstimateJson.Provenance(estimate);
            }

            var total = MemoryEstimator.ParamsTotal(model);
            var active = MemoryEstimator.ParamsActive(model);
            var kv = MemoryEstimator.KvPerToken(model);
            provenance["params_total"] = EstimateJson.Provenance(total);
            provenance["params_active"] = EstimateJson.Provenance(active);
            provenance["kv_bytes_per_token"] = EstimateJson.Provenance(kv);
            var json = new JsonObject
            {
                ["id"] = model.Id.Value,
                ["facts"] = JsonSerializer.SerializeToNode(model, Options),
                ["derived"] = new JsonObject
                {
                    ["params_total"] = total.Value,
                    ["params_active"] = active.Value,
                    ["kv_bytes_per_token"] = kv.Value,
                    ["weights_bytes"] = weights,
                },
                ["provenance"] = provenance,
                ["engines"] = EnginesJson(catalog.EngineSupportFor(model)),
                ["recommendations"] = RecommendationsJson(recommended(model.Id), catalog.EngineSupportFor(model), assumptions),
            };
            yield return ("api/models/" + model.Id.Value + ".json", Write(json));
        }

        foreach (var gpu in catalog.Gpus)
        {
            var json = new JsonObject
            {
                ["id"] = gpu.Id.Value,
                ["facts"] = JsonSerializer.SerializeToNode(gpu, Options),
                ["derived"] = new JsonObject
                {
                    ["memory_bytes"] = Units.MemoryBytes(gpu),
                    ["usable_memory_bytes"] = Units.MemoryBytes(gpu) * assumptions.UsableShare(gpu),
                    ["bandwidth_bytes_per_s"] = Units.BytesPerSecond(gpu.Bandwidth),
                },
            };
            yield return ("api/gpus/" + gpu.Id.Value + ".json", Write(json));
        }
    }

    /// <summary>Per engine: listed, not listed or not checked, the key matched, and the model's formats the engine documents.</summary>
    private static JsonArray EnginesJson(IReadOnlyList<EngineSupport> support)
    {
        var array = new JsonArray();
        foreach (var s in support)
        {
            var formats = new JsonObject();
            foreach (var f in s.Formats)
            {
                formats[f.Format.ToString().ToLowerInvariant()] = f.Supported;
            }

            array.Add(new JsonObject
            {
                ["engine"] = s.Engine.Id.Value,
                ["status"] = s.StatusName,
                ["matched_on"] = s.MatchedOn,
                ["version"] = s.Engine.Version,
                ["formats"] = formats,
            });
        }

        return array;
    }

    /// <summary>Each recommended setup with, per engine, the launch command written from its plan and that plan's estimates (or why there is no command).</summary>
    private static JsonArray RecommendationsJson(IReadOnlyList<Recommendation> recommendations, IReadOnlyList<EngineSupport> support, Assumptions assumptions)
    {
        var array = new JsonArray();
        foreach (var r in recommendations)
        {
            var configs = new JsonArray();
            foreach (var c in EngineConfigs.For(r, support, assumptions))
            {
                var command = c.Launch.Command;
                var speed = c.Estimate?.Latency.Speed;
                configs.Add(new JsonObject
                {
                    ["engine"] = c.Engine.Id.Value,
                    ["plan"] = PlanJson(c.Launch.Plan),
                    ["command"] = command?.Text,
                    ["nodes"] = command is null ? null : new JsonArray(command.Nodes.Select(n => (JsonNode?)new JsonObject { ["label"] = n.Label, ["command"] = n.Text }).ToArray()),
                    ["options_file"] = command?.Options is { } file ? new JsonObject { ["name"] = file.Name, ["yaml"] = file.Yaml } : null,
                    ["checkpoint"] = command?.Checkpoint,
                    ["notes"] = command is null ? null : new JsonArray(command.Notes.Select(n => (JsonNode?)n).ToArray()),
                    ["flags_version"] = c.Engine.Cli?.Version,
                    ["unavailable"] = c.Launch.Unavailable,
                    ["estimates"] = speed is null ? null : new JsonObject
                    {
                        ["decode_tokens_per_s"] = speed.DecodeTokensPerSecond.Value,
                        ["itl_ms"] = speed.ItlMs.Value,
                        ["ttft_ms"] = speed.TtftMs?.Value,
                        ["throughput_tokens_per_s"] = c.Estimate!.Offline.ThroughputTokensPerSecond.Value,
                        ["cost_per_million_tokens_usd"] = c.Estimate.CostPerMillionTokens?.Value,
                    },
                });
            }

            array.Add(new JsonObject
            {
                ["setup"] = PlanJson(r.Setup),
                ["score"] = r.Score,
                ["configs"] = configs,
            });
        }

        return array;
    }

    private static JsonObject PlanJson(Setup plan) => new()
    {
        ["gpu"] = plan.Gpu.Id.Value,
        ["count"] = plan.Count,
        ["precision"] = Units.Name(plan.Precision),
        ["tp"] = plan.TensorParallel,
        ["pp"] = plan.PipelineStages,
        ["engine"] = plan.Engine.ToString().ToLowerInvariant(),
    };

    internal static string Write(JsonNode node) => node.ToJsonString(Options) + "\n";

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.Default,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new ToStringConverter<ContentDate>());
        options.Converters.Add(new ToStringConverter<ModelId>());
        options.Converters.Add(new ToStringConverter<GpuId>());
        options.Converters.Add(new ToStringConverter<ProviderId>());
        options.Converters.Add(new ToStringConverter<BenchmarkId>());
        options.Converters.Add(new ToStringConverter<MeasurementId>());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes ids and dates as the strings content uses ("llama-3-1-8b", "2024-07-23").</summary>
    private sealed class ToStringConverter<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException("The API is written, not read.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value!.ToString());
    }
}
