using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>What a calibration run produced: the constants fitted on every row, and each row scored by constants fitted without its source.</summary>
public sealed record CalibrationResult(
    SpeedConstants Constants,
    IReadOnlyList<CalibrationRow> Fitted,
    IReadOnlyList<CalibrationRow> HeldOut,
    IReadOnlyList<(MeasurementData Measurement, string Reason)> Unexpressed,
    int Measurements,
    int Folds)
{
    /// <summary>Comparisons per accelerator vendor with fitted factors, in vendor order.</summary>
    public IReadOnlyList<(string Vendor, int Rows)> VendorRows { get; init; } = [];
}

/// <summary>
/// Fits the speed constants to the measurement corpus and scores them with leave-one-source-out folds
/// (the calibrate command). The constants: per engine, the share of bandwidth and of dense compute it
/// reaches, its fixed cost per layer of a decode step and its host's per-layer floor on a step that carries a prompt; shared, the fixed cost per request, the latency of
/// an all-reduce, the share of offline throughput a latency-bounded server reaches, each MoE layer's fixed cost and the rows a routed expert's multiply needs for half its rate; per accelerator vendor
/// other than <see cref="ReferenceVendor"/> that the corpus measured, a factor on every engine's bandwidth and
/// compute shares, and for the reference vendor's Ampere and Ada parts one on compute only (<see cref="VendorFactors.NvidiaAmpereAda"/>). Each engine's constants are drawn towards the shared ones, and each vendor's factors towards
/// one (a penalty on their logs), so an engine or vendor with few rows borrows strength from the others instead
/// of fitting its rows' noise. Deterministic: a pattern search on fixed steps, rows in id order.
/// </summary>
public static class Calibrator
{
    /// <summary>Engines with their own constants; any other engine uses the shared base.</summary>
    public static readonly ServingEngine[] Engines = [ServingEngine.Vllm, ServingEngine.Sglang, ServingEngine.Trtllm, ServingEngine.Llamacpp, ServingEngine.Mlx];

    /// <summary>The vendor the engines' own constants describe: most of the corpus ran on its GPUs.</summary>
    public const string ReferenceVendor = GpuGenerations.NvidiaVendor;

    /// <summary>The most of its dense peak compute an engine may be fitted to reach.</summary>
    public const double MaxComputeShare = 0.98;

    private const int Shared = 5;
    private const int PerEngine = 5;
    private const int Base = Shared;
    private const double EnginePenalty = 0.5;
    private const double Huber = 0.5;

    /// <summary>
    /// The most of its peak memory bandwidth an engine may be fitted to reach: stream benchmarks on HBM reach about
    /// nine tenths of the datasheet figure, and no inference kernel does better than a stream copy.
    /// </summary>
    public const double MaxBandwidthShare = 0.9;

    /// <summary>
    /// The measurements the previous calibration has never seen (in none of its rows, unexpressed or unseen lists),
    /// scored by its constants: what the published model said of them before they could shape it.
    /// </summary>
    public static IReadOnlyList<CalibrationRow> ScoreUnseen(CatalogData catalog, CalibrationData previous)
    {
        var known = previous.Rows.Select(r => r.Measurement)
            .Concat(previous.Unexpressed.Select(u => u.Measurement))
            .Concat(previous.Unseen.Select(u => u.Measurement))
            .ToHashSet();
        var fresh = catalog.Measurements.Where(m => !known.Contains(m.Id)).ToArray();
        if (fresh.Length == 0)
        {
            return [];
        }

        var assumptions = Assumptions.From(catalog.Site, SpeedConstants.From(previous));
        var (corpus, _) = Calibration.Express(catalog with { Measurements = new EquatableArray<MeasurementData>(fresh) }, assumptions);
        return Calibration.Compare(corpus, assumptions)
            .OrderBy(r => r.Measurement.Id.Value, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The next content/calibration.yaml: measurements new since the catalog's calibration are scored by its constants
    /// first (kept in <see cref="CalibrationData.Unseen"/> from then on), then the constants are fitted again on all.
    /// </summary>
    public static CalibrationData Recalibrate(CatalogData catalog, ContentDate today, CancellationToken cancellationToken = default)
    {
        var previous = catalog.Calibration;
        var scoredToday = previous is null ? [] : ScoreUnseen(catalog, previous);
        var run = Run(catalog, catalog.Site, cancellationToken);
        return CalibrationFile.From(run, CalibrationFile.Unseen(previous, scoredToday, catalog.Measurements.Select(m => m.Id).ToHashSet(), today));
    }

    public static CalibrationResult Run(CatalogData catalog, SiteData site, CancellationToken cancellationToken = default)
    {
        var start = Assumptions.From(site, SpeedConstants.Uncalibrated);
        var (corpus, unexpressed) = Calibration.Express(catalog, start);
        var vendorOf = corpus.ToDictionary(r => r.Measurement.Id, r => VendorFactors.KeyOf(r.Plans[0].Setup.Gpu));
        var vendors = vendorOf.Values.Where(v => v != ReferenceVendor).Distinct().Order(StringComparer.Ordinal).ToArray();
        var all = Fit(corpus, start, vendors, cancellationToken);
        var fittedAssumptions = start with { Speed = ToConstants(all, vendors) };
        var fittedRows = Calibration.Compare(corpus, fittedAssumptions);
        var vendorRows = vendors.Select(v => (v, fittedRows.Count(r => vendorOf[r.Measurement.Id] == v))).ToList();

        var heldOut = new List<CalibrationRow>();
        var folds = corpus.Select(r => r.Fold).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var fold in folds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = corpus.Where(r => r.Fold != fold).ToList();
            // From the common starting point, not from the all-rows fit: that fit has seen this fold.
            var parameters = Fit(training, start, vendors, cancellationToken);
            heldOut.AddRange(Calibration.Compare(corpus.Where(r => r.Fold == fold).ToList(), start with { Speed = ToConstants(parameters, vendors) }));
        }

        heldOut = heldOut.OrderBy(r => r.Measurement.Id.Value, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();
        return new CalibrationResult(fittedAssumptions.Speed, fittedRows, heldOut, unexpressed, catalog.Measurements.Count, folds.Count) { VendorRows = vendorRows };
    }

    /// <summary>
    /// The starting point, in log space: shared request overhead, all-reduce latency, server share, MoE layer cost and expert half-rate rows; then
    /// the base engine constants; then each engine's log ratio to the base (zero); then each vendor's bandwidth and
    /// compute factors (zero: a factor of one).
    /// </summary>
    private static double[] Start(string[] vendors)
    {
        var p = new double[VendorsAt + (vendors.Length * PerVendor)];
        var s = SpeedConstants.StartShared;
        var e = SpeedConstants.Start;
        (p[0], p[1], p[2], p[3], p[4]) = (Math.Log(s.RequestOverheadMs), Math.Log(s.AllreduceLatencyUs), Math.Log(s.ServerLoadFraction), Math.Log(s.MoeLayerOverheadUs), Math.Log(s.ExpertHalfRateTokens));
        (p[Base], p[Base + 1], p[Base + 2], p[Base + 3], p[Base + 4]) = (Math.Log(e.BandwidthEfficiency), Math.Log(e.ComputeEfficiency), Math.Log(e.PrefillEfficiency), Math.Log(e.LayerOverheadUs), Math.Log(e.PromptLayerOverheadUs));
        return p;
    }

    private const int PerVendor = 2;

    private static int VendorsAt => Base + PerEngine + (Engines.Length * PerEngine);

    private static SpeedConstants ToConstants(double[] p, string[] vendors)
    {
        var engines = new Dictionary<ServingEngine, EngineConstants>();
        var base_ = Engine(p, Base, 0, 0, 0, 0, 0);
        foreach (var engine in Enum.GetValues<ServingEngine>())
        {
            var i = Array.IndexOf(Engines, engine);
            var at = Base + PerEngine + (i * PerEngine);
            engines[engine] = i < 0 ? base_ : Engine(p, Base, p[at], p[at + 1], p[at + 2], p[at + 3], p[at + 4]);
        }

        var shared = new SharedConstants(Math.Exp(p[0]), Math.Exp(p[1]), Math.Min(1, Math.Exp(p[2])), Math.Exp(p[3]), Math.Exp(p[4]));
        return new SpeedConstants(shared, engines, true)
        {
            Vendors = vendors.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => new VendorFactors(VendorFactors.FitsBandwidth(x.v) ? Math.Exp(p[VendorsAt + (x.i * PerVendor)]) : 1, Math.Exp(p[VendorsAt + (x.i * PerVendor) + 1])), StringComparer.Ordinal),
        };
    }

    private static EngineConstants Engine(double[] p, int at, double dBandwidth, double dCompute, double dPrefill, double dLayer, double dPromptLayer)
        => new(
            Math.Min(MaxBandwidthShare, Math.Exp(p[at] + dBandwidth)),
            Math.Min(MaxComputeShare, Math.Exp(p[at + 1] + dCompute)),
            Math.Min(MaxComputeShare, Math.Exp(p[at + 2] + dPrefill)),
            Math.Exp(p[at + 3] + dLayer),
            Math.Exp(p[at + 4] + dPromptLayer));

    /// <summary>Sum over rows of a Huber loss on log(estimate / measured), each measurement weighing one in all, plus the engines' pull towards the base and the vendors' towards one.</summary>
    private static double Loss(IReadOnlyList<CorpusRow> corpus, Assumptions start, string[] vendors, double[] p)
    {
        var assumptions = start with { Speed = ToConstants(p, vendors) };
        var rows = new List<CalibrationRow>(8);
        var loss = 0.0;
        foreach (var row in corpus)
        {
            rows.Clear();
            Calibration.Estimate(row, assumptions, rows);
            foreach (var r in rows)
            {
                var e = Math.Abs(Math.Log(r.Estimate / r.Measured));
                loss += (e <= Huber ? 0.5 * e * e : Huber * (e - (0.5 * Huber))) / rows.Count;
            }
        }

        for (var i = Shared + PerEngine; i < p.Length; i++)
        {
            loss += EnginePenalty * p[i] * p[i];
        }

        return loss;
    }

    /// <summary>The rows that measured one user's time to first token alone: each bounds the fixed costs it contains.</summary>
    public static IReadOnlyList<CorpusRow> SingleUserTtfts(IReadOnlyList<CorpusRow> corpus)
        => corpus.Where(r => r.Measurement.Scenario == MeasurementScenario.Latency && (r.Measurement.Concurrency ?? 1) <= 1 && r.Measurement.Results.TtftMs is > 0 && Calibration.ComparesTtft(r.Measurement)).ToList();

    /// <summary>
    /// Whether the fixed part of each single-user TTFT (the request's cost and the host's launch of its prompt step) fits within
    /// what was measured: a fixed cost cannot exceed the whole it is part of. Without this bound, rows the model gets too slow for
    /// want of a mechanism (a prompt that takes far longer than its math) raise the fixed costs on every page.
    /// </summary>
    public static bool FixedCostsFitMeasuredTtfts(IReadOnlyList<CorpusRow> singleUser, SpeedConstants constants, Assumptions start)
    {
        var assumptions = start with { Speed = constants };
        foreach (var row in singleUser)
        {
            var floor = (constants.Shared.RequestOverheadMs * 1e-3) + StepModel.PromptLaunchSeconds(row.Plans[0].Setup, assumptions);
            if (floor * 1000 > row.Measurement.Results.TtftMs!.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Pattern search in log space: try each constant up and down by the step, keep what lowers the loss, halve the step when nothing does.</summary>
    private static double[] Fit(IReadOnlyList<CorpusRow> corpus, Assumptions start, string[] vendors, CancellationToken cancellationToken)
    {
        var p = Start(vendors);
        var singleUser = SingleUserTtfts(corpus);

        // A group of the reference vendor's parts has no bandwidth factor (VendorFactors.FitsBandwidth): its slot moves nothing, so it is not tried.
        var unused = vendors.Select((v, i) => (v, i)).Where(x => !VendorFactors.FitsBandwidth(x.v)).Select(x => VendorsAt + (x.i * PerVendor)).ToHashSet();
        var best = Loss(corpus, start, vendors, p);
        for (var step = 0.5; step >= 0.01; step /= 2)
        {
            for (var sweep = 0; sweep < 12; sweep++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var improved = false;
                for (var i = 0; i < p.Length; i++)
                {
                    if (unused.Contains(i))
                    {
                        continue;
                    }

                    foreach (var direction in (ReadOnlySpan<double>)[1, -1])
                    {
                        var old = p[i];
                        p[i] = old + (direction * step);
                        if (!FixedCostsFitMeasuredTtfts(singleUser, ToConstants(p, vendors), start))
                        {
                            p[i] = old;
                            continue;
                        }

                        var loss = Loss(corpus, start, vendors, p);
                        if (loss < best - 1e-12)
                        {
                            best = loss;
                            improved = true;
                            break;
                        }

                        p[i] = old;
                    }
                }

                if (!improved)
                {
                    break;
                }
            }
        }

        return p;
    }
}
