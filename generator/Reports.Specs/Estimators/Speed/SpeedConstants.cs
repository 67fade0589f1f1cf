using Reports.Specs.Content;

namespace Reports.Specs.Estimators;

/// <summary>One engine's fitted constants: the share of the hardware it reaches, and what each step costs regardless of size.</summary>
/// <remarks>Decode and prefill reach different shares of the math: a decode batch multiplies skinny matrices, a prompt chunk fat ones.</remarks>
public sealed record EngineConstants(double BandwidthEfficiency, double ComputeEfficiency, double PrefillEfficiency, double LayerOverheadUs, double StepOverheadMs)
{
    /// <summary>Seconds every forward step pays before any byte is read: kernel launches per layer, scheduling and sampling per step.</summary>
    public double FixedSeconds(int layers) => (layers * LayerOverheadUs * 1e-6) + (StepOverheadMs * 1e-3);
}

/// <summary>Constants every engine shares.</summary>
public sealed record SharedConstants(double RequestOverheadMs, double AllreduceLatencyUs, double ServerLoadFraction, double MoeLayerOverheadUs)
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
    public static readonly EngineConstants Start = new(0.6, 0.4, 0.5, 10, 1);

    public static readonly SharedConstants StartShared = new(20, 10, 0.85, 20);

    public static SpeedConstants Uncalibrated { get; } = new(StartShared, Enum.GetValues<ServingEngine>().ToDictionary(e => e, _ => Start), false);

    public EngineConstants For(ServingEngine engine) => Engines.TryGetValue(engine, out var c) ? c : Engines.TryGetValue(ServingEngine.Other, out var other) ? other : Start;

    public static SpeedConstants From(CalibrationData? calibration)
    {
        if (calibration is null)
        {
            return Uncalibrated;
        }

        var engines = Enum.GetValues<ServingEngine>().ToDictionary(e => e, _ => Start);
        foreach (var e in calibration.Engines)
        {
            engines[e.Engine] = new EngineConstants(e.BandwidthEfficiency, e.ComputeEfficiency, e.PrefillEfficiency, e.LayerOverheadUs, e.StepOverheadMs);
        }

        var s = calibration.Shared;
        return new SpeedConstants(new SharedConstants(s.RequestOverheadMs, s.AllreduceLatencyUs, s.ServerLoadFraction, s.MoeLayerOverheadUs), engines, true);
    }
}

/// <summary>An engine's default scheduling caps (site.yaml engines), with where they are documented.</summary>
public sealed record EngineCaps(ServingEngine Engine, string Label, int MaxSequences, int MaxBatchedTokens, string Src)
{
    /// <summary>Used when site.yaml lists no caps for an engine: vLLM's historical defaults, stated as such on the methodology page.</summary>
    public static EngineCaps Fallback(ServingEngine engine) => new(engine, engine.ToString(), 256, 8192, "");
}
