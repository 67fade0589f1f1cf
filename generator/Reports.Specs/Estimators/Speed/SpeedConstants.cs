using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One engine's fitted constants: the share of the hardware it reaches, and what each step costs regardless of size.</summary>
/// <remarks>
/// Decode and prefill reach different shares of the math: a decode batch multiplies skinny matrices, a prompt chunk fat ones.
/// They also launch their kernels differently. A decode step replays a captured CUDA graph, so its fixed cost is the GPU's
/// own per-layer latency (<see cref="LayerOverheadUs"/>). A step that carries a prompt runs eagerly, or with graphs around
/// its attention only: the host launches each layer's kernels one by one (<see cref="PromptLayerOverheadUs"/>), and the step
/// takes at least that long however little the GPU has to do. The fitted values exceed what kernel launches alone cost, so the
/// constant also holds the host's other per-layer work on such a step (attention metadata, eager kernels).
/// </remarks>
public sealed record EngineConstants(double BandwidthEfficiency, double ComputeEfficiency, double PrefillEfficiency, double LayerOverheadUs, double PromptLayerOverheadUs)
{
    /// <summary>Seconds every forward step pays before any byte is read: the GPU's latency per layer between and inside its small kernels.</summary>
    public double FixedSeconds(int layers) => layers * LayerOverheadUs * 1e-6;

    /// <summary>Seconds the host takes to launch a prompt-carrying step's layers, which the GPU cannot finish sooner than.</summary>
    public double PromptLaunchSeconds(int layers) => layers * PromptLayerOverheadUs * 1e-6;
}

/// <summary>
/// What one vendor's accelerators make of every engine's efficiencies: the engines are fitted mostly on NVIDIA GPUs, and
/// the same engine's kernels reach a different share of the datasheet elsewhere (ROCm's on AMD Instinct, Metal's on Apple).
/// </summary>
public sealed record VendorFactors(double Bandwidth, double Compute)
{
    /// <summary>
    /// The name an accelerator's factors are fitted and read under. The factors stand for a vendor's software stack: ROCm's
    /// serving engines on AMD Instinct are another stack than llama.cpp's Vulkan or ROCm builds on a Ryzen AI Max's integrated
    /// GPU. So a vendor other than <see cref="Calibrator.ReferenceVendor"/> has one key per kind of part: its name for its
    /// datacenter parts ("AMD"), and its name with the segment for the others ("AMD unified", "Apple unified"). NVIDIA's parts
    /// of every segment run the one CUDA stack the engines' constants describe, but its Ampere and Ada parts have a key of their
    /// own for the math (<see cref="NvidiaAmpereAda"/>).
    /// </summary>
    public static string KeyOf(GpuData gpu)
        => gpu.Vendor == Calibrator.ReferenceVendor ? (gpu.Generation is GpuGenerations.Ampere or GpuGenerations.AdaLovelace ? NvidiaAmpereAda : gpu.Vendor)
            : gpu.Segment == GpuSegment.Datacenter ? gpu.Vendor : gpu.Vendor + " " + gpu.Segment.ToString().ToLowerInvariant();

    /// <summary>
    /// NVIDIA's Ampere and Ada Lovelace parts. The engines' constants are fitted mostly on Hopper and Blackwell, whose datasheet
    /// peaks the same engines reach a smaller share of: on the Ampere and Ada rows, prompts run faster than those constants say
    /// (llama.cpp's prompt speeds on eight Ampere and Ada cards measure about twice what they give). Their memory is read by the
    /// same CUDA kernels, so only the compute factor is fitted (<see cref="FitsBandwidth"/>).
    /// </summary>
    public const string NvidiaAmpereAda = Calibrator.ReferenceVendor + " Ampere/Ada";

    /// <summary>Whether a key's bandwidth factor is fitted: not for a group of the reference vendor's own parts, whose memory path the engines' constants already describe.</summary>
    public static bool FitsBandwidth(string key) => !key.StartsWith(Calibrator.ReferenceVendor + " ", StringComparison.Ordinal);

    public EngineConstants Apply(EngineConstants c) => c with
    {
        BandwidthEfficiency = Math.Min(Calibrator.MaxBandwidthShare, c.BandwidthEfficiency * Bandwidth),
        ComputeEfficiency = Math.Min(Calibrator.MaxComputeShare, c.ComputeEfficiency * Compute),
        PrefillEfficiency = Math.Min(Calibrator.MaxComputeShare, c.PrefillEfficiency * Compute),
    };
}

/// <summary>Constants every engine shares.</summary>
public sealed record SharedConstants(double RequestOverheadMs, double AllreduceLatencyUs, double ServerLoadFraction, double MoeLayerOverheadUs, double ExpertHalfRateTokens = 0)
{
    /// <summary>Seconds a step spends routing tokens to experts and gathering them back, per MoE layer: gating, sorting, the grouped matrix multiplies' launches.</summary>
    public double MoeSeconds(ArchitectureData a) => ParameterCount.CountMoeLayers(a) * MoeLayerOverheadUs * 1e-6;
}

/// <summary>
/// The speed model's constants: fitted by <c>calibrate</c> on the measurement corpus and read from
/// content/calibration.yaml. Without that file the model runs on <see cref="Uncalibrated"/>, the
/// fit's starting point, and says so.
/// </summary>
public sealed record SpeedConstants(SharedConstants Shared, IReadOnlyDictionary<ServingEngine, EngineConstants> Engines, bool Calibrated)
{
    /// <summary>Where the fit starts: round numbers of the right order, not measurements.</summary>
    public static readonly EngineConstants Start = new(0.6, 0.4, 0.5, 10, 300);

    public static readonly SharedConstants StartShared = new(20, 10, 0.85, 20, 8);

    public static SpeedConstants Uncalibrated { get; } = new(StartShared, Enum.GetValues<ServingEngine>().ToDictionary(e => e, _ => Start), false);

    /// <summary>Factors per accelerator vendor; a vendor the corpus has not measured has none, and the engines' constants apply as fitted.</summary>
    public IReadOnlyDictionary<string, VendorFactors> Vendors { get; init; } = new Dictionary<string, VendorFactors>();

    public EngineConstants For(ServingEngine engine) => Engines.TryGetValue(engine, out var c) ? c : Engines.TryGetValue(ServingEngine.Other, out var other) ? other : Start;

    /// <summary>The engine's constants on this accelerator: its vendor's factors applied.</summary>
    public EngineConstants For(ServingEngine engine, GpuData gpu) => Vendors.TryGetValue(VendorFactors.KeyOf(gpu), out var factors) ? factors.Apply(For(engine)) : For(engine);

    public static SpeedConstants From(CalibrationData? calibration)
    {
        if (calibration is null)
        {
            return Uncalibrated;
        }

        var engines = Enum.GetValues<ServingEngine>().ToDictionary(e => e, _ => Start);
        foreach (var e in calibration.Engines)
        {
            engines[e.Engine] = new EngineConstants(e.BandwidthEfficiency, e.ComputeEfficiency, e.PrefillEfficiency, e.LayerOverheadUs, e.PromptLayerOverheadUs);
        }

        var s = calibration.Shared;
        return new SpeedConstants(new SharedConstants(s.RequestOverheadMs, s.AllreduceLatencyUs, s.ServerLoadFraction, s.MoeLayerOverheadUs, s.ExpertHalfRateTokens), engines, true)
        {
            Vendors = calibration.Vendors.ToDictionary(v => v.Vendor, v => new VendorFactors(v.BandwidthFactor, v.ComputeFactor), StringComparer.Ordinal),
        };
    }
}

/// <summary>An engine's default scheduling caps (site.yaml engines), with where they are documented.</summary>
public sealed record EngineCaps(ServingEngine Engine, string Label, int MaxSequences, int MaxBatchedTokens, string Src)
{
    /// <summary>Used when site.yaml lists no caps for an engine: vLLM's historical defaults, stated as such on the methodology page.</summary>
    public static EngineCaps Fallback(ServingEngine engine) => new(engine, engine.ToString(), 256, 8192, "");
}
