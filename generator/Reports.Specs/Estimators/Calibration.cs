using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>A measurement expressed as setups the model can estimate: the plans it may have run, its request shape and its fold.</summary>
public sealed record CorpusRow(MeasurementData Measurement, IReadOnlyList<PlanCandidate> Plans, int InputTokens, int OutputTokens, string Fold);

/// <summary>One replica's setup, how many replicas the measured system ran, and how many sequences fit one replica's KV cache.</summary>
public sealed record PlanCandidate(Setup Setup, int Replicas, int MemoryBatch);

/// <summary>Error statistics over a set of rows: what the methodology page publishes per category.</summary>
public sealed record ErrorSummary(string Category, int Rows, int Sources, double Median, double P90, double WithinQuarter, double Worst, double Bias)
{
    /// <summary>The kind of model the rows are of; null for every kind.</summary>
    public ModelKind? Kind { get; init; }
}

/// <summary>
/// The corpus side of calibration: which measurements the model can express and how, the estimate of
/// each published metric, and the error statistics. The fit itself is <see cref="Calibrator"/>.
/// </summary>
public static class Calibration
{
    public const string SingleUserDecode = "Single-user decode";
    public const string BatchedDecode = "Batched decode";
    public const string Ttft = "TTFT";
    public const string Prefill = "Prefill speed";
    public const string Offline = "Offline throughput";
    public const string Serving = "Serving throughput";

    /// <summary>The summary over every category.</summary>
    public const string All = "All";

    public static string CategoryOf(MeasurementData m, string metric) => CategoryOf(metric, m.Scenario, m.Concurrency ?? 1);

    /// <summary>The category of an estimate: the one its measured counterparts are scored in, so its band is theirs.</summary>
    public static string CategoryOf(string metric, SpeedMode mode, int concurrency)
        => CategoryOf(metric, mode == SpeedMode.Offline ? MeasurementScenario.Offline : MeasurementScenario.Latency, concurrency);

    /// <summary>The one rule for which held-out category a metric belongs to; "throughput" and any other metric fall to offline or serving.</summary>
    private static string CategoryOf(string metric, MeasurementScenario scenario, int concurrency) => metric switch
    {
        "ttft" => Ttft,
        "prefill" => Prefill,
        "itl" or "decode" when concurrency <= 1 && scenario == MeasurementScenario.Latency => SingleUserDecode,
        "itl" or "decode" => BatchedDecode,
        _ => scenario == MeasurementScenario.Offline ? Offline : Serving,
    };

    /// <summary>
    /// The fold a measurement belongs to: its publication. A GitHub repository is one source (MLPerf's
    /// results of one round, an engine's documentation), elsewhere the host and first path segment. Rows of
    /// one source are held out together, so a source never trains the constants that score it.
    /// </summary>
    public static string FoldOf(string url)
    {
        var text = url.Trim().Trim('"');
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var parts = (scheme >= 0 ? text[(scheme + 3)..] : text).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var host = parts.Length > 0 ? parts[0].ToLowerInvariant() : text;
        return host == "github.com" && parts.Length >= 3
            ? host + "/" + parts[1].ToLowerInvariant() + "/" + parts[2].ToLowerInvariant()
            : parts.Length >= 2 ? host + "/" + parts[1].ToLowerInvariant() : host;
    }

    /// <summary>Every measurement as a corpus row, or the reason the model cannot express it.</summary>
    public static (IReadOnlyList<CorpusRow> Rows, IReadOnlyList<(MeasurementData Measurement, string Reason)> Unexpressed) Express(CatalogData catalog, Assumptions assumptions)
    {
        var rows = new List<CorpusRow>();
        var unexpressed = new List<(MeasurementData, string)>();
        foreach (var m in catalog.Measurements)
        {
            var model = catalog.Models.First(x => x.Id == m.Model);
            var gpu = catalog.Gpus.First(x => x.Id == m.Gpu);
            var r = m.Results;
            var throughputMetric = r.ThroughputTokensPerS is not null || r.ThroughputPerGpuTokensPerS is not null || r.TotalTokensPerS is not null;
            var needsInput = throughputMetric || r.TtftMs is not null || r.PrefillTokensPerS is not null;
            if (needsInput && m.InputTokens is null)
            {
                unexpressed.Add((m, "no input length: the source gives no prompt length, or only a dataset without its mean"));
                continue;
            }

            if ((throughputMetric || m.Scenario != MeasurementScenario.Latency) && m.OutputTokens is null)
            {
                unexpressed.Add((m, "no output length"));
                continue;
            }

            var engine = m.Engine ?? EngineChoice.For(gpu);
            if (Units.DensePeak(gpu, Units.MathPrecision(engine, m.Precision)) is null && r.ItlMs is null && r.DecodeTokensPerS is null)
            {
                unexpressed.Add((m, gpu.Name + " has no sourced dense compute, which prefill and throughput need"));
                continue;
            }

            // llama.cpp's row split (--split-mode row, its only multi-GPU mode before ggml-org/llama.cpp#4766 in January 2024) gathers
            // every matrix product's slices on one GPU; the model's tensor parallelism is the serving engines' all-reduce, which it is not.
            if (engine == ServingEngine.Llamacpp && m.Plan?.Tp > 1)
            {
                unexpressed.Add((m, "llama.cpp's row split across GPUs, which the model does not estimate (it models llama.cpp's layer split)"));
                continue;
            }

            var plans = Plans(m, model, gpu, engine, assumptions);
            if (plans.Count == 0)
            {
                unexpressed.Add((m, "no plan of " + m.Count + " x " + gpu.Name + " fits " + model.Name + " at " + Units.Name(m.Precision)));
                continue;
            }

            rows.Add(new CorpusRow(m, plans, m.InputTokens ?? 0, m.OutputTokens ?? 1, FoldOf(m.Source)));
        }

        return (rows, unexpressed);
    }

    /// <summary>
    /// The plans a measurement may have run: the one it states; tensor parallel over all its GPUs for a latency
    /// run (pipeline over them for llama.cpp, which splits layers); for throughput runs every power-of-two
    /// tensor-parallel group that fits, with data-parallel replicas, of which the estimate takes the fastest,
    /// as a tuned submission would.
    /// </summary>
    /// <param name="engine">The engine the source names, else the accelerator's usual one.</param>
    private static List<PlanCandidate> Plans(MeasurementData m, ModelData model, GpuData gpu, ServingEngine engine, Assumptions assumptions)
    {
        var fp8Kv = m.KvDtype == Precision.Fp8;
        var context = (long)(m.InputTokens ?? 0) + (m.OutputTokens ?? 0);
        Speculation? speculation = m.Speculative is { } s
            ? new Speculation(s.Method, s.Tokens ?? 1, s.AcceptanceLength ?? Speculation.AcceptanceFromRate(s.Tokens ?? 1, assumptions.SpeculativeAcceptanceRate))
            : null;
        var groups = new List<(int Tp, int Pp)>();
        if (m.Plan?.Tp is { } statedTp)
        {
            groups.Add((statedTp, m.Plan.Pp ?? 1));
        }
        else if (m.Plan?.Ep is not null || m.Scenario == MeasurementScenario.Latency || engine is ServingEngine.Llamacpp or ServingEngine.Mlx)
        {
            // llama.cpp lays a count out as its layer split (ParallelPlan.DefaultStages); a latency run on the others is one tensor-parallel group.
            groups.Add(engine == ServingEngine.Llamacpp ? (1, ParallelPlan.DefaultStages(model.Architecture, gpu, m.Count, engine)) : (m.Count, 1));
        }
        else
        {
            for (var g = 1; g <= m.Count; g *= 2)
            {
                if (m.Count % g == 0)
                {
                    groups.Add((g, 1));
                }
            }
        }

        var caps = LaunchedCaps(m, engine, assumptions);
        var plans = new List<PlanCandidate>();
        foreach (var (tp, pp) in groups)
        {
            var gpus = tp * pp;
            // Expert parallelism and data-parallel attention as the source states them, within each tensor-parallel group.
            var ep = m.Plan?.Ep is { } statedEp && statedEp > 1 && tp % statedEp == 0 ? statedEp : 1;
            var setup = new Setup(model, gpu, gpus, m.Precision, Math.Max(1, context), 1, fp8Kv, engine, pp, speculation, ep, m.Plan?.AttentionDp == true && model.Architecture.Moe is not null, caps);
            var fit = FitEstimator.Fit(setup, assumptions);
            if (!fit.Fits || m.Count % gpus != 0)
            {
                continue;
            }

            // Offline admits by the average context a sequence holds; a fixed concurrency keeps each until it ends.
            // Engines page the KV cache in as sequences grow, so on average a sequence holds its prompt and half its output.
            var tokens = (long)Math.Ceiling((m.InputTokens ?? 0) + ((m.OutputTokens ?? 0) / 2.0));
            var replicas = m.Count / gpus;

            // A throughput run that states its concurrency holds at most that many sequences, whatever memory would allow.
            var batch = SpeedEstimator.LargestBatch(setup, Math.Max(1, tokens), assumptions);
            if (m.Scenario != MeasurementScenario.Latency && m.Concurrency is { } concurrency)
            {
                batch = Math.Min(batch, (int)Math.Ceiling(concurrency / (double)replicas));
            }

            plans.Add(new PlanCandidate(setup, replicas, batch));
        }

        return plans;
    }

    /// <summary>The engine's caps with the limits the measured server was launched with in place of its defaults; null when the source sets none.</summary>
    public static EngineCaps? LaunchedCaps(MeasurementData m, ServingEngine engine, Assumptions assumptions)
    {
        if (m.Caps is not { } launched || (launched.MaxBatchedTokens is null && launched.MaxSequences is null))
        {
            return null;
        }

        var defaults = assumptions.Caps(engine);
        return defaults with
        {
            Label = defaults.Label + " as launched",
            MaxBatchedTokens = launched.MaxBatchedTokens ?? defaults.MaxBatchedTokens,
            MaxSequences = launched.MaxSequences ?? defaults.MaxSequences,
            Src = m.Source,
        };
    }

    /// <summary>Every published metric of every expressible row, estimated with the assumptions given.</summary>
    public static IReadOnlyList<CalibrationRow> Compare(IReadOnlyList<CorpusRow> corpus, Assumptions assumptions)
    {
        var rows = new List<CalibrationRow>();
        foreach (var row in corpus)
        {
            Estimate(row, assumptions, rows);
        }

        return rows;
    }

    /// <summary>Appends the estimate of each metric <paramref name="row"/> publishes.</summary>
    public static void Estimate(CorpusRow row, Assumptions assumptions, List<CalibrationRow> into)
    {
        var m = row.Measurement;
        var r = m.Results;
        var (input, output) = (row.InputTokens, row.OutputTokens);
        if (m.Scenario == MeasurementScenario.Latency)
        {
            var plan = row.Plans[0];
            var perReplica = (int)Math.Ceiling((m.Concurrency ?? 1) / (double)plan.Replicas);
            var point = m.Arrivals == ArrivalPattern.Burst && perReplica > 1
                ? ServingSchedule.BurstRun(plan.Setup, perReplica, input, output, m.Requests is { } sent ? (int)Math.Ceiling(sent / (double)plan.Replicas) : null, assumptions, plan.MemoryBatch)
                : ServingSchedule.AtConcurrency(plan.Setup, perReplica, input, output, assumptions, plan.MemoryBatch);
            var system = point.ThroughputTokensPerSecond * plan.Replicas;
            if (Units.DensePeak(plan.Setup) is null)
            {
                // Without a compute figure only the memory-bound decode is an estimate; prefill would be free.
                Add(into, row, "itl", "ms", r.ItlMs, point.ItlSeconds * 1000);
                Add(into, row, "decode", "tokens/s", r.DecodeTokensPerS, 1 / point.ItlSeconds);
                return;
            }

            Add(into, row, "throughput", "tokens/s", SystemThroughput(m), system);
            Add(into, row, "throughput", "tokens/s", r.TotalTokensPerS, system * (input + output) / output);
            if (ComparesTtft(m))
            {
                Add(into, row, "ttft", "ms", r.TtftMs, point.TtftSeconds * 1000);
            }

            Add(into, row, "itl", "ms", r.ItlMs, point.ItlSeconds * 1000);
            Add(into, row, "decode", "tokens/s", r.DecodeTokensPerS, 1 / point.ItlSeconds);
            if (r.PrefillTokensPerS is not null && point.PrefillStep is not null)
            {
                Add(into, row, "prefill", "tokens/s", r.PrefillTokensPerS, input / point.PrefillSeconds);
            }

            return;
        }

        // Throughput runs: the fastest of the plans the system could have run.
        var best = 0.0;
        foreach (var plan in row.Plans)
        {
            var point = ServingSchedule.Offline(plan.Setup, input, output, assumptions, plan.MemoryBatch);
            best = Math.Max(best, point.ThroughputTokensPerSecond * plan.Replicas);
        }

        if (m.Scenario == MeasurementScenario.Server)
        {
            best *= assumptions.Speed.Shared.ServerLoadFraction;
        }

        Add(into, row, "throughput", "tokens/s", SystemThroughput(m), best);
        Add(into, row, "throughput", "tokens/s", r.TotalTokensPerS, best * (input + output) / output);
    }

    /// <summary>
    /// Whether a run's published TTFT is compared: not when its clients arrive in drifting waves (<see cref="ArrivalPattern.Waves"/>),
    /// a schedule the model does not follow (one client has no waves), and not when the engine was called in-process
    /// (<see cref="BenchmarkHarness.InProcess"/>), whose first token leaves out an unknown part of the request cost the model adds.
    /// </summary>
    public static bool ComparesTtft(MeasurementData m) => m.Harness == BenchmarkHarness.Server && (m.Arrivals != ArrivalPattern.Waves || (m.Concurrency ?? 1) <= 1);

    /// <summary>Whole-system output tokens/s: as printed, or the per-GPU figure times the accelerators measured.</summary>
    public static double? SystemThroughput(MeasurementData m)
        => m.Results.ThroughputTokensPerS ?? (m.Results.ThroughputPerGpuTokensPerS * m.Count);

    /// <summary>Per category and in all.</summary>
    public static IReadOnlyList<ErrorSummary> Summarize(IReadOnlyList<CalibrationRow> rows)
        => Summarize(rows.Select(r => new ScoredPoint(r.Category, r.Fold, r.Measured, r.Estimate)).ToList());

    /// <summary>
    /// Whether a category's rows compare both a time and a rate (ITL in milliseconds and decode speed in tokens/s): its bias,
    /// estimate over measured, then has no one direction, since an estimate too fast is low on the one and high on the other.
    /// </summary>
    public static bool MixesDirections(string category) => category is SingleUserDecode or BatchedDecode;

    /// <summary>The fewest comparisons a kind of model needs in a category for a band of its own.</summary>
    public const int MinKindRows = 15;

    /// <summary>The fewest sources those comparisons come from: one source's habits are not a kind's.</summary>
    public const int MinKindSources = 3;

    /// <summary>
    /// Per category and kind of model (dense, mixture of experts), and per kind in all, where the kind has at least
    /// <see cref="MinKindRows"/> comparisons from <see cref="MinKindSources"/> sources. The two kinds are not estimated equally
    /// well (when this was written, mixtures of experts erred more in every category), so one band for both would flatter the
    /// one and wrong the other.
    /// </summary>
    public static IReadOnlyList<ErrorSummary> SummarizeByKind(IReadOnlyList<CalibrationRow> rows)
    {
        var points = rows.Select(r => (r.Kind, Point: new ScoredPoint(r.Category, r.Fold, r.Measured, r.Estimate))).ToList();
        return points.GroupBy(p => p.Kind).OrderBy(g => g.Key)
            .SelectMany(kind => Summarize(kind.Select(p => p.Point).ToList()).Select(s => s with { Kind = kind.Key }))
            .Where(s => s.Rows >= MinKindRows && s.Sources >= MinKindSources)
            .ToList();
    }

    /// <summary>The rows scored before any fit saw them, per category and in all.</summary>
    public static IReadOnlyList<ErrorSummary> Summarize(IReadOnlyList<UnseenRowData> rows)
        => Summarize(rows.Select(r => new ScoredPoint(r.Category, r.Fold, r.Measured, r.Estimate)).ToList());

    /// <summary>A measured value and an estimate of it, with the category and source it belongs to.</summary>
    private readonly record struct ScoredPoint(string Category, string Fold, double Measured, double Estimate)
    {
        public double RelativeError => (Estimate - Measured) / Measured;
    }

    private static IReadOnlyList<ErrorSummary> Summarize(IReadOnlyList<ScoredPoint> rows)
    {
        var summaries = rows.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summary(g.Key, g.ToList())).ToList();
        if (rows.Count > 0)
        {
            summaries.Add(Summary(All, rows));
        }

        return summaries;
    }

    private static ErrorSummary Summary(string category, IReadOnlyList<ScoredPoint> rows)
    {
        var errors = rows.Select(r => Math.Abs(r.RelativeError)).Order().ToList();
        var logBias = rows.Average(r => Math.Log(r.Estimate / r.Measured));
        return new ErrorSummary(category, rows.Count, rows.Select(r => r.Fold).Distinct(StringComparer.Ordinal).Count(),
            Quantile(errors, 0.5), Quantile(errors, 0.9), errors.Count(e => e <= 0.25) / (double)errors.Count, errors[^1], Math.Exp(logBias) - 1);
    }

    /// <summary>Linear interpolation between order statistics (the usual "type 7" quantile).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static void Add(List<CalibrationRow> rows, CorpusRow row, string metric, string unit, double? measured, double? estimate)
    {
        if (measured is { } value && estimate is { } e && double.IsFinite(e) && e > 0)
        {
            rows.Add(new CalibrationRow(row.Measurement, metric, unit, value, e, row.Fold, row.Plans[0].Setup.Model.Architecture.Kind));
        }
    }
}
